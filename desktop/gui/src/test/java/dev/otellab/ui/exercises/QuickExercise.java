package dev.otellab.ui.exercises;

/** A short trainer's exercise for the Exercises tests, so they wait seconds, not the built-ins' half minute. */
final class QuickExercise {
    static final String YAML = """
            id: quick-failing-route
            title: Quick failing route
            topic: slis
            scenario:
              duration: 4s
              requestsPerSecond: 15
              failingPercent: 20
            question: Which route breaks the availability objective?
            answer:
              kind: route
              objective: availability
            hints:
              - Open the SLIs view.
              - Red is broken.
            """;

    private QuickExercise() {
    }
}
