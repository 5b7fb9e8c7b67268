package dev.otellab.ui.common;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.lgtm.GrafanaLinks;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class GrafanaOpenerTest {
    private final AtomicReference<Optional<URI>> grafana = new AtomicReference<>(Optional.empty());
    private final List<String> messages = new ArrayList<>();
    private final GrafanaOpener opener = new GrafanaOpener(() -> grafana.get().map(GrafanaLinks::new), messages::add);
    private final TimeRange range = new TimeRange(1_000_000_000_000L, 2_000_000_000_000L);

    @Test
    void linksExistOnlyWhileThereIsAGrafana() {
        assertThat(opener.availableProperty().get()).isFalse();
        assertThat(opener.traceLink(TraceId.parse("5b8efff798038103d269b633813fc60c"), range)).isEmpty();

        grafana.set(Optional.of(URI.create("http://127.0.0.1:3000")));
        opener.refresh();

        assertThat(opener.availableProperty().get()).isTrue();
        assertThat(opener.traceLink(TraceId.parse("5b8efff798038103d269b633813fc60c"), range)).get().asString()
                .startsWith("http://127.0.0.1:3000/explore").contains("5b8efff798038103d269b633813fc60c");
        assertThat(opener.logsLink(LogFilter.forTrace(TraceId.parse("5b8efff798038103d269b633813fc60c")), range)).get().asString()
                .contains("loki");
        assertThat(opener.sliDashboardLink(range)).get().asString().contains("/d/otel-lab-sli-slo");
    }

    @Test
    void openingWithoutAGrafanaSaysSo() {
        opener.open(Optional.empty());

        assertThat(messages).containsExactly("There is no Grafana in this lab mode");
    }
}
