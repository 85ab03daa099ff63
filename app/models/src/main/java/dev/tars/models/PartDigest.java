package dev.tars.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 of a part file's first {@link #bytes()} bytes, updated as bytes arrive, so that a finished download
 * needs no second pass over the file. Used by one download thread at a time.
 */
final class PartDigest {
  private MessageDigest digest = DownloadFiles.newDigest();
  private long bytes;

  long bytes() {
    return bytes;
  }

  void reset() {
    digest = DownloadFiles.newDigest();
    bytes = 0;
  }

  void update(ByteBuffer data) {
    bytes += data.remaining();
    digest.update(data);
  }

  /** Hashes what an earlier attempt or run left in {@code part}, up to {@code length} bytes. */
  void hashExisting(Path part, long length) throws IOException {
    reset();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(part)) {
      int n;
      while (bytes < length && (n = in.read(buffer, 0, (int) Math.min(buffer.length, length - bytes))) > 0) {
        digest.update(buffer, 0, n);
        bytes += n;
      }
    } catch (NoSuchFileException e) {
      reset();
    }
  }

  /** The checksum of {@code part}: from the running digest when it covers the whole file, else read again. */
  String finish(Path part, long size) throws IOException {
    return bytes == size ? HexFormat.of().formatHex(digest.digest()) : DownloadFiles.sha256(part);
  }
}
