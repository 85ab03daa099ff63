package dev.tars.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and run-queue wait of every thread of a process, read from Linux's {@code /proc/PID/task/TID/schedstat}
 * (nanoseconds on the CPU, nanoseconds runnable but waiting for a CPU) and {@code comm} (the thread's name). Two
 * snapshots give what each kind of thread did in between, which stays meaningful on a busy machine where wall
 * times do not: a generation that waits for the CPU shows as wait, not as work.
 *
 * <p>Threads are grouped by name. llama.cpp's threads (the server loop java-llama.cpp starts, and OpenMP's
 * workers, which inherit its name) are the threads called {@code java}, except this process's main thread;
 * the JVM names its own (JIT compilers, GC, VM thread) and Java threads carry their Java names.
 */
final class ThreadTimes {
  /** What a group of threads did between two snapshots, in nanoseconds. */
  record Usage(long llamaCpu, long llamaWait, long jitCpu, long gcCpu, long otherCpu) {
    static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    Usage plus(Usage o) {
      return new Usage(llamaCpu + o.llamaCpu, llamaWait + o.llamaWait, jitCpu + o.jitCpu, gcCpu + o.gcCpu,
          otherCpu + o.otherCpu);
    }

    /** CPU of everything that is not llama.cpp (JIT, GC, HTTP, SSE, logging). */
    long besidesLlamaCpu() {
      return jitCpu + gcCpu + otherCpu;
    }
  }

  private record Sample(String name, long cpu, long waited) {}

  /** One process's threads at one moment; empty where /proc is missing (not Linux) or the process is gone. */
  static final class Snapshot {
    private final Map<Long, Sample> threads;
    private final long excludedTid;

    private Snapshot(Map<Long, Sample> threads, long excludedTid) {
      this.threads = threads;
      this.excludedTid = excludedTid;
    }

    /**
     * CPU nanoseconds per kind of thread since {@code earlier}, the threads named alike (numbers dropped)
     * added up: which of the JVM's or the app's threads took the time {@link Usage} files under "other".
     */
    Map<String, Long> byName(Snapshot earlier) {
      Map<String, Long> cpu = new java.util.TreeMap<>();
      for (Map.Entry<Long, Sample> e : threads.entrySet()) {
        Sample now = e.getValue();
        Sample before = earlier.threads.getOrDefault(e.getKey(), new Sample(now.name(), 0, 0));
        String kind = e.getKey() == excludedTid ? "main" : now.name().replaceAll("[#-]?\\d+$", "");
        cpu.merge(kind, now.cpu() - before.cpu(), Long::sum);
      }
      return cpu;
    }

    /** Like {@link #byName}, for the time the threads waited for a CPU while runnable. */
    Map<String, Long> waitedByName(Snapshot earlier) {
      Map<String, Long> waited = new java.util.TreeMap<>();
      for (Map.Entry<Long, Sample> e : threads.entrySet()) {
        Sample now = e.getValue();
        Sample before = earlier.threads.getOrDefault(e.getKey(), new Sample(now.name(), 0, 0));
        String kind = e.getKey() == excludedTid ? "main" : now.name().replaceAll("[#-]?\\d+$", "");
        waited.merge(kind, now.waited() - before.waited(), Long::sum);
      }
      return waited;
    }

    /** What happened since {@code earlier}; threads born in between count from zero. */
    Usage since(Snapshot earlier) {
      long llamaCpu = 0;
      long llamaWait = 0;
      long jit = 0;
      long gc = 0;
      long other = 0;
      for (Map.Entry<Long, Sample> e : threads.entrySet()) {
        Sample now = e.getValue();
        Sample before = earlier.threads.getOrDefault(e.getKey(), new Sample(now.name(), 0, 0));
        long cpu = now.cpu() - before.cpu();
        long wait = now.waited() - before.waited();
        String name = now.name();
        if (name.equals("java") && e.getKey() != excludedTid) {
          llamaCpu += cpu;
          llamaWait += wait;
        } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          jit += cpu;
        } else if (name.startsWith("GC ") || name.startsWith("VM Thread") || name.startsWith("G1 ")) {
          gc += cpu;
        } else {
          other += cpu;
        }
      }
      return new Usage(llamaCpu, llamaWait, jit, gc, other);
    }
  }

  private ThreadTimes() {}

  /** The id of the calling thread, to leave the benchmark's own main thread out of llama.cpp's count. */
  static long currentTid() {
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
      return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static Snapshot take(long pid, long excludedTid) {
    Map<Long, Sample> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(task -> {
        try {
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
          String[] sched = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8).strip().split(" ");
          threads.put(Long.parseLong(task.getFileName().toString()),
              new Sample(name, Long.parseLong(sched[0]), Long.parseLong(sched[1])));
        } catch (IOException | RuntimeException e) {
          // The thread ended between listing and reading: it did nothing more worth counting.
        }
      });
    } catch (IOException e) {
      // Not Linux, or the process is gone: no figures.
    }
    return new Snapshot(threads, excludedTid);
  }
}
