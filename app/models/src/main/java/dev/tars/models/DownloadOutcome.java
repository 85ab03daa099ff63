package dev.tars.models;

import java.nio.file.Path;

/** How a download ended. */
public sealed interface DownloadOutcome {

  /**
   * Checked and moved into place.
   *
   * @param sha256 the checksum of what arrived
   * @param verified whether it matched a checksum stated beforehand; false when none was known, in which
   *     case only the size and the request's own check (e.g. the GGUF header) vouch for the file
   */
  record Completed(Path file, long bytes, String sha256, boolean verified) implements DownloadOutcome {}

  /** Stopped on request; starting the same request again resumes from {@code bytesDone}. */
  record Paused(long bytesDone, long totalBytes) implements DownloadOutcome {}

  /** Stopped on request; the partial file was deleted. */
  record Cancelled() implements DownloadOutcome {}

  /**
   * Gave up. {@code reason} is for a person, in any language Tars speaks. When {@code resumable}, the bytes so
   * far are kept and starting the same request again continues from there.
   */
  record Failed(DownloadText reason, boolean resumable) implements DownloadOutcome {
    /** The reason in English (the command line, the log). */
    public String message() {
      return reason.english();
    }
  }
}
