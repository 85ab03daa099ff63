package dev.tars.cli;

/** Turns a failure into the one line a person reads on the terminal. */
final class CliErrors {
  private CliErrors() {}

  static String describe(Throwable e) {
    Throwable shown = e;
    // Wrappers add nothing a person can act on; the first cause with its own message does.
    while ((shown instanceof java.util.concurrent.CompletionException
            || shown instanceof java.util.concurrent.ExecutionException
            || shown instanceof java.io.UncheckedIOException)
        && shown.getCause() != null) {
      shown = shown.getCause();
    }
    String message = shown.getMessage();
    if (message == null || message.isBlank()) {
      message = shown.getClass().getSimpleName() + " (details are in the log)";
    }
    return message.lines().findFirst().orElse(message);
  }
}
