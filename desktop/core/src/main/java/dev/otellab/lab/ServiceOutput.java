package dev.otellab.lab;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line a lab service printed, tagged with the service's name ({@code lab-web | {...}}) when the
 * lab runs more than one, so the Lab view can say whose line it is.
 */
public record ServiceOutput(String service, String line) {
    private static final String SEPARATOR = " | ";
    private static final Pattern TAGGED = Pattern.compile("^([a-z][a-z0-9-]{0,40}) \\| (.*)$", Pattern.DOTALL);

    /** The tagged form passed to output listeners. */
    public String tagged() {
        return service + SEPARATOR + line;
    }

    /** The service and the line of a tagged line; empty for a line without a tag. */
    public static Optional<ServiceOutput> parse(String tagged) {
        Matcher matcher = TAGGED.matcher(tagged);
        return matcher.matches() ? Optional.of(new ServiceOutput(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
