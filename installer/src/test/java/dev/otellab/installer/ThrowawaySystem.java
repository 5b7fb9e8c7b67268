package dev.otellab.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This machine as seen from a private mount namespace in which /usr, /etc, /var and /opt are
 * overlays: a package can be installed with the real dpkg and its real maintainer scripts, and
 * every file it writes lands in the overlays' upper folders, not on the machine. Closing it ends
 * the namespace and deletes those folders. Needs root (CI and the developers' machines are).
 */
final class ThrowawaySystem implements AutoCloseable {
    static final List<String> OVERLAID = List.of("/usr", "/etc", "/var", "/opt");
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path scratch;
    private final Process holder;

    private ThrowawaySystem(Path scratch, Process holder) {
        this.scratch = scratch;
        this.holder = holder;
    }

    static ThrowawaySystem start() throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("lab-console-installer-it-");
        // unshare execs sleep in the new namespace: that process holds it, the other commands join it
        Process holder = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sleep", "1800")
                .redirectErrorStream(true).redirectOutput(scratch.resolve("holder.log").toFile()).start();
        ThrowawaySystem system = new ThrowawaySystem(scratch, holder);
        try {
            system.awaitOwnNamespace();
            for (String folder : OVERLAID) {
                Path upper = Files.createDirectories(system.upper(folder));
                Path work = Files.createDirectories(scratch.resolve("work" + folder));
                system.require("mounting an overlay on " + folder, system.run(Duration.ofSeconds(30), "mount", "-t", "overlay", "overlay",
                        "-o", "lowerdir=" + folder + ",upperdir=" + upper + ",workdir=" + work, folder));
            }
            Files.createDirectories(system.home());
        } catch (IOException | InterruptedException | RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    /** A folder outside the overlays for the test's own files (data folders, logs). */
    Path scratch(String name) throws IOException {
        return Files.createDirectories(scratch.resolve("files").resolve(name));
    }

    /** The home folder of the commands run here, so nothing lands in the real user's. */
    Path home() {
        return scratch.resolve("home");
    }

    /** Where the files written below {@code folder} (one of {@link #OVERLAID}) really are. */
    Path upper(String folder) {
        return scratch.resolve("upper" + folder);
    }

    /** Runs a command inside and waits for it, at most {@code limit}. */
    Run run(Duration limit, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(scratch, "run-", ".log");
        Process process = start(log, command);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(String.join(" ", command), -1, Files.readString(log) + "\n(stopped after " + limit.toSeconds() + " s)");
        }
        return new Run(String.join(" ", command), process.exitValue(), Files.readString(log));
    }

    /** Starts a command inside, its output (stdout and stderr) going to {@code log}. */
    Process start(Path log, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--"));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.equals("DISPLAY") || name.equals("WAYLAND_DISPLAY") || name.startsWith("XDG_")
                || name.startsWith("JAVA_") || name.startsWith("JDK_") || name.startsWith("LAB_"));
        env.put("PATH", PATH);
        env.put("HOME", home().toString());
        env.put("DEBIAN_FRONTEND", "noninteractive");
        return builder.start();
    }

    /** Every file, link or deleted-file marker written below the overlaid folders, as an absolute path inside. */
    List<String> writtenFiles() throws IOException {
        List<String> written = new ArrayList<>();
        for (String folder : OVERLAID) {
            Path upper = upper(folder);
            try (Stream<Path> files = Files.walk(upper)) {
                files.filter(file -> !Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .forEach(file -> written.add(folder + "/" + upper.relativize(file)));
            }
        }
        return written;
    }

    void require(String what, Run run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " failed: " + run);
        }
    }

    private void awaitOwnNamespace() throws IOException, InterruptedException {
        Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        Path theirs = Path.of("/proc", Long.toString(holder.pid()), "ns", "mnt");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!holder.isAlive()) {
                throw new IllegalStateException("unshare could not make a mount namespace (root needed): "
                        + Files.readString(scratch.resolve("holder.log")));
            }
            if (Files.exists(theirs) && !Files.readSymbolicLink(theirs).equals(own)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("unshare did not enter its own mount namespace within 30 s (ours is " + own + ")");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        holder.destroy();
        holder.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    record Run(String command, int exitCode, String output) {
        @Override
        public String toString() {
            return "'" + command + "' exited with " + exitCode + ":\n" + output;
        }
    }
}
