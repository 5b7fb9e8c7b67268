package dev.otellab.lab.docker.compose;

import java.util.Map;

/**
 * Compose's variable interpolation in one value: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset),
 * {@code ${VAR:?message}} / {@code ${VAR?message}} (required) and {@code $$} for a literal dollar.
 */
final class Interpolation {
    private final Map<String, String> environment;

    Interpolation(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The value with every variable replaced; a required variable that is missing is an error. */
    String apply(String value) throws InterpolationException {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '$' || i + 1 == value.length()) {
                out.append(c);
                i++;
            } else if (value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (value.charAt(i + 1) == '{') {
                int close = value.indexOf('}', i + 2);
                if (close < 0) {
                    throw new InterpolationException("'" + value + "' has a '${' without its closing '}'");
                }
                out.append(braced(value.substring(i + 2, close)));
                i = close + 1;
            } else {
                int end = i + 1;
                while (end < value.length() && isNameChar(value.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                } else {
                    out.append(environment.getOrDefault(value.substring(i + 1, end), ""));
                    i = end;
                }
            }
        }
        return out.toString();
    }

    private String braced(String expression) throws InterpolationException {
        int nameEnd = 0;
        while (nameEnd < expression.length() && isNameChar(expression.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = expression.substring(0, nameEnd);
        if (name.isEmpty()) {
            throw new InterpolationException("'${" + expression + "}' does not start with a variable name");
        }
        String operator = expression.substring(nameEnd);
        String current = environment.get(name);
        boolean unset = current == null;
        boolean unsetOrEmpty = unset || current.isEmpty();
        if (operator.isEmpty()) {
            return unset ? "" : current;
        } else if (operator.startsWith(":-")) {
            return unsetOrEmpty ? operator.substring(2) : current;
        } else if (operator.startsWith("-")) {
            return unset ? operator.substring(1) : current;
        } else if (operator.startsWith(":?")) {
            return required(name, current, unsetOrEmpty, operator.substring(2));
        } else if (operator.startsWith("?")) {
            return required(name, current, unset, operator.substring(1));
        }
        throw new InterpolationException("'${" + expression + "}' uses an operator compose does not know: '" + operator + "'");
    }

    private static String required(String name, String current, boolean missing, String message)
            throws InterpolationException {
        if (missing) {
            throw new InterpolationException("variable " + name + " is required"
                    + (message.isBlank() ? "" : ": " + message));
        }
        return current;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }

    /** A value could not be interpolated; the message says which variable and why. */
    static final class InterpolationException extends Exception {
        InterpolationException(String message) {
            super(message);
        }
    }
}
