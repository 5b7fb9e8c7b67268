package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmHttp;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.TimeRange;
import okhttp3.HttpUrl;

import java.net.URI;

/**
 * "Open in Grafana" addresses: Explore on a trace (Tempo data source) or on a log query (Loki
 * data source), and a dashboard by uid, all over a time range. The data source and dashboard
 * uids are the ones the lab's Grafana provisioning fixes (grafana/provisioning).
 */
public final class GrafanaLinks implements ExploreLinks {
    public static final String TEMPO_DATASOURCE_UID = "tempo";
    public static final String LOKI_DATASOURCE_UID = "loki";
    public static final String SLI_SLO_DASHBOARD_UID = "otel-lab-sli-slo";

    private final HttpUrl grafana;

    public GrafanaLinks(URI grafana) {
        if (grafana == null) {
            throw new IllegalArgumentException("No Grafana URL is set");
        }
        this.grafana = HttpUrl.get(grafana.toString());
    }

    /** Links into the Grafana of {@code endpoints}; throws IllegalArgumentException when it has none. */
    public static GrafanaLinks of(LgtmEndpoints endpoints) {
        return new GrafanaLinks(endpoints.grafana());
    }

    /** Explore with the trace open (TraceQL by trace id). */
    @Override
    public URI trace(TraceId traceId, TimeRange range) {
        ObjectNode query = query(TEMPO_DATASOURCE_UID, "tempo");
        query.put("queryType", "traceql");
        query.put("query", traceId.hex());
        return explore(TEMPO_DATASOURCE_UID, query, range);
    }

    /** Explore with the log filter as LogQL. */
    @Override
    public URI logs(LogFilter filter, TimeRange range) {
        ObjectNode query = query(LOKI_DATASOURCE_UID, "loki");
        query.put("expr", LogQl.of(filter));
        query.put("queryType", "range");
        return explore(LOKI_DATASOURCE_UID, query, range);
    }

    /** A dashboard by uid over the range. */
    public URI dashboard(String uid, TimeRange range) {
        HttpUrl.Builder url = path("d/" + uid);
        url.addQueryParameter("orgId", "1");
        url.addQueryParameter("from", Long.toString(millis(range.fromUnixNano())));
        url.addQueryParameter("to", Long.toString(millis(range.toUnixNano())));
        return url.build().uri();
    }

    /** The lab's SLI/SLO dashboard. */
    @Override
    public URI sliDashboard(TimeRange range) {
        return dashboard(SLI_SLO_DASHBOARD_UID, range);
    }

    private static ObjectNode query(String datasourceUid, String type) {
        ObjectNode query = LgtmHttp.JSON.createObjectNode();
        query.put("refId", "A");
        ObjectNode datasource = query.putObject("datasource");
        datasource.put("type", type);
        datasource.put("uid", datasourceUid);
        return query;
    }

    private URI explore(String datasourceUid, ObjectNode query, TimeRange range) {
        ObjectNode panes = LgtmHttp.JSON.createObjectNode();
        ObjectNode pane = panes.putObject("lab");
        pane.put("datasource", datasourceUid);
        ArrayNode queries = pane.putArray("queries");
        queries.add(query);
        ObjectNode time = pane.putObject("range");
        time.put("from", Long.toString(millis(range.fromUnixNano())));
        time.put("to", Long.toString(millis(range.toUnixNano())));
        HttpUrl.Builder url = path("explore");
        url.addQueryParameter("schemaVersion", "1");
        url.addQueryParameter("panes", panes.toString());
        url.addQueryParameter("orgId", "1");
        return url.build().uri();
    }

    private HttpUrl.Builder path(String path) {
        HttpUrl.Builder url = grafana.newBuilder();
        for (String segment : path.split("/")) {
            url.addPathSegment(segment);
        }
        return url;
    }

    private static long millis(long unixNano) {
        return unixNano == Long.MAX_VALUE ? System.currentTimeMillis() : unixNano / 1_000_000L;
    }
}
