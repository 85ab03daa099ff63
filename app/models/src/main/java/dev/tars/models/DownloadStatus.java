package dev.tars.models;

/** Where a download is. The last status of every download is PAUSED, CANCELLED, COMPLETED or FAILED. */
public enum DownloadStatus {
  QUEUED,
  CONNECTING,
  DOWNLOADING,
  /** The connection dropped or the server failed; trying again from where it stopped. */
  RETRYING,
  /** The server cannot resume; the partial file was discarded and the download starts from zero. */
  RESTARTING,
  VERIFYING,
  /** Unpacking an archive (speech models). */
  EXTRACTING,
  PAUSED,
  CANCELLED,
  COMPLETED,
  FAILED;

  public boolean isFinal() {
    return this == PAUSED || this == CANCELLED || this == COMPLETED || this == FAILED;
  }
}
