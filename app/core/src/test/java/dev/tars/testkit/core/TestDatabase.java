package dev.tars.testkit.core;

import dev.tars.config.AppPaths;
import dev.tars.storage.Database;
import java.nio.file.Path;

/** The one way tests open a database: a real H2 file with every migration, in a test's own folder. */
public final class TestDatabase {
  private TestDatabase() {}

  /** Opens (creating it the first time) the database at {@code home/db/tars}, where the app keeps it. */
  public static Database open(Path home) {
    return Database.open(home.resolve("db/tars"));
  }

  /** Opens the database of a test's data home laid out like the app's ({@link AppPaths#database()}). */
  public static Database open(AppPaths paths) {
    return Database.open(paths.database());
  }
}
