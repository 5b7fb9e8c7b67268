package dev.otellab.lab.docker.compose;

import java.time.Duration;
import java.util.List;

/** A container healthcheck in the engine's form: test is ["CMD", ...] or ["CMD-SHELL", "..."]. */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    public Healthcheck {
        test = List.copyOf(test);
    }
}
