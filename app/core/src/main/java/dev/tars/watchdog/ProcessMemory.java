package dev.tars.watchdog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process. Linux reads {@code /proc}; elsewhere the JVM's own heap is the best guess. */
public final class ProcessMemory {
  private ProcessMemory() {}

  public static OptionalLong residentBytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone.
    }
    return OptionalLong.empty();
  }

  /** This JVM: resident memory where known, else the heap in use. */
  public static long ofThisProcess() {
    return residentBytes(ProcessHandle.current().pid()).orElseGet(() -> {
      Runtime r = Runtime.getRuntime();
      return r.totalMemory() - r.freeMemory();
    });
  }
}
