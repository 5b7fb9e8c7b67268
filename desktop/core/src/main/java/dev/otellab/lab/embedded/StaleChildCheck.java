package dev.otellab.lab.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Before a lab child is launched on a fixed port: finds a child that an earlier run left there
 * (its console was killed). One this console's pid file proves to be ours (same process id,
 * same start time, our jar on its command line) is ended; anything else on the port is named
 * with how to end it. The pid file is written when a child starts and removed when it stops.
 */
final class StaleChildCheck {
    private static final Duration STOP_WAIT = Duration.ofSeconds(25);
    private static final Duration PORT_FREE_WAIT = Duration.ofSeconds(5);

    private final Path pidFile;
    private final String childName;
    private final String jarName;
    private final String portOption;

    /**
     * @param pidFile    where this kind of child's pid and start time are kept (in the lab's data folder)
     * @param childName  how the user knows the child ("lab-backend")
     * @param jarName    the jar file name found on the child's command line ("lab-backend.jar")
     * @param portOption the option that picks another port ("--backend-port")
     */
    StaleChildCheck(Path pidFile, String childName, String jarName, String portOption) {
        this.pidFile = pidFile;
        this.childName = childName;
        this.jarName = jarName;
        this.portOption = portOption;
    }

    /** Makes sure the port is free: ends a stale child of ours there, or says what holds it. */
    void clearPort(String bindAddress, int port) throws LabServiceStartException, InterruptedException {
        if (port == 0 || isFree(bindAddress, port)) {
            return;
        }
        Optional<ProcessHandle> ours = recordedChild();
        if (ours.isPresent()) {
            end(ours.get());
            forget();
            if (awaitFree(bindAddress, port)) {
                return;
            }
        }
        throw new LabServiceStartException(busyMessage(bindAddress, port, PortHolder.find(port)), List.of());
    }

    /** Notes a started child, so a later run can recognise it if this console dies without stopping it. */
    void record(Process child) {
        String started = child.info().startInstant().map(instant -> Long.toString(instant.toEpochMilli())).orElse("");
        try {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            Files.writeString(pidFile, child.pid() + " " + started + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // without the file a stale child is only named, not ended: nothing else depends on it
        }
    }

    /** Removes the record once the child is stopped. */
    void forget() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a leftover record is checked against the live process before it is trusted
        }
    }

    /** The recorded child, only if it still runs as the very process that was recorded. */
    Optional<ProcessHandle> recordedChild() {
        String[] fields;
        try {
            fields = Files.readString(pidFile, StandardCharsets.US_ASCII).trim().split("\\s+");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (fields.length != 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Instant started = Instant.ofEpochMilli(Long.parseLong(fields[1]));
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant().map(started::equals).orElse(false))
                    .filter(process -> PortHolder.describe(process).contains(jarName));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String busyMessage(String bindAddress, int port, Optional<ProcessHandle> holder) {
        String start = "Port " + port + " on " + bindAddress + " is already in use";
        String alternative = " or choose another port with " + portOption + ".";
        if (holder.isEmpty()) {
            return start + ", so " + childName + " cannot listen there. Stop the program using it"
                    + " (e.g. an earlier lab: `ss -ltnp 'sport = :" + port + "'` shows which)" + alternative;
        }
        long pid = holder.get().pid();
        String command = PortHolder.describe(holder.get());
        String what = command.contains(jarName)
                ? "It looks like a " + childName + " left running by an earlier lab. "
                : "";
        return start + " by process " + pid + " (" + abbreviate(command) + "), so " + childName
                + " cannot listen there. " + what + "End it with `kill " + pid + "`" + alternative;
    }

    private static void end(ProcessHandle process) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        }
    }

    private static boolean awaitFree(String bindAddress, int port) throws InterruptedException {
        long deadline = System.nanoTime() + PORT_FREE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (isFree(bindAddress, port)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static boolean isFree(String bindAddress, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(InetAddress.getByName(bindAddress), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String command) {
        return command.length() <= 160 ? command : command.substring(0, 157) + "...";
    }
}
