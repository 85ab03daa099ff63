package dev.tars.models;

/** Whether a model suits this machine's memory. */
public enum Fit {
  FITS("fits"),
  MAY_BE_SLOW("may be slow"),
  WONT_FIT("won't fit");

  private final String label;

  Fit(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Judges a model of {@code modelBytes} on a machine with {@code totalRamBytes} of memory.
   *
   * <p>llama.cpp maps the whole file and adds a KV cache and compute buffers on top, so a model needs about
   * its file size plus a fifth plus half a gigabyte. The operating system, the desktop and Tars itself keep
   * roughly the other half of memory busy on a typical machine: up to half of RAM runs comfortably, up to
   * 80% runs but competes with everything else (swapping, slow answers), more does not load.
   */
  public static Fit of(long totalRamBytes, long modelBytes) {
    if (totalRamBytes <= 0 || modelBytes < 0) {
      throw new IllegalArgumentException("RAM and model size must be known: " + totalRamBytes + ", " + modelBytes);
    }
    double needed = requiredBytes(modelBytes);
    if (needed <= 0.5 * totalRamBytes) {
      return FITS;
    }
    if (needed <= 0.8 * totalRamBytes) {
      return MAY_BE_SLOW;
    }
    return WONT_FIT;
  }

  /** Memory a model of this file size needs while it runs. */
  public static long requiredBytes(long modelBytes) {
    return modelBytes + modelBytes / 5 + 512L * 1024 * 1024;
  }
}
