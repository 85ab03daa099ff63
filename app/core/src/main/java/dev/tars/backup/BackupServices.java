package dev.tars.backup;

import dev.tars.config.AppPaths;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the standard {@link BackupService} of a data home, for the app and for the command line. */
public final class BackupServices {
  private BackupServices() {}

  /**
   * The database (live, through {@code BACKUP TO}) plus {@code extraSources} (e.g. the knowledge index), with
   * {@code settings.json} and {@code models.json} beside them.
   */
  public static BackupService standard(AppPaths paths, Database db, List<BackupSource> extraSources,
      List<SnapshotChecker> checkers, Supplier<BackupConfig> config, Clock clock, String appVersion) {
    List<BackupSource> sources = new ArrayList<>();
    String dbFolder = paths.home().relativize(db.file().toAbsolutePath().getParent()).toString().replace('\\', '/');
    sources.add(new H2BackupSource(db.dataSource(), dbFolder));
    sources.addAll(extraSources);
    return new BackupService(paths, sources,
        () -> Map.of(BackupExtras.SETTINGS, BackupExtras.settingsJson(db.dataSource()),
            BackupExtras.MODELS, BackupExtras.modelsJson(paths.models())),
        checkers, config, clock, appVersion, DiskSpace.SYSTEM);
  }

  /** Where the knowledge module keeps its Lucene index, relative to the data home. */
  public static final String KNOWLEDGE_INDEX = "knowledge/index";

  /**
   * The knowledge index's files, for use only while the app is stopped (no writer: the folder holds one
   * consistent commit). Same name and place as the live source of the knowledge module, so archives made
   * either way restore alike. The unpacked embedding model is left out; the app unpacks it again.
   */
  public static BackupSource knowledgeIndexOfStoppedApp(AppPaths paths) {
    return new FolderSource("knowledge-index", "lucene", paths.home().resolve(KNOWLEDGE_INDEX), KNOWLEDGE_INDEX,
        f -> !f.equals("write.lock"));
  }

  /**
   * Whether another process has the database open (H2 holds an OS lock on its file while open). A stopped app
   * leaves no lock, even after {@code kill -9}.
   */
  public static boolean databaseInUse(AppPaths paths) {
    Path file = Path.of(paths.database() + ".mv.db");
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
