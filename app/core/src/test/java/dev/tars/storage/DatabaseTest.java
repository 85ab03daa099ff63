package dev.tars.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path home;

  @Test
  void migratesAFreshDatabaseAndKeepsDataAcrossReopen() throws Exception {
    Path file = home.resolve("db/tars");
    try (Database db = Database.open(file)) {
      new Jdbc(db.dataSource()).update("INSERT INTO setting (name, content) VALUES ('a', 'b')");
    }
    try (Database db = Database.open(file)) {
      assertThat(new Jdbc(db.dataSource()).queryOne("SELECT content FROM setting WHERE name = 'a'",
          row -> row.getString(1))).contains("b");
      assertThat(new Jdbc(db.dataSource()).queryOne("SELECT name FROM project WHERE id = 1",
          row -> row.getString(1))).contains("Default");
    }
  }

  @Test
  void aMigrationOfAnEarlierRangeLandingAfterLaterOnesIsStillApplied() throws Exception {
    Path file = home.resolve("db/tars");
    try (Database db = Database.open(file)) {
      Jdbc jdbc = new Jdbc(db.dataSource());
      // As a database made before V2 existed, while later feature ranges (V10, V30, ...) were already applied.
      jdbc.update("DROP TABLE message_source");
      jdbc.update("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '2'");
    }
    try (Database db = Database.open(file)) {
      assertThat(new Jdbc(db.dataSource()).queryOne("SELECT COUNT(*) FROM message_source",
          row -> row.getInt(1))).contains(0);
    }
  }

  @Test
  void aDamagedFileGivesAMessageThatSaysWhatToDo() throws Exception {
    Path file = home.resolve("db/tars");
    Files.createDirectories(file.getParent());
    Files.write(home.resolve("db/tars.mv.db"), "this is not an H2 database, it was overwritten".repeat(200).getBytes());

    assertThatThrownBy(() -> Database.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("tars.mv.db")
        .hasMessageContaining("backup");
  }

  @Test
  void aSecondTarsOnTheSameDataFolderIsToldSo() throws Exception {
    Path file = home.resolve("db/tars");
    try (Database first = Database.open(file)) {
      Process second = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
          OpenDatabaseMain.class.getName(), file.toString()).redirectErrorStream(true).start();
      String output = new String(second.getInputStream().readAllBytes());
      assertThat(second.waitFor()).isEqualTo(3);
      assertThat(output).contains("Another Tars is already using the data folder");
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Opens the database in another process, as a second Tars would. */
  public static final class OpenDatabaseMain {
    public static void main(String[] args) {
      try (Database db = Database.open(Path.of(args[0]))) {
        System.out.println("opened");
      } catch (StorageException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }
}
