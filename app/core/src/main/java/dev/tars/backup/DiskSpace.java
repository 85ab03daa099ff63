package dev.tars.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space of the disk holding a folder. A seam so that "disk full" can be tested without filling one. */
@FunctionalInterface
public interface DiskSpace {
  DiskSpace SYSTEM = folder -> Files.getFileStore(folder).getUsableSpace();

  long usableBytes(Path folder) throws IOException;
}
