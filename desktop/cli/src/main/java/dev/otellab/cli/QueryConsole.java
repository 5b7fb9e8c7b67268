package dev.otellab.cli;

import picocli.CommandLine.Command;

import java.util.List;
import java.util.Optional;

/**
 * The console as a query command's parent when the query's name is the first argument: no console
 * option can then be given, so the console's four option groups are left out. picocli reads every
 * option of the console by reflection on each run, about 40 ms of a query's cold start (decision
 * 0062). Its name, help options and version are the console's, so the query's usage, errors and exit
 * codes are those of the whole command line.
 */
@Command(name = "lab-console",
        mixinStandardHelpOptions = true,
        versionProvider = LabConsole.Version.class)
final class QueryConsole implements Runnable {
    /** The store queries: the commands a user runs often enough for their start-up to matter. */
    private static final List<Class<?>> QUERIES = List.of(
            TracesCommand.class, TraceCommand.class, LogsCommand.class, SliCommand.class);

    /** The query that {@code args} name as their first argument. */
    static Optional<Class<?>> namedFirst(String... args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        for (Class<?> query : QUERIES) {
            if (query.getAnnotation(Command.class).name().equals(args[0])) {
                return Optional.of(query);
            }
        }
        return Optional.empty();
    }

    /** Never runs: picocli runs the query named after it. */
    @Override
    public void run() {
        throw new IllegalStateException("a query console runs only its query");
    }
}
