package dev.otellab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the console's command line: `lab-console COMMAND [options]`. */
@Command(name = "lab-console",
        mixinStandardHelpOptions = true,
        versionProvider = LabConsole.Version.class,
        description = "OTel Lab Console: an OpenTelemetry lab with its own OTLP receiver, store and views.",
        subcommands = {
                CommandLine.HelpCommand.class,
                LabCommand.class,
                ReceiveCommand.class,
        })
public final class LabConsole {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        return new CommandLine(new LabConsole()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LabConsole.class.getPackage().getImplementationVersion();
            return new String[] {"lab-console " + (version == null ? "development build" : version)};
        }
    }
}
