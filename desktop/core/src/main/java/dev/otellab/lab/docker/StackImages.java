package dev.otellab.lab.docker;

import dev.otellab.lab.docker.compose.BuildSpec;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.images.ImagePuller;
import dev.otellab.lab.docker.images.LabBackendImage;
import dev.otellab.lab.docker.images.LocalImages;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images Docker mode's Start needs on the engine so that it pulls and builds nothing: every
 * service's image (compose.yaml interpolated, with the same overrides {@link DockerLab} applies)
 * and, for a built service (lab-backend), the base image its Dockerfile starts FROM, so that a
 * console with another lab-backend jar can rebuild it without a network.
 */
public final class StackImages {
    private static final Pattern ARG = Pattern.compile("(?i)^\\s*ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\\S*))?\\s*$");
    private static final Pattern FROM = Pattern.compile("(?i)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * One image Start needs. {@code base} is set for a service built from a Dockerfile: the image
     * its build starts from (needed again only when the console's lab-backend jar changes).
     */
    public record NeededImage(String image, String purpose, Optional<String> base) {
    }

    private final ComposeProject project;
    private final DockerLabSettings settings;

    private StackImages(ComposeProject project, DockerLabSettings settings) {
        this.project = project;
        this.settings = settings;
    }

    /** Reads the settings' compose file the way {@link DockerLab} does. */
    public static StackImages of(DockerLabSettings settings) throws ComposeFileException {
        ComposeProject project = ComposeFile.read(settings.composeFile(), settings.interpolationEnvironment())
                .withImages(settings.imageOverrides());
        return new StackImages(project, settings);
    }

    /**
     * Each image once, in file order; a built service's base image right after it (unless a
     * service runs it too).
     */
    public List<NeededImage> images() throws ComposeFileException {
        Map<String, NeededImage> needed = new LinkedHashMap<>();
        for (ComposeService service : project.services()) {
            Optional<String> base = Optional.empty();
            if (service.build().isPresent()) {
                base = Optional.of(baseImage(service, service.build().get()));
            }
            needed.putIfAbsent(service.image(), new NeededImage(service.image(), "service " + service.name(), base));
        }
        List<NeededImage> ordered = new ArrayList<>();
        for (NeededImage image : needed.values()) {
            ordered.add(image);
            if (image.base().isPresent() && !needed.containsKey(image.base().get())
                    && ordered.stream().noneMatch(other -> other.image().equals(image.base().get()))) {
                ordered.add(new NeededImage(image.base().get(), "base of " + image.image()
                        + " (rebuilding it needs no network)", Optional.empty()));
            }
        }
        return ordered;
    }

    /** The needed images the engine does not have. */
    public List<String> missingOn(LocalImages engine) throws ComposeFileException {
        return images().stream().map(NeededImage::image).filter(image -> engine.find(image).isEmpty()).toList();
    }

    /**
     * True when every built service's image was built from this console's lab-backend jar, so
     * Start will not rebuild it.
     */
    public boolean builtImagesCurrentOn(DockerEngine engine) throws StackException {
        for (ComposeService service : project.services()) {
            if (service.build().isPresent() && !backendImage(engine, service).isCurrent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes every needed image present: pulls what is missing (with progress), then builds the
     * built services' images unless they are current, as Start would.
     */
    public void ensurePresent(DockerEngine engine, StackListener listener)
            throws StackException, InterruptedException, ComposeFileException {
        ImagePuller puller = new ImagePuller(engine.client());
        Map<String, ComposeService> built = new HashMap<>();
        project.services().stream().filter(service -> service.build().isPresent())
                .forEach(service -> built.put(service.image(), service));
        for (NeededImage needed : images()) {
            if (built.containsKey(needed.image()) || puller.isPresent(needed.image())) {
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("cancelled");
            }
            puller.pull(needed.image(), listener);
        }
        for (ComposeService service : built.values()) {
            backendImage(engine, service).ensure(listener);
        }
    }

    private LabBackendImage backendImage(DockerEngine engine, ComposeService service) {
        BuildSpec build = service.build().orElseThrow();
        return new LabBackendImage(engine.client(), service.image(), build.dockerfilePath(), settings.backendJar(),
                build.args());
    }

    /** The first stage's FROM image, with ARG defaults and the build args substituted. */
    private String baseImage(ComposeService service, BuildSpec build) throws ComposeFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(build.dockerfilePath());
        } catch (IOException e) {
            throw ComposeFileException.at(project.file(), service.name(), "build",
                    "cannot read " + build.dockerfilePath() + ": " + e.getMessage());
        }
        Map<String, String> args = new HashMap<>();
        for (String line : lines) {
            Matcher arg = ARG.matcher(line);
            if (arg.matches()) {
                args.put(arg.group(1), build.args().getOrDefault(arg.group(1), arg.group(2) == null ? "" : arg.group(2)));
                continue;
            }
            Matcher from = FROM.matcher(line);
            if (from.matches()) {
                return substitute(from.group(1), args);
            }
        }
        throw ComposeFileException.at(project.file(), service.name(), "build",
                build.dockerfilePath() + " has no FROM line");
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            variable.appendReplacement(result, Matcher.quoteReplacement(args.getOrDefault(name, "")));
        }
        variable.appendTail(result);
        return result.toString();
    }
}
