package dev.otellab.ui.common;

import java.util.List;

/**
 * A stable color per service name: the same service has the same color in every view and
 * every run (a hash of the name picks from a palette readable on light and dark backgrounds).
 */
public final class ServiceColors {
    /** Web colors; none of them is red, which is kept for errors. */
    public static final List<String> PALETTE = List.of(
            "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
            "#9c755f", "#17becf", "#8c6bb1", "#bcbd22", "#1f77b4", "#2ca02c");

    private ServiceColors() {
    }

    public static String colorOf(String serviceName) {
        String name = serviceName == null ? "" : serviceName;
        int hash = 0;
        for (int i = 0; i < name.length(); i++) {
            hash = 31 * hash + name.charAt(i); // String.hashCode, spelled out: it must never change
        }
        return PALETTE.get(Math.floorMod(hash, PALETTE.size()));
    }
}
