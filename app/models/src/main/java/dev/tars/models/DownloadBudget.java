package dev.tars.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two limits a download stays within whatever the server sends: the size the request expects (catalog
 * sizes are approximate, so with some slack, see {@link DownloadRequest#maxBytes()}) and the free space on the
 * disk. Both are checked when the server announces a size and again while bytes arrive, which also covers
 * servers that announce nothing (no Content-Length, chunked bodies). Each check returns a reason to stop in
 * words for a person, or null to go on.
 */
final class DownloadBudget {
  private final DiskSpace diskSpace;
  private final Path staging;
  private final long diskMarginBytes;
  private final long expectedBytes;
  private final long maxBytes;

  DownloadBudget(DiskSpace diskSpace, Path staging, long diskMarginBytes, DownloadRequest request) {
    this.diskSpace = diskSpace;
    this.staging = staging;
    this.diskMarginBytes = diskMarginBytes;
    this.expectedBytes = request.sizeHint();
    this.maxBytes = request.maxBytes();
  }

  /** Whether {@code bytesNeeded} more fit on the disk beside the margin. */
  DownloadText room(long bytesNeeded) throws IOException {
    long free = diskSpace.usableBytes(staging);
    if (free < bytesNeeded + diskMarginBytes) {
      return DownloadText.of(DownloadText.Key.NO_ROOM, Bytes.human(bytesNeeded), Bytes.human(free),
          staging.toString());
    }
    return null;
  }

  /** Checks the full size the server announced (Content-Length or Content-Range), before any byte is written. */
  DownloadText announced(long totalBytes) {
    if (maxBytes > 0 && totalBytes > maxBytes) {
      return DownloadText.of(DownloadText.Key.TOO_LARGE_ANNOUNCED, Bytes.human(totalBytes),
          Bytes.human(expectedBytes));
    }
    return null;
  }

  /** Checks the bytes received so far against the expected size; cheap enough for every buffer. */
  DownloadText received(long bytesDone) {
    if (maxBytes > 0 && bytesDone > maxBytes) {
      return DownloadText.of(DownloadText.Key.TOO_LARGE_RECEIVED, Bytes.human(maxBytes), Bytes.human(expectedBytes));
    }
    return null;
  }

  /**
   * Checks the free space for what is still to come: the announced total when there is one, else the expected
   * size, else at least the next {@code stepBytes} (a server that never says how much it sends).
   */
  DownloadText stillFits(long bytesDone, long totalBytes, long stepBytes) throws IOException {
    long remaining = totalBytes > 0 ? totalBytes - bytesDone
        : Math.max(stepBytes, expectedBytes > 0 ? expectedBytes - bytesDone : 0);
    return room(Math.max(0, remaining));
  }
}
