package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.model.TraceId;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.TimeRange;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrafanaLinksTest {
    private static final TimeRange RANGE = new TimeRange(1795595100_000000000L, 1795595200_000000000L);
    private final GrafanaLinks links = GrafanaLinks.of(LgtmEndpoints.dockerDefaults()
            .withGrafana(URI.create("https://grafana.example.org/lab/")));

    @Test
    void aTraceOpensInExploreWithTheTempoDataSource() throws Exception {
        HttpUrl url = HttpUrl.get(links.trace(TraceId.parse("1FF8005C23C9C3FF693332AABECE5FE8"), RANGE));

        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.encodedPath()).isEqualTo("/lab/explore");
        assertThat(url.queryParameter("schemaVersion")).isEqualTo("1");
        JsonNode pane = LgtmHttp.JSON.readTree(url.queryParameter("panes")).elements().next();
        assertThat(pane.path("datasource").asText()).isEqualTo("tempo");
        JsonNode query = pane.path("queries").get(0);
        assertThat(query.path("datasource").path("uid").asText()).isEqualTo("tempo");
        assertThat(query.path("datasource").path("type").asText()).isEqualTo("tempo");
        assertThat(query.path("queryType").asText()).isEqualTo("traceql");
        assertThat(query.path("query").asText()).isEqualTo("1ff8005c23c9c3ff693332aabece5fe8");
        assertThat(pane.path("range").path("from").asText()).isEqualTo("1795595100000");
        assertThat(pane.path("range").path("to").asText()).isEqualTo("1795595200000");
    }

    @Test
    void aLogQueryOpensInExploreAsTheSameLogQlTheClientSends() throws Exception {
        LogFilter filter = LogFilter.forTrace(TraceId.parse("1ff8005c23c9c3ff693332aabece5fe8"));

        HttpUrl url = HttpUrl.get(links.logs(filter, RANGE));

        JsonNode query = LgtmHttp.JSON.readTree(url.queryParameter("panes")).elements().next().path("queries").get(0);
        assertThat(query.path("datasource").path("uid").asText()).isEqualTo("loki");
        assertThat(query.path("expr").asText()).isEqualTo(LogQl.of(filter))
                .isEqualTo("{service_name=~\".+\"} | trace_id=\"1ff8005c23c9c3ff693332aabece5fe8\"");
    }

    @Test
    void theSliDashboardOpensByItsUidOverTheRange() {
        assertThat(links.sliDashboard(RANGE)).isEqualTo(URI.create(
                "https://grafana.example.org/lab/d/otel-lab-sli-slo?orgId=1&from=1795595100000&to=1795595200000"));
        assertThat(links.dashboard("lab-overview", RANGE).getPath()).isEqualTo("/lab/d/lab-overview");
    }

    @Test
    void withoutAGrafanaUrlThereAreNoLinks() {
        assertThatThrownBy(() -> GrafanaLinks.of(LgtmEndpoints.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("No Grafana URL is set");
    }
}
