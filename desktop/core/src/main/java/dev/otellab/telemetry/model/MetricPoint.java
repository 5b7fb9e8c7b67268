package dev.otellab.telemetry.model;

import java.util.List;
import java.util.Map;

/**
 * One data point of one metric. Gauges and sums use {@code value}; histograms use
 * {@code count}, {@code sum}, {@code explicitBounds} and {@code bucketCounts} (explicit buckets;
 * exponential histograms and summaries keep count and sum only).
 */
public record MetricPoint(
        String name,
        String description,
        String unit,
        MetricType type,
        boolean monotonic,
        String serviceName,
        long startTimeUnixNano,
        long timeUnixNano,
        Map<String, Object> attributes,
        double value,
        long count,
        double sum,
        List<Double> explicitBounds,
        List<Long> bucketCounts,
        Resource resource) {

    public MetricPoint {
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        attributes = Attributes.copyOf(attributes);
        explicitBounds = explicitBounds == null ? List.of() : List.copyOf(explicitBounds);
        bucketCounts = bucketCounts == null ? List.of() : List.copyOf(bucketCounts);
        resource = resource == null ? Resource.EMPTY : resource;
        serviceName = serviceName == null || serviceName.isBlank() ? resource.serviceName() : serviceName;
    }
}
