package dev.otellab.lab;

import dev.otellab.telemetry.endpoints.LgtmEndpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The remote mode's settings as the Lab view's form edits them: what the remote lab uses now,
 * asking each backend without changing anything, and saving (which also points the remote lab
 * at the new settings). Calls that touch the network or the disk block: run them off the UI thread.
 */
public interface RemoteSettings {

    /** One backend's answer to a connection test. */
    record Check(String backend, boolean ok, String message) {
    }

    /** The settings the remote lab uses now (the saved ones at first). */
    LgtmEndpoints current();

    /** Asks every backend of {@code candidate} for its version; changes nothing. */
    List<Check> test(LgtmEndpoints candidate);

    /** Stores {@code next} (owner-only file) and points the remote lab at it. */
    void save(LgtmEndpoints next) throws IOException;

    /** Where {@link #save} writes. */
    Path file();
}
