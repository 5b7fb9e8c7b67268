package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --exercises-dir option: where a trainer's exercise files are, for the window and `exercises`. */
final class ExercisesDirOption {
    @Option(names = "--exercises-dir", paramLabel = "DIR",
            description = "A trainer's exercise files (*.yaml), shown after the built-in ones. Default: $"
                    + DataDirectories.EXERCISES_VARIABLE + ", else"
                    + " ~/.config/otel-lab-console/exercises.")
    Path folder;

    DataDirectories applyTo(DataDirectories directories) {
        return directories.withExercisesDir(folder);
    }
}
