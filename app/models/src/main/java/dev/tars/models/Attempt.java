package dev.tars.models;

/** Why one HTTP attempt of a download ended. */
sealed interface Attempt {
  record Done() implements Attempt {}

  record Stopped() implements Attempt {}

  /** Worth another try; {@code reason} describes what went wrong. */
  record Retry(DownloadText reason) implements Attempt {}

  record Fatal(DownloadText reason, boolean keepPart, Throwable cause) implements Attempt {}
}
