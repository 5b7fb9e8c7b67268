package dev.otellab.verify;

import dev.otellab.lab.embedded.LabBackendSettings;
import dev.otellab.telemetry.model.SloTargets;

import java.time.Duration;

/**
 * What a verify run sends and how it judges: how many requests, the shares that are slow and
 * failing on purpose, how slow "slow" is, the SLO targets for the normal requests, how long to
 * wait for the telemetry, and the service that is observed.
 */
public record VerifySettings(
        int requests,
        double slowShare,
        double errorShare,
        Duration slowDelay,
        SloTargets targets,
        Duration timeout,
        String service) {

    public static final int MAX_REQUESTS = 10_000;
    public static final Duration MAX_SLOW_DELAY = Duration.ofSeconds(10);
    public static final VerifySettings DEFAULT = new VerifySettings(100, 0.05, 0.02, Duration.ofMillis(800),
            SloTargets.DEFAULT, Duration.ofSeconds(60), LabBackendSettings.DEFAULT_SERVICE_NAME);

    public VerifySettings {
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("--requests is a number from 1 to " + MAX_REQUESTS + ", got " + requests);
        }
        checkShare("--slow", slowShare);
        checkShare("--errors", errorShare);
        if (slowShare + errorShare > 1) {
            throw new IllegalArgumentException("--slow and --errors add up to more than 100%");
        }
        if (slowDelay == null || slowDelay.isNegative() || slowDelay.compareTo(MAX_SLOW_DELAY) > 0) {
            throw new IllegalArgumentException("The slow delay is between 0 and 10 s (lab-backend's limit)");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be a positive duration, e.g. 60s");
        }
        if (targets == null || service == null || service.isBlank()) {
            throw new IllegalArgumentException("SLO targets and a service name are required");
        }
    }

    public VerifySettings withRequests(int value) {
        return new VerifySettings(value, slowShare, errorShare, slowDelay, targets, timeout, service);
    }

    public VerifySettings withShares(double slow, double errors) {
        return new VerifySettings(requests, slow, errors, slowDelay, targets, timeout, service);
    }

    public VerifySettings withTargets(SloTargets value) {
        return new VerifySettings(requests, slowShare, errorShare, slowDelay, value, timeout, service);
    }

    public VerifySettings withTimeout(Duration value) {
        return new VerifySettings(requests, slowShare, errorShare, slowDelay, targets, value, service);
    }

    public RequestMix plan() {
        return RequestMix.of(requests, slowShare, errorShare);
    }

    private static void checkShare(String option, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(option + " is a percentage from 0 to 100, got " + share * 100);
        }
    }
}
