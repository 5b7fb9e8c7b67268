package dev.otellab.bundle;

/** A bundle could not be written, read or loaded; the message says what and why, in one line. */
public class BundleException extends Exception {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
