package dev.otellab.cli;

import dev.otellab.app.LabEngines;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.window.ConsoleWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Entry point of the console's command line: `lab-console COMMAND [options]`; without a
 * command, the console window on the embedded lab.
 */
@Command(name = "lab-console",
        mixinStandardHelpOptions = true,
        versionProvider = LabConsole.Version.class,
        description = {"OTel Lab Console: an OpenTelemetry lab with its own OTLP receiver, store and views.",
                "Without a command, opens the console window (embedded lab: press Start in the Lab view)."})
public final class LabConsole implements Callable<Integer> {
    /** Every command, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            CommandLine.HelpCommand.class,
            LabCommand.class,
            ReceiveCommand.class,
            TracesCommand.class,
            TraceCommand.class,
            LogsCommand.class,
            SliCommand.class,
            MapCommand.class,
            VerifyCommand.class,
            StartCommand.class,
            StopCommand.class,
            ExercisesCommand.class,
            BundleCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            DiffCommand.class,
            BenchIngestCommand.class);

    /** Commands that run another one, which is then built with them: {@code start} (embedded) runs {@code lab}. */
    private static final Map<Class<?>, Class<?>> RUNS = Map.of(StartCommand.class, LabCommand.class);
    static final String NO_WINDOW = "This build of the console has no window. Run the lab headless with `lab-console lab`.";

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Mixin
    ReceiverOptions receiverOptions;

    @Mixin
    ServicePortOptions ports;

    @Mixin
    ExercisesDirOption exercisesDir;

    /** No command: the window. */
    @Override
    public Integer call() {
        EmbeddedLabSettings settings;
        try {
            settings = ports.applyTo(EmbeddedLabSettings.defaults(exercisesDir.applyTo(data.directories()))
                    .withReceiver(receiverOptions.toSettings()));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        EmbeddedLabSettings window = settings;
        Optional<ConsoleWindow> console = ConsoleWindow.find();
        if (console.isEmpty()) {
            spec.commandLine().getErr().println(NO_WINDOW);
            return 1;
        }
        return console.get().run(() -> LabEngines.switchable(window), settings.directories(), spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        StoreWarmUp.startFor(args);
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line printing to the given writers (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(args), out, err, args);
    }

    /** Runs {@code args} on the given command line with the console's writers and error handlers. */
    static int execute(CommandLine commandLine, PrintWriter out, PrintWriter err, String... args) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new FailureMessage());
        commandLine.setParameterExceptionHandler(new UsageErrorMessage());
        return commandLine.execute(args);
    }

    /** The whole command line: the console and every command (help, tests). */
    static CommandLine commandLine() {
        return withEveryCommand(new CommandLine(new LabConsole()));
    }

    /**
     * The console with only the command that {@code args} name, when they name one other than help:
     * picocli reads the annotations of every command it is given, which took about a third of a
     * query's start-up (decision 0046). Anything else (no command, help, a misspelt command, an
     * argument file) gets every command, for the listing and the suggestions.
     */
    static CommandLine commandLine(String... args) {
        CommandLine console = new CommandLine(new LabConsole());
        Optional<Class<?>> named = namedCommand(console.getCommandSpec(), args);
        if (named.isEmpty()) {
            return withEveryCommand(console);
        }
        console.addSubcommand(named.get());
        Class<?> runs = RUNS.get(named.get());
        return runs == null ? console : console.addSubcommand(runs);
    }

    private static CommandLine withEveryCommand(CommandLine console) {
        for (Class<?> command : COMMANDS) {
            console.addSubcommand(command);
        }
        return console;
    }

    /** The command class the first argument that is not a console option (or its value) names. */
    private static Optional<Class<?>> namedCommand(CommandSpec console, String... args) {
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            if (argument.startsWith("@")) {
                return Optional.empty();
            }
            if (!argument.startsWith("-")) {
                return command(argument);
            }
            OptionSpec option = console.findOption(argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument);
            if (option == null || option.usageHelp() || option.versionHelp()) {
                return Optional.empty();
            }
            if (!argument.contains("=") && option.arity().max() > 0) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** The command of this name, other than help. */
    private static Optional<Class<?>> command(String name) {
        for (Class<?> command : COMMANDS.subList(1, COMMANDS.size())) {
            if (command.getAnnotation(Command.class).name().equals(name)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /**
     * A failure the user can act on is a message, not a stack trace. (The handlers are classes, not
     * lambdas: a lambda of a picocli interface keeps picocli out of the class archive, decision 0046.)
     */
    private static final class FailureMessage implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception exception, CommandLine cmd, CommandLine.ParseResult parseResult) {
            String message = exception instanceof TelemetryQueryException ? exception.getMessage() : exception.toString();
            cmd.getErr().println(cmd.getColorScheme().errorText(message));
            cmd.getErr().flush();
            return 1;
        }
    }

    /** Bad input: the message and where to find help, not the whole usage. */
    private static final class UsageErrorMessage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException exception, String[] arguments) {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println(cmd.getColorScheme().errorText(exception.getMessage()));
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
    }

    /** The console's version, or "development build" when it does not run from a built jar. */
    static String versionText() {
        String version = LabConsole.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lab-console " + versionText()};
        }
    }
}
