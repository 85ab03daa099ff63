package dev.tars.storage;

import dev.tars.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database in file mode. {@code WRITE_DELAY=0} makes every commit durable before it returns
 * (H2's default delay lost the last second of commits on {@code kill -9}). The schema is migrated by Flyway
 * from every {@code db/migration} folder on the classpath, so feature modules bring their own tables.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final Path file;
  private final JdbcConnectionPool pool;

  private Database(Path file, JdbcConnectionPool pool) {
    this.file = file;
    this.pool = pool;
  }

  /**
   * Opens (creating if needed) the database at {@code file} (H2 appends {@code .mv.db}) and migrates it.
   *
   * @throws StorageException with a message for a person when the file is locked by another Tars, damaged or
   *     not writable
   */
  public static Database open(Path file) throws StorageException {
    return open(file, "");
  }

  /**
   * As {@link #open(Path)}, with extra H2 settings appended to the URL ({@code ";REUSE_SPACE=FALSE"}). For tests
   * of crash behaviour: see decision 1213 on H2 losing committed rows after repeated kills once it reuses space.
   */
  public static Database open(Path file, String extraSettings) throws StorageException {
    try {
      PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new StorageException("Cannot create the folder for the database " + file.getParent() + ": "
          + e.getMessage(), e);
    }
    // TRACE_LEVEL_FILE=0: no tars.trace.db. H2 would create it with the umask's mode, and its trace quotes
    // statements with their parameters (private text). Errors still reach Tars as SQLExceptions, which it logs.
    String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0"
        + extraSettings;
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "tars", "");
    pool.setMaxConnections(16);
    try {
      try (Connection probe = pool.getConnection()) {
        probe.isValid(1);
      }
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          // Each feature owns a version range (V1-V9 foundation, V10-V19 knowledge, V30-V39 memory...), so a
          // new migration of an early range arrives after later ones were applied: it must still run.
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (SQLException e) {
      pool.dispose();
      if (inUse(e)) {
        throw new DataFolderInUseException(describe(file, e), e);
      }
      throw new StorageException(describe(file, e), e);
    } catch (FlywayException e) {
      pool.dispose();
      throw new StorageException("The database " + file + " could not be upgraded: " + e.getMessage()
          + ". Your data was not changed; restore a backup or report this problem.", e);
    }
    LOG.info("Database open at {}", file.toAbsolutePath());
    // H2 creates its files with the process's umask; they hold private text and the remote engine's key.
    PrivateFiles.tighten(file.toAbsolutePath().getParent());
    return new Database(file, pool);
  }

  private static boolean inUse(SQLException e) {
    String detail = String.valueOf(e.getMessage());
    return detail.contains("already in use") || detail.contains("locked");
  }

  private static String describe(Path file, SQLException e) {
    String detail = String.valueOf(e.getMessage());
    if (inUse(e)) {
      return "Another Tars is already using the data folder " + file.getParent().getParent()
          + ". Close it first, or start this one with a different TARS_HOME.";
    }
    if (e.getErrorCode() == org.h2.api.ErrorCode.FILE_CORRUPTED_1) {
      return "The database file " + file + ".mv.db is damaged. Restore it from a backup (Backups page).";
    }
    return "Cannot open the database " + file + ": " + detail.lines().findFirst().orElse(detail);
  }

  public DataSource dataSource() {
    return pool;
  }

  /** A pooled connection in auto-commit mode; close it to give it back. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  public Path file() {
    return file;
  }

  /** Closes every connection and compacts the file. Safe to call twice. */
  @Override
  public void close() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      LOG.debug("Database already shut down: {}", e.getMessage());
    }
    pool.dispose();
    LOG.info("Database closed");
  }
}
