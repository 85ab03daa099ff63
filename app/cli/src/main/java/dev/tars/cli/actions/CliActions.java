package dev.tars.cli.actions;

import dev.tars.actions.Actions;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.router.Router;
import dev.tars.actions.router.Routers;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;
import java.time.Duration;
import java.util.Optional;
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

  /**
   * The on-device rules and, only when they are unsure, the chat model chosen in the app (decision 1202). A
   * command line has no model loaded between runs, so the model is started then, and waited for at most
   * {@link #MODEL_LOAD_LIMIT}; without a chosen model, or when it does not start, the rules' answer stands.
   */
  Router router(PrintWriter err) {
    return Routers.withModel(() -> modelWhenUnsure(err), SECOND_STAGE_TIMEOUT);
  }

  static final Duration MODEL_LOAD_LIMIT = Duration.ofSeconds(60);
  static final Duration SECOND_STAGE_TIMEOUT = Duration.ofSeconds(30);

  private Optional<ChatEngine> modelWhenUnsure(PrintWriter err) {
    AppSettings settings = runtime.settings().get();
    boolean chosen = settings.engine() == EngineChoice.REMOTE ? !settings.remoteUrl().isBlank()
        : !settings.modelPath().isBlank();
    if (!chosen) {
      return Optional.empty();
    }
    err.println(words.get("do.askingModel"));
    err.flush();
    try {
      return Optional.of(runtime.engines().awaitReady(MODEL_LOAD_LIMIT));
    } catch (EngineException e) {
      org.slf4j.LoggerFactory.getLogger(CliActions.class).warn("No model for the router's second stage: {}",
          e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
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
