package dev.otellab.lab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabListenersTest {
    private final LabListeners listeners = new LabListeners();

    @Test
    void everyStatusListenerGetsTheSnapshotInTheOrderTheyWereAdded() {
        List<String> heard = new ArrayList<>();
        listeners.addStatusListener(status -> heard.add("first " + status.mode()));
        listeners.addStatusListener(status -> heard.add("second " + status.mode()));

        listeners.statusChanged(new LabStatus(LabMode.EMBEDDED, List.of(PartStatus.stopped("lab-backend"))));

        assertThat(heard).containsExactly("first EMBEDDED", "second EMBEDDED");
    }

    @Test
    void printedLinesGoToTheOutputListenersOnly() {
        List<String> lines = new ArrayList<>();
        List<LabStatus> statuses = new ArrayList<>();
        listeners.addOutputListener(lines::add);
        listeners.addStatusListener(statuses::add);

        listeners.printed("lab-web | {\"message\":\"listening\"}");
        listeners.printed("lab-backend | {\"message\":\"ready\"}");

        assertThat(lines).containsExactly("lab-web | {\"message\":\"listening\"}", "lab-backend | {\"message\":\"ready\"}");
        assertThat(statuses).isEmpty();
    }

    @Test
    void aListenerAddedWhileANotificationRunsHearsFromTheNextOne() {
        List<String> lines = new ArrayList<>();
        listeners.addOutputListener(line -> {
            if (lines.isEmpty()) {
                listeners.addOutputListener(later -> lines.add("late " + later));
            }
            lines.add(line);
        });

        listeners.printed("one");
        listeners.printed("two");

        assertThat(lines).containsExactly("one", "two", "late two");
    }
}
