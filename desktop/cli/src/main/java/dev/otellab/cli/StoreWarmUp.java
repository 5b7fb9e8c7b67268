package dev.otellab.cli;

import dev.otellab.app.QuerySources;

import java.util.List;
import java.util.Locale;

/**
 * Readies the embedded store's reading (SQLite, logging) on a second thread while picocli reads the
 * arguments on the first: a query command spends a third of its start-up in each, and a second core
 * is then idle (decision 0054). Only for the commands that read the store, and not for their help.
 */
final class StoreWarmUp {
    /** The commands that open the embedded store for reading unless another --mode is given. */
    private static final List<String> STORE_QUERIES = List.of("traces", "trace", "logs", "sli", "map");
    private static final List<String> HELP = List.of("-h", "--help", "-V", "--version", "help");

    private StoreWarmUp() {
    }

    /** Starts the warm-up when {@code args} run a query of the embedded store; a failure is left to the query. */
    static void startFor(String... args) {
        if (!wanted(args)) {
            return;
        }
        Thread thread = new Thread(StoreWarmUp::prepare, "store-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether the first argument that is not an option names a store query, and no argument asks
     * for help or for another mode than embedded. A guess before picocli parses them (an option's
     * value before the command hides it): a wrong guess costs only the warm-up, never the result.
     */
    static boolean wanted(String... args) {
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            if (HELP.contains(argument)) {
                return false;
            }
            if (command == null && !argument.startsWith("-")) {
                command = argument;
            }
            String mode = argument.startsWith("--mode=") ? argument.substring("--mode=".length())
                    : argument.equals("--mode") && i + 1 < args.length ? args[i + 1] : null;
            if (mode != null && !mode.trim().toLowerCase(Locale.ROOT).equals("embedded")) {
                return false;
            }
        }
        return command != null && STORE_QUERIES.contains(command);
    }

    private static void prepare() {
        try {
            QuerySources.prepareStore();
        } catch (RuntimeException | LinkageError e) {
            // the query opens the store itself and reports what went wrong there
        }
    }
}
