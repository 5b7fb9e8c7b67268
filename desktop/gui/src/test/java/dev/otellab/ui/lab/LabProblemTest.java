package dev.otellab.ui.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabProblemTest {

    @Test
    void aBusyReceiverPortPointsAtTheConsolesOwnOption() {
        String action = LabProblem.actionFor("Port 4318 (OTLP/HTTP) on 127.0.0.1 is already in use. "
                + "Stop the other OTLP receiver (a Collector?) or choose another port with --http-port.");

        assertThat(action).contains("lab-console --http-port 0");
    }

    @Test
    void aHealthTimeoutSuggestsTryingAgain() {
        assertThat(LabProblem.actionFor("lab-backend did not become healthy within 30 s. Its last lines are below."))
                .contains("Start to try again");
    }

    @Test
    void anUnknownFailureStillSaysWhatToDo() {
        assertThat(LabProblem.actionFor("something else")).isEqualTo("Fix the cause above, then press Start again.");
        assertThat(new LabProblem(" ", java.util.List.of(), null).message()).isEqualTo("The lab could not start");
    }
}
