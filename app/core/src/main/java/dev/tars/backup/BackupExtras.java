package dev.tars.backup;

import dev.tars.storage.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The readable files beside the data in every archive: {@code settings.json} (secrets blanked; the database
 * copy holds them) and {@code models.json} (which model files were installed, not the files).
 */
public final class BackupExtras {
  public static final String SETTINGS = "settings.json";
  public static final String MODELS = "models.json";
  static final String HIDDEN = "(kept in the database copy only)";

  private BackupExtras() {}

  /** One installed model file. */
  public record ModelFile(String path, long size, String modifiedAt) {}

  public static byte[] settingsJson(DataSource dataSource) throws IOException {
    Map<String, String> settings = new TreeMap<>();
    new Jdbc(dataSource).query("SELECT name, content FROM setting", row -> settings.put(row.getString(1),
        isSecret(row.getString(1)) ? HIDDEN : row.getString(2)));
    return BackupCatalog.JSON.writeValueAsBytes(settings);
  }

  public static byte[] modelsJson(Path modelsFolder) throws IOException {
    List<ModelFile> models = new ArrayList<>();
    if (Files.isDirectory(modelsFolder)) {
      try (Stream<Path> walk = Files.walk(modelsFolder)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          models.add(new ModelFile(modelsFolder.relativize(p).toString().replace('\\', '/'), Files.size(p),
              Files.getLastModifiedTime(p).toInstant().toString()));
        }
      }
    }
    return BackupCatalog.JSON.writeValueAsBytes(models);
  }

  static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("apikey") || n.contains("api_key") || n.contains("token") || n.contains("password")
        || n.contains("secret");
  }
}
