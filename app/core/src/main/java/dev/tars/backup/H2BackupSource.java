package dev.tars.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;

/**
 * The live H2 database. {@code BACKUP TO} copies the store as of one committed version while other
 * connections keep writing, so the copy is transactionally consistent without stopping the app.
 */
public final class H2BackupSource extends AbstractBackupSource {
  public static final String KIND = "h2";

  private final DataSource dataSource;

  /**
   * @param restorePath the database folder relative to the data home, usually {@code db}
   */
  public H2BackupSource(DataSource dataSource, String restorePath) {
    super("database", KIND, restorePath);
    this.dataSource = dataSource;
  }

  /** MVStore's version grows with every commit (WRITE_DELAY=0 stores each one) and not with reads. */
  @Override
  public String changeToken() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
            + " WHERE SETTING_NAME = 'info.CURRENT_VERSION'")) {
      return r.next() ? r.getString(1) : "";
    } catch (SQLException e) {
      return "";
    }
  }

  @Override
  public Snapshot snapshot(Path scratch) throws IOException {
    Path zip = scratch.resolve("h2-backup.zip");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new IOException("The database could not be copied: " + e.getMessage(), e);
    }
    ZipFile file = new ZipFile(zip.toFile());
    List<String> names = Collections.list(file.entries()).stream()
        .filter(e -> !e.isDirectory())
        .map(ZipEntry::getName)
        .sorted()
        .toList();
    return new Snapshot() {
      @Override
      public List<String> files() {
        return names;
      }

      @Override
      public InputStream open(String name) throws IOException {
        ZipEntry entry = file.getEntry(name);
        if (entry == null) {
          throw new IOException("No " + name + " in the database copy");
        }
        return file.getInputStream(entry);
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }
}
