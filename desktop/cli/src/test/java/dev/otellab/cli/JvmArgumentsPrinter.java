package dev.otellab.cli;

import java.lang.management.ManagementFactory;

/** The main class of the small jar LauncherScriptTest runs through the real lab-console script: prints its JVM's options. */
public final class JvmArgumentsPrinter {
    private JvmArgumentsPrinter() {
    }

    public static void main(String[] args) {
        System.out.println(String.join("\n", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX"));
        System.out.println("args=" + String.join(" ", args));
    }
}
