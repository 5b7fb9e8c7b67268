package dev.otellab.telemetry.files;

/** A trace file that cannot be read as a whole; the message says where (line) and what is wrong. */
public final class TraceFileException extends Exception {
    public TraceFileException(String message) {
        super(message);
    }
}
