package dev.otellab.exercises;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "What was the peak request rate?": a number read from the SLIs of the scenario's window,
 * overall or of one {@code route}, accepted within {@code tolerancePercent} (default 20%) of
 * what the lab recorded. The peak rate is the highest {@link #STEP} point, as the SLIs view
 * charts it over the last minutes.
 */
public record SliNumberChecker(Measure measure, String route, Double tolerancePercent) implements AnswerChecker {
    public static final String KIND = "number";
    public static final Duration STEP = Duration.ofSeconds(5);
    private static final Pattern LEADING_NUMBER = Pattern.compile("^[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)");

    public enum Measure {
        @JsonProperty("peak-request-rate") PEAK_REQUEST_RATE("the peak request rate", "requests per second"),
        @JsonProperty("requests") REQUESTS("the number of requests", "requests"),
        @JsonProperty("error-percent") ERROR_PERCENT("the share of failing requests", "%"),
        @JsonProperty("p95-ms") P95_MILLIS("the 95th percentile latency", "ms");

        private final String description;
        private final String unit;

        Measure(String description, String unit) {
            this.description = description;
            this.unit = unit;
        }
    }

    public SliNumberChecker {
        if (measure == null) {
            throw new IllegalArgumentException("A number answer needs a measure: peak-request-rate, requests, error-percent or p95-ms");
        }
        route = route == null ? SliSeries.ALL_ROUTES : route.trim();
        tolerancePercent = tolerancePercent == null ? 20.0 : tolerancePercent;
        if (!(tolerancePercent >= 0 && tolerancePercent <= 100)) {
            throw new IllegalArgumentException("The tolerance is between 0 and 100%, got " + tolerancePercent);
        }
    }

    @Override
    public String prompt() {
        return "a number (" + measure.unit + ")";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        SliReport report = telemetry.slis().sli(telemetry.service(), telemetry.window(), STEP);
        Optional<SliSeries> series = route.isEmpty() ? Optional.of(report.overall())
                : report.byRoute().stream().filter(candidate -> candidate.route().equals(route)).findFirst();
        if (series.isEmpty() || !series.get().total().hasRequests()) {
            return AnswerVerdict.notReady("No request of the scenario" + (route.isEmpty() ? "" : " to " + route)
                    + " has been recorded yet.");
        }
        double expected = measured(series.get());
        Optional<Double> given = parse(answer);
        if (given.isEmpty()) {
            return AnswerVerdict.wrong("Enter a number, e.g. 25.");
        }
        double allowed = Math.max(Math.abs(expected) * tolerancePercent / 100, tolerancePercent == 0 ? 0 : 0.5);
        String truth = measure.description + (route.isEmpty() ? "" : " of " + route) + " was " + format(expected)
                + " " + measure.unit;
        if (Math.abs(given.get() - expected) <= allowed) {
            return AnswerVerdict.correct("Right: " + truth + ".");
        }
        return AnswerVerdict.wrong(format(given.get()) + " is too " + (given.get() > expected ? "high" : "low")
                + " (answers within " + format(tolerancePercent) + "% count).");
    }

    private double measured(SliSeries series) {
        SliPoint total = series.total();
        return switch (measure) {
            case PEAK_REQUEST_RATE -> series.points().stream().filter(SliPoint::hasRequests)
                    .mapToDouble(SliPoint::requestRate).max().orElse(0);
            case REQUESTS -> total.requests();
            case ERROR_PERCENT -> total.errorRatio() * 100;
            case P95_MILLIS -> total.p95Millis();
        };
    }

    /** The number at the start of the answer: "25", "25.5 req/s", "12,5 %". */
    static Optional<Double> parse(String answer) {
        Matcher matcher = LEADING_NUMBER.matcher(answer == null ? "" : answer.trim());
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(matcher.group().replace(',', '.')));
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
