package dev.otellab.bundle;

import java.util.List;

/**
 * One `docker save` archive inside a bundle (gzip-compressed): its entry name, its size in bytes
 * and SHA-256 as stored, and the images it holds (an image and its build base share one archive,
 * so their common layers are stored once).
 */
public record BundleArchive(String file, long size, String sha256, List<BundleImage> images) {
    public BundleArchive {
        images = List.copyOf(images);
    }
}
