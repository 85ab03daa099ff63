package dev.tars.backup;

import dev.tars.models.DiskSpace;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tars.config.AppPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore waiting for the next start. Files are replaced only while nothing has them open, so the app writes
 * {@code restore-pending.json} in the data home and restarts; the launcher calls {@link #applyIfRequested}
 * before the database opens. Every step can be repeated: a crash half-way just runs the restore again.
 */
public final class PendingRestore {
  private static final Logger LOG = LoggerFactory.getLogger(PendingRestore.class);
  public static final String MARKER = "restore-pending.json";
  private static final String STAGING = "restore-staging";
  private static final String REPLACED = "restore-replaced";

  private PendingRestore() {}

  /** The marker's content: which archive, and its SHA-256 as verified when the restore was asked for. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Request(String id, String archive, String archiveSha256, String requestedAt) {}

  /** What happened at start. */
  public record Outcome(String restoredId, boolean restored, String safetyBackupId, List<String> problems) {}

  public static Path markerOf(AppPaths paths) {
    return paths.home().resolve(MARKER);
  }

  static void request(AppPaths paths, Request request) throws IOException {
    Files.createDirectories(paths.home());
    SafeFiles.writeAtomically(markerOf(paths), BackupCatalog.JSON.writeValueAsBytes(request));
  }

  public static Optional<Request> pending(AppPaths paths) {
    Path marker = markerOf(paths);
    if (!Files.exists(marker)) {
      return Optional.empty();
    }
    try {
      return Optional.of(BackupCatalog.JSON.readValue(marker.toFile(), Request.class));
    } catch (IOException e) {
      LOG.warn("Unreadable restore request {}", marker, e);
      return Optional.empty();
    }
  }

  public static void cancel(AppPaths paths) throws IOException {
    Files.deleteIfExists(markerOf(paths));
  }

  /**
   * Applies a requested restore; call before anything opens the database or the indexes.
   *
   * @return empty when no restore was requested; otherwise what was done. A restore that cannot be done
   *     safely changes nothing and reports why.
   */
  public static Optional<Outcome> applyIfRequested(AppPaths paths, Clock clock, String appVersion) {
    Optional<Request> pending = pending(paths);
    if (pending.isEmpty()) {
      if (Files.exists(markerOf(paths))) {
        removeMarker(paths);
        return Optional.of(new Outcome(null, false, null, List.of("The restore request was unreadable; nothing was restored.")));
      }
      return Optional.empty();
    }
    Request request = pending.get();
    Path archive = Path.of(request.archive());
    List<String> problems = new ArrayList<>();
    try {
      if (!Files.exists(archive)) {
        problems.add("Backup " + request.id() + " is no longer at " + archive + "; nothing was restored.");
      } else if (!SafeFiles.sha256(archive).equals(request.archiveSha256())) {
        problems.add("Backup " + request.id() + " changed after it was checked; nothing was restored.");
      }
    } catch (IOException e) {
      problems.add("Backup " + request.id() + " cannot be read (" + ArchiveWriter.describe(e) + "); nothing was restored.");
    }
    if (!problems.isEmpty()) {
      removeMarker(paths);
      LOG.error("Restore of {} abandoned: {}", request.id(), problems);
      return Optional.of(new Outcome(request.id(), false, null, problems));
    }
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      Manifest manifest = reader.manifest();
      String safetyId = safetyBackup(paths, manifest, clock, appVersion);
      Path staging = paths.home().resolve(STAGING);
      SafeFiles.deleteTree(staging);
      for (Manifest.Source source : manifest.sources()) {
        problems.addAll(reader.extractSource(source.name(), staging.resolve(source.name())));
      }
      if (!problems.isEmpty()) {
        SafeFiles.deleteTree(staging);
        removeMarker(paths);
        return Optional.of(new Outcome(request.id(), false, safetyId, problems));
      }
      Path replaced = paths.home().resolve(REPLACED);
      SafeFiles.deleteTree(replaced);
      Files.createDirectories(replaced);
      for (Manifest.Source source : manifest.sources()) {
        Path target = target(paths, source);
        if (Files.exists(target)) {
          Files.move(target, replaced.resolve(source.name()));
        }
        Files.createDirectories(target.getParent());
        Files.move(staging.resolve(source.name()), target);
      }
      removeMarker(paths);
      SafeFiles.deleteTree(replaced);
      SafeFiles.deleteTree(staging);
      LOG.info("Restored backup {} (safety backup of the replaced data: {})", request.id(), safetyId);
      return Optional.of(new Outcome(request.id(), true, safetyId, List.of()));
    } catch (BackupException e) {
      LOG.error("Restore of {} failed", request.id(), e);
      removeMarker(paths);
      return Optional.of(new Outcome(request.id(), false, null, List.of(e.getMessage())));
    } catch (IOException e) {
      // The marker stays: the next start repeats the restore from the beginning.
      LOG.error("Restore of {} interrupted; it will be tried again at the next start", request.id(), e);
      return Optional.of(new Outcome(request.id(), false, null, List.of("The restore could not finish ("
          + ArchiveWriter.describe(e) + "); it will be tried again at the next start.")));
    }
  }

  static Path target(AppPaths paths, Manifest.Source source) {
    Path target = paths.home().resolve(source.restorePath()).normalize();
    if (!target.startsWith(paths.home().normalize()) || target.equals(paths.home().normalize())) {
      throw new BackupException("The backup wants to restore into " + source.restorePath()
          + ", which is outside the Tars data folder; nothing was restored.");
    }
    return target;
  }

  /** Archives exactly what the restore will replace, as it is now on disk (nothing has it open). */
  private static String safetyBackup(AppPaths paths, Manifest manifest, Clock clock, String appVersion) {
    List<BackupSource> sources = new ArrayList<>();
    long bytes = 0;
    for (Manifest.Source source : manifest.sources()) {
      Path folder = target(paths, source);
      bytes += SafeFiles.sizeOfTree(folder);
      sources.add(H2BackupSource.KIND.equals(source.kind())
          ? FolderSource.closedH2(folder, source.restorePath())
          : new FolderSource(source.name(), source.kind(), folder, source.restorePath(), f -> true));
    }
    ArchiveWriter writer = new ArchiveWriter(new BackupCatalog(paths.backups()), paths.temp(), clock, appVersion,
        DiskSpace.SYSTEM);
    return writer.write(sources, java.util.Map.of(), "before-restore", bytes).id();
  }

  private static void removeMarker(AppPaths paths) {
    try {
      Files.deleteIfExists(markerOf(paths));
      SafeFiles.syncFolder(paths.home());
    } catch (IOException e) {
      LOG.error("Could not remove the restore request {}", markerOf(paths), e);
    }
  }
}
