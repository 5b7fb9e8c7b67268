package dev.otellab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lab-console bundle export|import|inspect FILE}: the offline image bundle for classrooms. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Carry the Docker lab's images to a machine with no network.",
                "export on a connected machine, import in the classroom; then the Docker lab starts offline."},
        subcommands = {
                CommandLine.HelpCommand.class,
                BundleExportCommand.class,
                BundleImportCommand.class,
                BundleInspectCommand.class,
        })
final class BundleCommand {
}
