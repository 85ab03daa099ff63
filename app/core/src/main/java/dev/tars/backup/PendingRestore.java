package dev.tars.backup;

import dev.tars.files.PrivateFiles;
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

  /**
   * What happened at start.
   *
   * @param dataUnchanged true unless a failed restore could not put everything back as it was (then the
   *     problems say where the data is)
   */
  public record Outcome(String restoredId, boolean restored, String safetyBackupId, List<String> problems,
      boolean dataUnchanged) {}

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
   * <p>The request is used once: whatever happens short of the process dying, the marker is removed, so a
   * restore that cannot be done is not tried again at every start. A restore that fails while replacing
   * folders puts back every folder it had replaced. Only a process killed half-way leaves the marker; the next
   * start then first puts back what that run had set aside, and restores again from the beginning.
   *
   * @return empty when no restore was requested; otherwise what was done
   */
  public static Optional<Outcome> applyIfRequested(AppPaths paths, Clock clock, String appVersion) {
    Optional<Request> pending = pending(paths);
    if (pending.isEmpty()) {
      if (Files.exists(markerOf(paths))) {
        removeMarker(paths);
        return Optional.of(notRestored(null, null, "The restore request was unreadable; nothing was restored."));
      }
      return Optional.empty();
    }
    Request request = pending.get();
    Path archive = Path.of(request.archive());
    String refused = null;
    try {
      if (!Files.exists(archive)) {
        refused = "Backup " + request.id() + " is no longer at " + archive + "; nothing was restored.";
      } else if (!SafeFiles.sha256(archive).equals(request.archiveSha256())) {
        refused = "Backup " + request.id() + " changed after it was checked; nothing was restored.";
      }
    } catch (IOException e) {
      refused = "Backup " + request.id() + " cannot be read (" + ArchiveWriter.describe(e) + "); nothing was restored.";
    }
    if (refused != null) {
      removeMarker(paths);
      LOG.error("Restore of {} abandoned: {}", request.id(), refused);
      return Optional.of(notRestored(request.id(), null, refused));
    }
    Outcome outcome = restore(paths, request, archive, clock, appVersion);
    removeMarker(paths);
    return Optional.of(outcome);
  }

  /** Runs one restore: checks the names, keeps a safety backup, extracts aside, then swaps the folders. */
  private static Outcome restore(AppPaths paths, Request request, Path archive, Clock clock, String appVersion) {
    Path staging = paths.home().resolve(STAGING);
    Path replaced = paths.home().resolve(REPLACED);
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      Manifest manifest = reader.manifest();
      List<String> unsafe = ManifestCheck.problems(manifest, paths.home());
      if (!unsafe.isEmpty()) {
        LOG.error("Restore of {} refused: {}", request.id(), unsafe);
        return new Outcome(request.id(), false, null, withNothingRestored(unsafe), true);
      }
      putBackAfterACrash(paths, manifest, replaced);
      String safetyId = safetyBackup(paths, manifest, clock, appVersion);
      SafeFiles.deleteTree(staging);
      List<String> problems = new ArrayList<>();
      for (Manifest.Source source : manifest.sources()) {
        problems.addAll(reader.extractSource(source.name(), staging.resolve(source.name())));
      }
      if (!problems.isEmpty()) {
        SafeFiles.deleteTree(staging);
        return new Outcome(request.id(), false, safetyId, withNothingRestored(problems), true);
      }
      Outcome swapped = swap(paths, manifest, staging, replaced, request.id(), safetyId);
      SafeFiles.deleteTree(staging);
      if (swapped.dataUnchanged()) {
        SafeFiles.deleteTree(replaced);
      }
      if (swapped.restored()) {
        LOG.info("Restored backup {} (safety backup of the replaced data: {})", request.id(), safetyId);
      }
      return swapped;
    } catch (BackupException e) {
      LOG.error("Restore of {} failed", request.id(), e);
      deleteQuietly(staging);
      return notRestored(request.id(), null, e.getMessage());
    } catch (IOException e) {
      LOG.error("Restore of {} could not be prepared", request.id(), e);
      deleteQuietly(staging);
      return notRestored(request.id(), null, "The restore could not be prepared (" + ArchiveWriter.describe(e)
          + "); nothing was restored.");
    } catch (RuntimeException e) {
      // Before the swap (which undoes itself): nothing was replaced yet.
      LOG.error("Restore of {} failed unexpectedly", request.id(), e);
      deleteQuietly(staging);
      return notRestored(request.id(), null, "The restore failed unexpectedly before replacing anything; nothing"
          + " was restored. Details are in the log.");
    }
  }

  /**
   * Replaces each target folder with its restored copy, keeping the old one aside; on any failure puts every
   * replaced folder back and removes what was moved in.
   */
  private static Outcome swap(AppPaths paths, Manifest manifest, Path staging, Path replaced, String id,
      String safetyId) throws IOException {
    SafeFiles.deleteTree(replaced);
    Files.createDirectories(replaced);
    List<Manifest.Source> touched = new ArrayList<>();
    try {
      for (Manifest.Source source : manifest.sources()) {
        Path target = target(paths, source);
        touched.add(source);
        if (Files.exists(target)) {
          Files.move(target, replaced.resolve(source.name()));
        }
        Files.createDirectories(target.getParent());
        Files.move(staging.resolve(source.name()), target);
      }
      for (Manifest.Source source : manifest.sources()) {
        PrivateFiles.tighten(target(paths, source));
      }
      return new Outcome(id, true, safetyId, List.of(), true);
    } catch (IOException | RuntimeException e) {
      String failedAt = touched.isEmpty() ? "?" : touched.getLast().name();
      LOG.error("Restore of {} failed while replacing {}; putting the data back", id, failedAt, e);
      String why = "The restore failed while replacing " + failedAt + " (" + describe(e) + ").";
      try {
        for (Manifest.Source source : touched.reversed()) {
          putBack(paths, source, staging, replaced);
        }
      } catch (IOException | RuntimeException undo) {
        LOG.error("Could not put back the data replaced by the restore of {}", id, undo);
        return new Outcome(id, false, safetyId, List.of(why + " Tars could not put everything back ("
            + describe(undo) + "): the replaced folders are in " + replaced + ", and backup " + safetyId
            + " holds your data from just before the restore."), false);
      }
      return new Outcome(id, false, safetyId, List.of(why + " Everything was put back as it was; nothing was"
          + " restored."), true);
    }
  }

  /** Undoes one source's swap: removes what was moved in, moves the set-aside original back. */
  private static void putBack(AppPaths paths, Manifest.Source source, Path staging, Path replaced)
      throws IOException {
    Path target = target(paths, source);
    Path original = replaced.resolve(source.name());
    boolean movedIn = !Files.exists(staging.resolve(source.name()));
    if (movedIn || Files.exists(original)) {
      SafeFiles.deleteTree(target);
    }
    if (Files.exists(original)) {
      Files.move(original, target);
    }
  }

  /** A run killed while swapping left originals in {@code replaced}: they go back before anything else. */
  private static void putBackAfterACrash(AppPaths paths, Manifest manifest, Path replaced) throws IOException {
    if (!Files.isDirectory(replaced)) {
      return;
    }
    for (Manifest.Source source : manifest.sources()) {
      Path original = replaced.resolve(source.name());
      if (Files.exists(original)) {
        Path target = target(paths, source);
        SafeFiles.deleteTree(target);
        Files.createDirectories(target.getParent());
        Files.move(original, target);
        LOG.warn("Put back {} set aside by an interrupted restore", target);
      }
    }
    SafeFiles.deleteTree(replaced);
  }

  private static Outcome notRestored(String id, String safetyId, String problem) {
    return new Outcome(id, false, safetyId, List.of(problem), true);
  }

  private static List<String> withNothingRestored(List<String> problems) {
    List<String> all = new ArrayList<>(problems);
    all.add("Nothing was restored; your data is as it was.");
    return all;
  }

  private static String describe(Throwable e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException in) {
      return "something is in the way at " + in.getFile();
    }
    return ArchiveWriter.describe(e);
  }

  private static void deleteQuietly(Path folder) {
    try {
      SafeFiles.deleteTree(folder);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", folder, e);
    }
  }

  static Path target(AppPaths paths, Manifest.Source source) {
    Path target = paths.home().resolve(source.restorePath()).normalize();
    if (!target.startsWith(paths.home().normalize()) || target.equals(paths.home().normalize())) {
      throw new BackupException(BackupException.Reason.OUTSIDE_DATA, List.of(String.valueOf(source.restorePath())),
          "The backup wants to restore into " + source.restorePath()
          + ", which is outside the Tars data folder; nothing was restored.", null);
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
