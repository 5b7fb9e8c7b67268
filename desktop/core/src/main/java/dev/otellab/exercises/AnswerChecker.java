package dev.otellab.exercises;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Checks a learner's answer against what the lab recorded: each kind derives the expected
 * answer from the query ports over the scenario's window (never from the exercise file), so the
 * answer is whatever this run of the scenario actually produced. In an exercise file it is the
 * {@code answer} block, chosen by {@code kind}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SloRouteChecker.class, name = SloRouteChecker.KIND),
        @JsonSubTypes.Type(value = TraceIdChecker.class, name = TraceIdChecker.KIND),
        @JsonSubTypes.Type(value = SlowestChildChecker.class, name = SlowestChildChecker.KIND),
        @JsonSubTypes.Type(value = LogLineChecker.class, name = LogLineChecker.KIND),
        @JsonSubTypes.Type(value = SliNumberChecker.class, name = SliNumberChecker.KIND),
        @JsonSubTypes.Type(value = FailureOriginChecker.class, name = FailureOriginChecker.KIND),
        @JsonSubTypes.Type(value = SlowestHopChecker.class, name = SlowestHopChecker.KIND),
})
public sealed interface AnswerChecker
        permits SloRouteChecker, TraceIdChecker, SlowestChildChecker, LogLineChecker, SliNumberChecker,
        FailureOriginChecker, SlowestHopChecker {

    /** The kinds an exercise file may name. */
    List<String> KINDS = List.of(SloRouteChecker.KIND, TraceIdChecker.KIND, SlowestChildChecker.KIND,
            LogLineChecker.KIND, SliNumberChecker.KIND, FailureOriginChecker.KIND, SlowestHopChecker.KIND);

    /** What the answer field asks for, e.g. "a route, e.g. /api/tasks". */
    String prompt();

    AnswerVerdict check(String answer, ExerciseTelemetry telemetry);

    /** Values the learner may pick from (what the window holds, not only the right one); none by default. */
    default List<AnswerChoice> choices(ExerciseTelemetry telemetry) {
        return List.of();
    }
}
