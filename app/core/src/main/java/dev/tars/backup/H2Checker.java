package dev.tars.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an extracted database copy and reads every row of every table: a damaged page fails the scan. The
 * row counts are reported as facts ({@code rows.MESSAGE} = 10000).
 */
public final class H2Checker implements SnapshotChecker {
  private static final Logger LOG = LoggerFactory.getLogger(H2Checker.class);

  @Override
  public String kind() {
    return H2BackupSource.KIND;
  }

  @Override
  public CheckResult check(Path folder) {
    Path store;
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> stores = files.filter(p -> p.getFileName().toString().endsWith(".mv.db")).toList();
      if (stores.size() != 1) {
        return CheckResult.problem("The backup should hold one database file but holds " + stores.size());
      }
      store = stores.get(0);
    } catch (IOException e) {
      return CheckResult.problem("The database copy could not be read: " + e.getMessage());
    }
    String base = store.toAbsolutePath().toString();
    base = base.substring(0, base.length() - ".mv.db".length());
    Map<String, Long> facts = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";IFEXISTS=TRUE", "tars", "");
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
          + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        // Reading every value (CLOBs included) touches every data page, which COUNT(*) alone would not.
        long rows = 0;
        try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= columns; i++) {
              r.getString(i);
            }
            rows++;
          }
        }
        facts.put("rows." + table, rows);
      }
      s.execute("SHUTDOWN");
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Database copy {} failed its check", store, e);
      problems.add("The database in the backup cannot be read: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return new CheckResult(problems, facts);
  }
}
