package dev.otellab.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A run builds only the command it names; everything else sees every command. */
class LabConsoleTest {

    @Test
    void aRunThatNamesACommandBuildsOnlyThatCommand() {
        assertThat(LabConsole.commandLine("traces", "--limit", "3").getSubcommands()).containsOnlyKeys("traces");
        assertThat(LabConsole.commandLine("sli", "--help").getSubcommands()).containsOnlyKeys("sli");
        assertThat(LabConsole.commandLine("bundle", "export").getSubcommands()).containsOnlyKeys("bundle");
        assertThat(LabConsole.commandLine("start").getSubcommands()).as("start runs lab").containsOnlyKeys("start", "lab");
    }

    @Test
    void theConsolesOwnOptionsAndTheirValuesAreSkipped() {
        assertThat(LabConsole.commandLine("--data-dir", "logs", "traces").getSubcommands()).containsOnlyKeys("traces");
        assertThat(LabConsole.commandLine("--data-dir=logs", "trace", "abc").getSubcommands()).containsOnlyKeys("trace");
    }

    @Test
    void helpNoCommandAMisspeltCommandOrAnArgumentFileGetEveryCommand() {
        int all = LabConsole.commandLine().getSubcommands().size();
        assertThat(LabConsole.commandLine("help", "traces").getSubcommands()).hasSize(all).containsKey("help");
        assertThat(LabConsole.commandLine().getSubcommands()).containsKeys("traces", "logs", "sli", "receive");
        assertThat(LabConsole.commandLine("--help").getSubcommands()).hasSize(all);
        assertThat(LabConsole.commandLine("--data-dir", "/tmp/x").getSubcommands()).hasSize(all);
        assertThat(LabConsole.commandLine("tracs").getSubcommands()).hasSize(all);
        assertThat(LabConsole.commandLine("@arguments.txt").getSubcommands()).hasSize(all);
    }

    @Test
    void aCommandBuiltAloneAnswersAsInTheWholeCommandLine() {
        assertThat(LabConsole.commandLine("logs").getSubcommands().get("logs").getCommandSpec().qualifiedName())
                .isEqualTo(LabConsole.commandLine().getSubcommands().get("logs").getCommandSpec().qualifiedName());
    }
}
