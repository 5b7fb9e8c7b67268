package dev.otellab.backend.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class ThreadGroupCpuTest {

  @Test
  void namesTheGroupOfTheServersThreadsAsLinuxShortensThem() {
    assertThat(ThreadGroupCpu.groupOf("JettyServerThre")).isEqualTo(ThreadGroupCpu.REQUESTS);
    assertThat(ThreadGroupCpu.groupOf("BatchSpanProces")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("BatchLogRecordP")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("okhttp-dispatch")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("HttpClient-1-Se")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("jdkhttp-executo")).isEqualTo(ThreadGroupCpu.EXPORT);
    assertThat(ThreadGroupCpu.groupOf("GC Thread#1")).isEqualTo(ThreadGroupCpu.GC);
    assertThat(ThreadGroupCpu.groupOf("G1 Conc#0")).isEqualTo(ThreadGroupCpu.GC);
    assertThat(ThreadGroupCpu.groupOf("C2 CompilerThre")).isEqualTo(ThreadGroupCpu.JIT);
    assertThat(ThreadGroupCpu.groupOf("main")).isEqualTo(ThreadGroupCpu.OTHER);
  }

  @Test
  void readsThisProcesssOwnThreadsOnLinux() throws InterruptedException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
    CountDownLatch done = new CountDownLatch(1);
    Thread probe = new Thread(() -> awaitQuietly(done), "cpu-probe");
    probe.start();

    Map<String, ThreadGroupCpu.ThreadCpu> threads;
    try {
      threads = ThreadGroupCpu.of(ProcessHandle.current().pid());
    } finally {
      done.countDown();
      probe.join();
    }

    assertThat(threads.values()).extracting(ThreadGroupCpu.ThreadCpu::name).contains("cpu-probe");
    assertThat(ThreadGroupCpu.between(Map.of(), threads)).containsOnlyKeys(ThreadGroupCpu.GROUPS);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void countsEachThreadsOwnTimeSoAThreadThatEndedTakesNothingAway() {
    var before =
        Map.of(
            "11", new ThreadGroupCpu.ThreadCpu("JettyServerThre", 5_000),
            "12", new ThreadGroupCpu.ThreadCpu("JettyServerThre", 9_000), // ends in between
            "13", new ThreadGroupCpu.ThreadCpu("okhttp-dispatch", 1_000));
    var after =
        Map.of(
            "11", new ThreadGroupCpu.ThreadCpu("JettyServerThre", 7_000),
            "13", new ThreadGroupCpu.ThreadCpu("OkHttp http://1", 1_500), // renamed while it runs a call
            "14", new ThreadGroupCpu.ThreadCpu("JettyServerThre", 300), // started in between
            "15", new ThreadGroupCpu.ThreadCpu("C2 CompilerThre", 40));

    assertThat(ThreadGroupCpu.between(before, after))
        .containsEntry(ThreadGroupCpu.REQUESTS, 2_300L)
        .containsEntry(ThreadGroupCpu.EXPORT, 500L)
        .containsEntry(ThreadGroupCpu.JIT, 40L)
        .containsEntry(ThreadGroupCpu.GC, 0L);
  }
}
