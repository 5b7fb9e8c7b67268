package dev.otellab.ui.lab;

import dev.otellab.lab.LabStartException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the lab is not running, for the user: what happened (the engine's sentence), the lines
 * that show it (e.g. lab-backend's last output), and what to do next.
 */
public record LabProblem(String message, List<String> details, String action) {
    private static final Pattern OPTION = Pattern.compile("(--(?:backend-port|web-port|http-port|grpc-port))");

    public LabProblem {
        message = message == null || message.isBlank() ? "The lab could not start" : message.strip();
        details = List.copyOf(details);
        action = action == null ? "" : action;
    }

    public static LabProblem from(LabStartException failure) {
        return new LabProblem(failure.getMessage(), failure.details(), actionFor(failure.getMessage()));
    }

    /** A part that was running stopped by itself (its state line says why). */
    public static LabProblem partFailed(String part, String detail) {
        return new LabProblem(part + " failed: " + detail, List.of(),
                "Press Restart to start the lab again; lab-backend's last lines are in the output below.");
    }

    /** An unexpected error of the engine itself, with its kind. */
    public static LabProblem unexpected(Throwable failure) {
        String detail = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return new LabProblem("The lab could not start (" + failure.getClass().getSimpleName() + detail + ")",
                List.of(), "See the console's log for the stack trace, then press Start again.");
    }

    /**
     * The next step for a start failure. The engine's sentences name command-line options; in
     * the window they mean the options of {@code lab-console} itself.
     */
    static String actionFor(String message) {
        String text = message == null ? "" : message;
        Matcher option = OPTION.matcher(text);
        if (option.find()) {
            return "Free the port and press Start, or close the console and open it again with another port, e.g. "
                    + "`lab-console " + option.group(1) + " 0` (0 = any free port).";
        }
        if (text.contains("not built")) {
            return "Build lab-backend (`./mvnw -B -DskipTests package` in the project folder), then press Start.";
        }
        if (text.contains("exited with code")) {
            return "Its last lines below say why; fix that and press Start.";
        }
        if (text.contains("did not become healthy")) {
            return "The machine may be busy: press Start to try again.";
        }
        return "Fix the cause above, then press Start again.";
    }
}
