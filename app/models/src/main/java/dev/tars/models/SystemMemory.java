package dev.tars.models;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** How much memory this machine has (inside a container: the container's limit). */
public final class SystemMemory {
  private SystemMemory() {}

  /** Total physical memory in bytes, or -1 when the JVM cannot tell. */
  public static long totalBytes() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return -1;
  }
}
