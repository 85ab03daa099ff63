package dev.tars.models;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What to fetch and where it goes once verified.
 *
 * @param url http or https address
 * @param target final location; nothing appears there until the file is complete and checked
 * @param sizeHint approximate size in bytes, used for the free-space check before connecting and as the
 *     ceiling of what the server may send ({@link #maxBytes()}); -1 if unknown
 * @param sha256 expected lower-case hex checksum, or null when no one can state it
 * @param check extra check of the finished file (GGUF header, archive sanity), run before the move
 */
public record DownloadRequest(URI url, Path target, long sizeHint, String sha256, FileCheck check) {
  public DownloadRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(check, "check");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("only http and https downloads are supported: " + url);
    }
    if (target.getFileName() == null) {
      throw new IllegalArgumentException("target must name a file: " + target);
    }
    if (sha256 != null) {
      sha256 = sha256.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The most bytes the download may bring, whatever the server announces: the size hint plus 10% and 1 MB of
   * slack (catalog sizes are rounded), or -1 (no ceiling but the free disk space) without a hint.
   */
  public long maxBytes() {
    return sizeHint > 0 ? sizeHint + sizeHint / 10 + 1_000_000 : -1;
  }

  public static DownloadRequest of(URI url, Path target) {
    return new DownloadRequest(url, target, -1, null, FileCheck.NONE);
  }
}
