package dev.tars.cli.actions;

import dev.tars.actions.Actions;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.cli.CliRuntime;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the action commands use from the {@link TarsRuntime}: its actions feature, in the person's time zone
 * (the system's) and language (Settings, else the system's). The runtime is opened without documents, so a
 * note or a reminder never waits for the document index. One-shot commands never start the reminder
 * scheduler: reminders are delivered by the running app.
 */
final class CliActions implements AutoCloseable {
  static final String BUNDLE = "dev.tars.cli.actions.cli";

  private final TarsRuntime runtime;
  final Actions actions;
  final ZoneId zone;
  final Clock clock;
  /** The command line's words. */
  final Texts words;
  /** The actions module's words (its errors). */
  final Texts errors;

  private CliActions(TarsRuntime runtime, Actions actions, Locale locale) {
    this.runtime = runtime;
    this.actions = actions;
    this.zone = actions.zone();
    this.clock = actions.clock();
    this.words = Texts.of(BUNDLE, locale);
    this.errors = Texts.of(locale);
  }

  static CliActions open() {
    TarsRuntime runtime = CliRuntime.open(RuntimeOptions::withoutKnowledge);
    try {
      Locale locale = Texts.locale(runtime.settings().get().language());
      return new CliActions(runtime, runtime.actions(), locale);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** The words for a failure before the database could be opened (settings unknown): the system's language. */
  static Texts systemWords() {
    return Texts.of(BUNDLE, Locale.getDefault());
  }

  /** One action command's work on the opened actions; it prints what it did. */
  interface Work {
    void run(CliActions cli) throws ActionException;
  }

  /**
   * Opens the actions, runs {@code work} and closes them: exit code 0, or the refusal in the person's
   * language and the failure exit code.
   */
  static int run(CommandSpec spec, Work work) {
    try (CliActions cli = open()) {
      try {
        work.run(cli);
        return 0;
      } catch (ActionException e) {
        return cli.fail(spec, e);
      }
    }
  }

  /** Prints a person's error in their language and returns the failure exit code. */
  int fail(CommandSpec spec, ActionException e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("tars: " + e.describe(errors));
    err.flush();
    org.slf4j.LoggerFactory.getLogger(CliActions.class).info("Refused: {}", e.getMessage(), e);
    return 1;
  }

  @Override
  public void close() {
    runtime.close();
  }
}
