package dev.otellab.lab;

import java.util.List;

/** A snapshot of every part of the lab, in a stable order. */
public record LabStatus(LabMode mode, List<PartStatus> parts) {
    public LabStatus {
        parts = List.copyOf(parts);
    }

    public boolean allHealthy() {
        return !parts.isEmpty() && parts.stream().allMatch(part -> part.state() == PartState.HEALTHY);
    }

    public boolean anyFailed() {
        return parts.stream().anyMatch(part -> part.state() == PartState.FAILED);
    }

    public PartStatus part(String name) {
        return parts.stream().filter(part -> part.part().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No lab part named " + name));
    }
}
