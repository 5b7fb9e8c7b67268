package dev.otellab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's --help reads in whole sentences: nothing cut where a line wraps or a listing shortens it. */
class HelpTextTest {

    private static void collect(CommandLine command, String prefix, List<String> commandLines) {
        commandLines.add(prefix);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (!sub.getKey().equals("help")) {
                collect(sub.getValue(), (prefix + " " + sub.getKey()).strip(), commandLines);
            }
        }
    }

    private static String help(String commandLine) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" ")));
        args.add("--help");
        int code = LabConsole.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertThat(code).as(commandLine).isZero();
        return out.toString();
    }

    /** A line ending in the first part of a path ("~/.", "share/"), a number ("0.") or an abbreviation ("i."). */
    private static boolean brokenToken(String line) {
        if (line.endsWith("/")) {
            return true;
        }
        if (!line.endsWith(".")) {
            return false;
        }
        String token = line.substring(line.lastIndexOf(' ') + 1);
        return token.length() <= 2 || "/~0123456789".indexOf(token.charAt(token.length() - 2)) >= 0;
    }

    @Test
    void noLineBreaksInsideAWordOrAPath() {
        List<String> commands = new ArrayList<>();
        collect(LabConsole.commandLine(), "", commands);
        assertThat(commands).contains("traces", "logs", "sli", "bundle export");

        for (String command : commands) {
            List<String> lines = help(command).lines().map(String::strip).toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1);
                boolean cut = brokenToken(line) && !next.isEmpty() && Character.isLowerCase(next.charAt(0));
                assertThat(cut).as("'%s --help' breaks between \"%s\" and \"%s\"", command, line, next).isFalse();
            }
        }
    }

    @Test
    void everyCommandInAListingIsAWholeSentence() {
        List<String> commands = new ArrayList<>();
        collect(LabConsole.commandLine(), "", commands);
        for (String command : commands) {
            CommandLine cmd = LabConsole.commandLine();
            for (String part : command.isEmpty() ? new String[0] : command.split(" ")) {
                cmd = cmd.getSubcommands().get(part);
            }
            String[] description = cmd.getCommandSpec().usageMessage().description();
            if (!command.isEmpty()) {
                assertThat(description[0]).as("the line '%s' shows in its parent's listing", command).endsWith(".");
            }
        }
    }
}
