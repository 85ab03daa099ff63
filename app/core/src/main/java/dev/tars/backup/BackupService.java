package dev.tars.backup;

import dev.tars.models.DiskSpace;
import dev.tars.config.AppPaths;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of one data home: write, verify, keep or delete, mirror, and prepare a restore. Blocking; callers
 * run it off the UI thread (the watchdog's scheduler does). One backup at a time per service.
 */
public final class BackupService {
  private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

  private final AppPaths paths;
  private final List<BackupSource> sources;
  private final Callable<Map<String, byte[]>> extras;
  private final List<SnapshotChecker> checkers;
  private final Supplier<BackupConfig> config;
  private final Clock clock;
  private final String appVersion;
  private final DiskSpace diskSpace;
  private final BackupCatalog catalog;
  private final Object lock = new Object();
  private volatile String lastToken;
  private volatile boolean lastTokenLoaded;

  /** The outcome of one backup: the archive (verified), what retention removed, and the mirror result. */
  public record Run(BackupInfo backup, List<String> deleted, Optional<Mirror.Report> mirrored,
      Optional<String> mirrorProblem) {}

  public BackupService(AppPaths paths, List<BackupSource> sources, Callable<Map<String, byte[]>> extras,
      List<SnapshotChecker> checkers, Supplier<BackupConfig> config, Clock clock, String appVersion,
      DiskSpace diskSpace) {
    this.paths = paths;
    this.sources = new CopyOnWriteArrayList<>(sources);
    this.extras = extras;
    List<SnapshotChecker> all = new ArrayList<>(checkers);
    if (all.stream().noneMatch(c -> c.kind().equals(H2BackupSource.KIND))) {
      all.add(new H2Checker());
    }
    this.checkers = List.copyOf(all);
    this.config = config;
    this.clock = clock;
    this.appVersion = appVersion;
    this.diskSpace = diskSpace;
    this.catalog = new BackupCatalog(paths.backups());
  }

  /** Adds a source started after the service, e.g. the knowledge index once it opened. */
  public void register(BackupSource source) {
    sources.add(source);
  }

  public BackupCatalog catalog() {
    return catalog;
  }

  /** Removes files an interrupted backup left; call once at start before the first backup. */
  public int removeLeftovers() {
    return catalog.removeLeftovers();
  }

  /** Whether anything changed since the newest backup was taken (true when unknown). */
  public boolean changedSinceLastBackup() {
    if (!lastTokenLoaded) {
      lastToken = catalog.list().stream().findFirst().map(b -> b.status().changeToken()).orElse(null);
      lastTokenLoaded = true;
    }
    String now = changeToken();
    return lastToken == null || now.contains("??") || !now.equals(lastToken);
  }

  /**
   * Writes a backup, verifies it, applies retention, then mirrors. A mirror problem does not fail the backup;
   * it is returned for the caller to report.
   *
   * @throws BackupException when the backup itself could not be written
   */
  public Run backupNow(String trigger) {
    synchronized (lock) {
      String token = changeToken();
      Map<String, byte[]> extraFiles;
      try {
        extraFiles = extras.call();
      } catch (Exception e) {
        LOG.warn("Settings and model list left out of the backup", e);
        extraFiles = Map.of();
      }
      long estimate = sources.stream().mapToLong(s -> SafeFiles.sizeOfTree(paths.home().resolve(s.restorePath()))).sum();
      BackupInfo written = new ArchiveWriter(catalog, paths.temp(), clock, appVersion, diskSpace)
          .write(List.copyOf(sources), extraFiles, trigger, estimate);
      BackupStatus verified = verifier().verify(written.id()).withChangeToken(token);
      try {
        catalog.writeStatus(written.id(), verified);
      } catch (IOException e) {
        LOG.warn("Could not record the change token of {}", written.id(), e);
      }
      lastToken = token;
      lastTokenLoaded = true;
      BackupInfo info = new BackupInfo(written.id(), written.createdAt(), written.archive(), written.size(), verified);
      List<String> deleted = prune(catalog);
      Optional<Mirror.Report> report = Optional.empty();
      Optional<String> mirrorProblem = Optional.empty();
      BackupConfig cfg = config.get();
      if (cfg.mirror().isPresent()) {
        try {
          Mirror mirror = new Mirror(cfg.mirror().get(), diskSpace);
          report = Optional.of(mirror.sync(catalog));
          prune(mirror.catalog());
        } catch (BackupException e) {
          mirrorProblem = Optional.of(e.getMessage());
        }
      }
      return new Run(info, deleted, report, mirrorProblem);
    }
  }

  public List<BackupInfo> list() {
    return catalog.list();
  }

  public BackupStatus verify(String id) {
    synchronized (lock) {
      return verifier().verify(id);
    }
  }

  /**
   * Verifies the archive again and lists what a restore would replace.
   *
   * @throws BackupException when the archive is damaged: it is never restored
   */
  public RestorePlan planRestore(String id) {
    BackupStatus status = verify(id);
    if (status.state() != BackupState.VERIFIED) {
      throw new BackupException(BackupException.Reason.DAMAGED, List.of(id, status),
          "Backup " + id + " is damaged and will not be restored: " + String.join(" ", status.problems()), null);
    }
    try (ArchiveReader reader = ArchiveReader.open(catalog.archivePath(id))) {
      Manifest manifest = reader.manifest();
      List<RestorePlan.Replacement> replacements = new ArrayList<>();
      for (Manifest.Source source : manifest.sources()) {
        long backupBytes = manifest.entries().stream().filter(e -> e.path().startsWith(source.name() + "/"))
            .mapToLong(Manifest.Entry::size).sum();
        var folder = PendingRestore.target(paths, source);
        replacements.add(new RestorePlan.Replacement(source.name(), source.kind(), folder,
            SafeFiles.sizeOfTree(folder), backupBytes));
      }
      return new RestorePlan(id, manifest.createdAt(), manifest.appVersion(), replacements, status.facts());
    }
  }

  /**
   * Checks the archive and asks for it to be restored at the next start (see {@link PendingRestore}). The
   * caller then restarts the app; a safety backup of the current data is made before anything is replaced.
   */
  public RestorePlan requestRestore(String id) {
    RestorePlan plan = planRestore(id);
    BackupStatus status = catalog.status(id);
    try {
      PendingRestore.request(paths, new PendingRestore.Request(id, catalog.archivePath(id).toString(),
          status.archiveSha256(), clock.instant().toString()));
    } catch (IOException e) {
      throw new BackupException(BackupException.Reason.NOT_PREPARED, List.of(ArchiveWriter.describe(e)),
          "The restore could not be prepared: " + ArchiveWriter.describe(e), e);
    }
    LOG.info("Restore of backup {} requested for the next start", id);
    return plan;
  }

  private List<String> prune(BackupCatalog target) {
    List<BackupInfo> all = target.list();
    Retention.Decision decision = Retention.decide(all.stream()
        .map(b -> new Retention.Candidate(b.id(), b.createdAt(), b.state())).toList(), config.get().retention(), clock);
    List<String> deleted = new ArrayList<>();
    // The backup a restore waits for must outlive the exit backup that runs just before that restore.
    Optional<String> awaited = target == catalog ? PendingRestore.pending(paths).map(PendingRestore.Request::id)
        : Optional.empty();
    for (String id : decision.delete()) {
      if (awaited.filter(id::equals).isPresent()) {
        LOG.info("Keeping backup {}: a restore of it is waiting for the next start", id);
        continue;
      }
      try {
        target.delete(id);
        deleted.add(id);
      } catch (IOException e) {
        LOG.warn("Could not delete old backup {} in {}", id, target.folder(), e);
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("Retention removed {} backup(s) from {}", deleted.size(), target.folder());
    }
    return deleted;
  }

  private BackupVerifier verifier() {
    return new BackupVerifier(catalog, paths.home(), paths.temp(), checkers, clock);
  }

  private String changeToken() {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (BackupSource source : sources) {
      String token = source.changeToken();
      tokens.put(source.name(), token.isEmpty() ? "??" : token);
    }
    return tokens.toString();
  }
}
