package dev.otellab.verify;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;

import java.util.List;
import java.util.Set;

/**
 * The SLIs of the routes verify's normal requests hit, over the run's traffic window: every
 * route the SLI source reports except those of the deliberately slow and failing requests.
 * Requests outside the window (the warm-up, earlier runs) are not in it.
 */
record NormalRoutes(List<SliSeries> routes) {
    static final Set<String> DELIBERATE_ROUTES = Set.of(VerifyTraffic.SLOW_ROUTE, VerifyTraffic.ERROR_ROUTE);

    static NormalRoutes read(SliSource slis, String service, TimeRange window) {
        List<SliSeries> normal = slis.sli(service, window, window.length()).byRoute().stream()
                .filter(series -> !DELIBERATE_ROUTES.contains(series.route()))
                .toList();
        return new NormalRoutes(normal);
    }

    long requests() {
        return routes.stream().mapToLong(series -> series.total().requests()).sum();
    }

    long errors() {
        return routes.stream().mapToLong(series -> series.total().errors()).sum();
    }

    /** The requests of all normal routes as one SLI point; latencies are not combinable, so NaN. */
    SliPoint combined(long fromUnixNano) {
        long requests = requests();
        double errorRatio = requests == 0 ? Double.NaN : (double) errors() / requests;
        return new SliPoint(fromUnixNano, requests, errors(), Double.NaN, errorRatio, 1 - errorRatio,
                Double.NaN, Double.NaN, Double.NaN);
    }
}
