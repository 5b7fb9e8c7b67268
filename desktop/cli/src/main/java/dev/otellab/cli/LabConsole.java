package dev.otellab.cli;

import dev.otellab.app.LabEngines;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.window.ConsoleWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
                "Without a command, opens the console window (embedded lab: press Start in the Lab view)."},
        subcommands = {
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
                BenchIngestCommand.class,
        })
public final class LabConsole implements Callable<Integer> {
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
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line printing to the given writers (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new LabConsole());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // A failure the user can act on is a message, not a stack trace.
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            String message = exception instanceof TelemetryQueryException ? exception.getMessage() : exception.toString();
            cmd.getErr().println(cmd.getColorScheme().errorText(message));
            cmd.getErr().flush();
            return 1;
        });
        // Bad input: the message and where to find help, not the whole usage.
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println(cmd.getColorScheme().errorText(exception.getMessage()));
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine.execute(args);
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
