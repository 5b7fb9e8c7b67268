package dev.otellab.cli;

import dev.otellab.exercises.Exercise;
import dev.otellab.exercises.ExerciseCatalog;
import dev.otellab.exercises.ExerciseLoader;
import dev.otellab.exercises.LoadProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lab-console exercises list}: the built-in exercises and a trainer's, and every trainer's
 * file that cannot be used with its reason (exit code 1 then), so a trainer can check a folder
 * before a session. The exercises themselves are done in the window's Exercises view.
 */
@Command(name = "exercises", mixinStandardHelpOptions = true,
        description = {"Lab exercises (done in the window's Exercises view).",
                "list: the built-in and the trainer's exercises, and the trainer's files that cannot be used."},
        subcommands = {ExercisesCommand.ListExercises.class})
final class ExercisesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the exercises; a trainer's file that cannot be used is reported with its reason (exit code 1)."})
    static final class ListExercises implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDirOption data;

        @Mixin
        ExercisesDirOption exercises;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path folder = exercises.applyTo(data.directories()).exercisesDir();
            ExerciseCatalog catalog = new ExerciseLoader().load(folder);
            TextTable table = new TextTable(List.of("ID", "TOPIC", "TITLE", "FROM"));
            for (Exercise exercise : catalog.exercises()) {
                table.row(exercise.id(), exercise.topic().displayName(), exercise.title(), exercise.source());
            }
            table.print(out);
            out.println();
            out.println("Trainer's folder: " + folder);
            out.flush();
            for (LoadProblem problem : catalog.problems()) {
                err.println("Not loaded: " + problem);
            }
            err.flush();
            return catalog.problems().isEmpty() ? 0 : 1;
        }
    }
}
