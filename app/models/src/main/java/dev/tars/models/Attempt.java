package dev.tars.models;

/** Why one HTTP attempt of a download ended. */
sealed interface Attempt {
  record Done() implements Attempt {}

  record Stopped() implements Attempt {}

  /** Worth another try; {@code message} describes what went wrong. */
  record Retry(String message) implements Attempt {}

  record Fatal(String message, boolean keepPart, Throwable cause) implements Attempt {}
}
