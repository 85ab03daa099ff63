package dev.tars.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Every file of a folder, as it is on disk. Consistent only while nothing writes to the folder: used for data
 * of a stopped app (the safety backup before a restore, {@code tars backup} with the app closed).
 */
public final class FolderSource extends AbstractBackupSource {
  private final Path folder;
  private final Predicate<String> include;

  public FolderSource(String name, String kind, Path folder, String restorePath, Predicate<String> include) {
    super(name, kind, restorePath);
    this.folder = folder;
    this.include = include;
  }

  /** The closed H2 database files ({@code *.mv.db}) in {@code folder}. */
  public static FolderSource closedH2(Path folder, String restorePath) {
    return new FolderSource("database", H2BackupSource.KIND, folder, restorePath, f -> f.endsWith(".mv.db"));
  }

  @Override
  public String changeToken() {
    try {
      long newest = 0;
      long count = 0;
      for (String file : list()) {
        newest = Math.max(newest, Files.getLastModifiedTime(folder.resolve(file)).toMillis());
        count++;
      }
      return count + ":" + newest;
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public Snapshot snapshot(Path scratch) throws IOException {
    List<String> files = list();
    return new Snapshot() {
      @Override
      public List<String> files() {
        return files;
      }

      @Override
      public InputStream open(String file) throws IOException {
        return Files.newInputStream(folder.resolve(file));
      }

      @Override
      public void close() {}
    };
  }

  private List<String> list() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> folder.relativize(p).toString().replace('\\', '/'))
          .filter(include)
          .sorted()
          .toList();
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return List.of();
      }
      throw e.getCause();
    }
  }
}
