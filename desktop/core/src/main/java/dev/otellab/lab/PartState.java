package dev.otellab.lab;

/** Where one part of the lab stands. */
public enum PartState {
    STOPPED, STARTING, HEALTHY, FAILED
}
