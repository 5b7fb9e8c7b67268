package dev.otellab.exercises;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Which route breaks the SLO?": the expected routes are those whose objective is RED in the SLO
 * status of the scenario's window. {@code objective} picks availability, latency or either;
 * the targets default to the lab's (99%, p95 500 ms).
 */
public record SloRouteChecker(Objective objective, Double availabilityPercent, Double p95Millis) implements AnswerChecker {
    public static final String KIND = "route";

    public enum Objective {
        @JsonProperty("availability") AVAILABILITY,
        @JsonProperty("latency") LATENCY,
        @JsonProperty("any") ANY
    }

    public SloRouteChecker {
        objective = objective == null ? Objective.ANY : objective;
        targets(availabilityPercent, p95Millis);
    }

    public SloTargets targets() {
        return targets(availabilityPercent, p95Millis);
    }

    @Override
    public String prompt() {
        return "a route, e.g. /api/tasks";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        List<SloStatus> routes = routeStatuses(telemetry);
        if (routes.isEmpty()) {
            return AnswerVerdict.notReady("No request of the scenario has been recorded yet.");
        }
        List<String> broken = routes.stream().filter(this::breaks).map(SloStatus::route).toList();
        if (broken.isEmpty()) {
            return AnswerVerdict.notReady("No route breaks the " + objectiveName() + " objective in what was recorded:"
                    + " the scenario did not produce its problem this time. Start it again.");
        }
        String route = normalize(answer);
        if (route.isEmpty()) {
            return AnswerVerdict.wrong("Enter a route, e.g. /api/tasks.");
        }
        Optional<SloStatus> named = routes.stream().filter(status -> status.route().equals(route)).findFirst();
        if (named.isEmpty()) {
            return AnswerVerdict.wrong("No request to " + route + " was recorded during the scenario.");
        }
        if (broken.contains(route)) {
            return AnswerVerdict.correct(route + " breaks the " + objectiveName() + " objective: " + describe(named.get())
                    + (broken.size() > 1 ? " (so does " + String.join(", ", broken.stream()
                    .filter(other -> !other.equals(route)).toList()) + ")" : "") + ".");
        }
        return AnswerVerdict.wrong(route + " meets its " + objectiveName() + " objective: " + describe(named.get()) + ".");
    }

    @Override
    public List<AnswerChoice> choices(ExerciseTelemetry telemetry) {
        return routeStatuses(telemetry).stream()
                .map(status -> new AnswerChoice(status.route(), status.route()))
                .toList();
    }

    private List<SloStatus> routeStatuses(ExerciseTelemetry telemetry) {
        return telemetry.slis().sloStatus(telemetry.service(), telemetry.window(), targets()).stream()
                .filter(status -> !status.route().isEmpty() && status.requests() > 0)
                .toList();
    }

    private boolean breaks(SloStatus status) {
        return switch (objective) {
            case AVAILABILITY -> status.availabilityHealth() == SloHealth.RED;
            case LATENCY -> status.latencyHealth() == SloHealth.RED;
            case ANY -> status.availabilityHealth() == SloHealth.RED || status.latencyHealth() == SloHealth.RED;
        };
    }

    private String objectiveName() {
        return switch (objective) {
            case AVAILABILITY -> "availability";
            case LATENCY -> "latency";
            case ANY -> "availability or latency";
        };
    }

    private static String describe(SloStatus status) {
        return String.format(Locale.ROOT, "availability %.1f%% (target %.1f%%), p95 %.0f ms (target %.0f ms), %d requests",
                status.availability() * 100, status.targets().availability() * 100, status.p95LatencyMillis(),
                status.targets().p95LatencyMillis(), status.requests());
    }

    /** "GET /api/tasks/" → "/api/tasks": a method in front and a trailing slash are forgiven. */
    static String normalize(String answer) {
        String text = answer == null ? "" : answer.trim();
        int space = text.lastIndexOf(' ');
        if (space >= 0) {
            text = text.substring(space + 1);
        }
        if (text.length() > 1 && text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static SloTargets targets(Double availabilityPercent, Double p95Millis) {
        double availability = availabilityPercent == null ? SloTargets.DEFAULT.availability() : availabilityPercent / 100;
        double latency = p95Millis == null ? SloTargets.DEFAULT.p95LatencyMillis() : p95Millis;
        return new SloTargets(availability, latency);
    }
}
