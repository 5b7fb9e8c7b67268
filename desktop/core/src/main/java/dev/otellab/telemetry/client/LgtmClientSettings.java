package dev.otellab.telemetry.client;

import java.time.Duration;

/**
 * How patient the LGTM clients are: the time to open a connection, the time to wait for a
 * byte of the answer, how often an idempotent GET is retried after a connection failure, a 5xx
 * or a 429, and the first pause before a retry (doubling each time).
 */
public record LgtmClientSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration firstBackoff) {
    public static final LgtmClientSettings DEFAULT =
            new LgtmClientSettings(Duration.ofSeconds(3), Duration.ofSeconds(20), 2, Duration.ofMillis(250));

    /** The longest pause between two attempts, whatever a Retry-After header asks for. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    public LgtmClientSettings {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("Timeouts are positive durations");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("Retries are between 0 and 10, got " + retries);
        }
        firstBackoff = firstBackoff == null ? Duration.ZERO : firstBackoff;
    }

    public LgtmClientSettings withRetries(int value) {
        return new LgtmClientSettings(connectTimeout, readTimeout, value, firstBackoff);
    }

    public LgtmClientSettings withReadTimeout(Duration value) {
        return new LgtmClientSettings(connectTimeout, value, retries, firstBackoff);
    }

    /** The pause before retry number {@code attempt} (1-based), capped at {@link #MAX_BACKOFF}. */
    public Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }
}
