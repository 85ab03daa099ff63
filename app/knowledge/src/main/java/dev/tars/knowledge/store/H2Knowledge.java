package dev.tars.knowledge.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Opens an H2 file database migrated with every {@code db/migration} on the class path, for callers that run
 * without the app's shared database (CLI, benchmarks, tests). {@code WRITE_DELAY=0} so a {@code kill -9}
 * loses no acknowledged commit (see shared/STACK.md).
 */
public final class H2Knowledge {
  private H2Knowledge() {}

  public static JdbcConnectionPool open(Path databaseFile) {
    String url = "jdbc:h2:file:" + databaseFile.toAbsolutePath() + ";WRITE_DELAY=0";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    migrate(pool);
    return pool;
  }

  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
