package dev.tars.testkit.core;

import dev.tars.storage.Database;
import java.nio.file.Path;

/** The one way tests open a database: a real H2 file with every migration, in a test's own folder. */
public final class TestDatabase {
  private TestDatabase() {}

  /** Opens (creating it the first time) the database at {@code home/db/tars}, where the app keeps it. */
  public static Database open(Path home) {
    return Database.open(home.resolve("db/tars"));
  }
}
