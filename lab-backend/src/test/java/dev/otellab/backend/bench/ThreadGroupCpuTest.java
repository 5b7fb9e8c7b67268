package dev.otellab.backend.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ThreadGroupCpuTest {

  @Test
  void namesTheGroupOfTheServersThreadsAsLinuxShortensThem() {
    assertThat(ThreadGroupCpu.groupOf("JettyServerThre")).isEqualTo(ThreadGroupCpu.REQUESTS);
    assertThat(ThreadGroupCpu.groupOf("BatchSpanProces")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("BatchLogRecordP")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("okhttp-dispatch")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("HttpClient-1-Wo")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("GC Thread#1")).isEqualTo(ThreadGroupCpu.GC);
    assertThat(ThreadGroupCpu.groupOf("G1 Conc#0")).isEqualTo(ThreadGroupCpu.GC);
    assertThat(ThreadGroupCpu.groupOf("C2 CompilerThre")).isEqualTo(ThreadGroupCpu.JIT);
    assertThat(ThreadGroupCpu.groupOf("main")).isEqualTo(ThreadGroupCpu.OTHER);
  }

  @Test
  void readsThisProcesssOwnThreadsOnLinux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");

    var nanos = ThreadGroupCpu.of(ProcessHandle.current().pid());

    assertThat(nanos).containsOnlyKeys(ThreadGroupCpu.GROUPS);
    assertThat(nanos.values().stream().mapToLong(Long::longValue).sum()).isPositive();
  }
}
