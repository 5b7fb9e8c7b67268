package dev.otellab.stack;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A command-line checker the stack tests run (docker-compose, promtool). Where the environment
 * requires the Docker tests (LAB_DOCKER_TESTS=required, set by .ci/run, which also installs these
 * tools) a missing tool is a failure; elsewhere the test is skipped with the package to install.
 */
record CommandLineTool(String command, String debianPackage) {
    static final CommandLineTool DOCKER_COMPOSE = new CommandLineTool("docker-compose", "docker-compose");
    static final CommandLineTool PROMTOOL = new CommandLineTool("promtool", "prometheus");
    static final CommandLineTool PROMETHEUS = new CommandLineTool("prometheus", "prometheus");

    private static final long TIME_LIMIT_SECONDS = 60;

    record Result(int exitCode, String output) {
    }

    /** Whether the tool is on the PATH (for checks that are optional everywhere, e.g. kubectl). */
    boolean installed() {
        return onPath() != null;
    }

    Path requireInstalled() {
        Path executable = onPath();
        String missing = command + " is not installed (Debian package " + debianPackage + ")";
        if (executable == null && "required".equals(System.getenv("LAB_DOCKER_TESTS"))) {
            fail(missing + ", and LAB_DOCKER_TESTS=required");
        }
        Assumptions.assumeTrue(executable != null, missing + ": skipped");
        return executable;
    }

    /** Runs the tool with only PATH, HOME, LANG and the given variables in its environment. */
    Result run(Path workingDirectory, Map<String, String> environment, String... arguments) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(requireInstalled().toString());
        commandLine.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("stack-tool-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workingDirectory.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                // A clean environment: what the developer's shell exports (COMPOSE_FILE,
                // GRAFANA_ADMIN_PASSWORD, ...) must not change what a test checks.
                builder.environment().keySet().retainAll(Set.of("PATH", "HOME", "LANG"));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", commandLine) + " did not finish within " + TIME_LIMIT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + commandLine + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + commandLine, e);
        }
    }

    Result runSuccessfully(Path workingDirectory, Map<String, String> environment, String... arguments) {
        Result result = run(workingDirectory, environment, arguments);
        assertThat(result.exitCode()).as("%s %s exit code; output:%n%s", command, List.of(arguments), result.output())
                .isZero();
        return result;
    }

    private Path onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
