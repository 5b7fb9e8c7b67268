package dev.otellab.lab.docker.compose;

/**
 * A volume of a service: a named volume of the project (source = its name in the file) or a
 * bind mount (source = an absolute host path).
 */
public record VolumeMount(Kind kind, String source, String target, boolean readOnly) {

    public enum Kind { NAMED, BIND }
}
