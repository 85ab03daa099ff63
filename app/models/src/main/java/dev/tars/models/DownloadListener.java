package dev.tars.models;

/**
 * Hears how a download goes. Called on download threads, never on a UI thread: a UI hops to its own
 * thread. Implementations must return quickly and must not throw.
 */
public interface DownloadListener {
  DownloadListener NONE = new DownloadListener() {};

  /** The download moved to {@code status}; {@code message} says why, in words for a person. */
  default void onStatus(DownloadStatus status, String message) {}

  /** At most about ten times a second while bytes arrive, and once more when a transfer ends. */
  default void onProgress(DownloadProgress progress) {}
}
