package dev.tars.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space on the disk holding a folder. A seam so that tests can simulate a full disk. */
@FunctionalInterface
public interface DiskSpace {
  /** The operating system's answer for the file store of {@code dir} (which must exist). */
  DiskSpace SYSTEM = dir -> Files.getFileStore(dir).getUsableSpace();

  long usableBytes(Path dir) throws IOException;
}
