package dev.otellab.lab.docker.engine;

import java.io.Closeable;

/** A followed container log: close it to stop following; it ends by itself when the container stops. */
public interface LogStream extends Closeable {

    /** True once the engine ended the stream (the container stopped, restarted or was removed) or it was closed. */
    boolean ended();

    /** When it ended, in epoch seconds; 0 while it is open. */
    long endedAtEpochSecond();

    @Override
    void close();
}
