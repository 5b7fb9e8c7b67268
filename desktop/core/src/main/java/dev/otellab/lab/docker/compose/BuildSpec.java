package dev.otellab.lab.docker.compose;

import java.nio.file.Path;
import java.util.Map;

/** How compose would build a service's image: the context folder, its Dockerfile and build args. */
public record BuildSpec(Path context, String dockerfile, Map<String, String> args) {
    public BuildSpec {
        args = Map.copyOf(args);
    }

    public Path dockerfilePath() {
        return context.resolve(dockerfile);
    }
}
