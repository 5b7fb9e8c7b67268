package dev.otellab.bundle;

/**
 * One image in a bundle: its name (repository:tag), the engine's image id (sha256:..., which
 * `docker load` keeps), its unpacked size in bytes, and why the lab needs it.
 */
public record BundleImage(String name, String id, long size, String purpose) {
}
