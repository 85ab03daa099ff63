package dev.tars.cli.actions;

import dev.tars.actions.Actions;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place the action commands open their services: the data home's database, memory and the actions
 * feature, in the person's time zone (the system's) and language (Settings, else the system's). When the
 * shared runtime lands, this becomes a lookup on it. One-shot commands never start the reminder scheduler:
 * reminders are delivered by the running app.
 */
final class CliActions implements AutoCloseable {
  static final String BUNDLE = "dev.tars.cli.actions.cli";

  final Database database;
  final Actions actions;
  final ZoneId zone;
  final Clock clock;
  /** The command line's words. */
  final Texts words;
  /** The actions module's words (its errors). */
  final Texts errors;

  private CliActions(Database database, Actions actions, ZoneId zone, Clock clock, Locale locale) {
    this.database = database;
    this.actions = actions;
    this.zone = zone;
    this.clock = clock;
    this.words = Texts.of(BUNDLE, locale);
    this.errors = Texts.of(locale);
  }

  static CliActions open() {
    AppPaths paths = AppPaths.fromEnvironment().ensureCreated();
    Database database = Database.open(paths.database());
    try {
      ZoneId zone = ZoneId.systemDefault();
      Clock clock = Clock.system(zone);
      Locale locale = Texts.locale(new StoredSettings(database.dataSource()).get().language());
      Actions actions = Actions.open(database.dataSource(), new MemoryService(database.dataSource(), clock), clock,
          zone, DesktopNotifier.NONE);
      return new CliActions(database, actions, zone, clock, locale);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The words for a failure before the database could be opened (settings unknown): the system's language. */
  static Texts systemWords() {
    return Texts.of(BUNDLE, Locale.getDefault());
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
    actions.close();
    database.close();
  }
}
