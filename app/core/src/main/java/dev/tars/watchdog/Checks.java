package dev.tars.watchdog;

import dev.tars.models.DiskSpace;
import dev.tars.backup.BackupInfo;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupState;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** The health checks the watchdog runs by default. Feature modules add their own (the index, for one). */
public final class Checks {
  private Checks() {}

  /** The local engine's child process is alive whenever it should be. */
  public static HealthCheck engine(EngineProcess engine) {
    return new Named("engine", () -> {
      if (!engine.shouldBeRunning()) {
        return Health.ok();
      }
      Optional<String> failure = engine.failure();
      if (failure.isPresent()) {
        return Health.critical("engine.gaveUp",
            "The local model engine stopped and will not restart by itself: " + failure.get(), failure.get());
      }
      Optional<ProcessHandle> process = engine.process();
      if (process.isEmpty() || !process.get().isAlive()) {
        return Health.critical("engine.notRunning", "The local model engine is not running (restarted "
            + engine.restartCount() + " times so far). Tars restarts it by itself; if this keeps happening, pick a "
            + "smaller model or fewer threads in Settings.", engine.restartCount());
      }
      return Health.ok();
    });
  }

  /** Enough free space on the disk of the data home. */
  public static HealthCheck diskSpace(Path folder, long warnBelowBytes, DiskSpace disk) {
    return new Named("disk", () -> {
      long free;
      try {
        free = disk.usableBytes(folder);
      } catch (IOException e) {
        return Health.warning("disk.unreadable", "The free space of " + folder + " cannot be read: "
            + e.getMessage(), folder.toString(), String.valueOf(e.getMessage()));
      }
      if (free < warnBelowBytes / 4) {
        return Health.critical("disk.almostFull", "The disk holding " + folder + " is almost full (" + mib(free)
            + " free). Tars may not save new messages or backups; free some space now.", folder.toString(), mib(free));
      }
      if (free < warnBelowBytes) {
        return Health.warning("disk.gettingFull", "The disk holding " + folder + " is getting full (" + mib(free)
            + " free). Free some space or delete old backups.", folder.toString(), mib(free));
      }
      return Health.ok();
    });
  }

  /** The database answers a query within a few seconds. */
  public static HealthCheck database(DataSource dataSource) {
    return new Named("database", () -> {
      try (Connection c = dataSource.getConnection()) {
        if (!c.isValid(5)) {
          return Health.critical("database.noAnswer",
              "The database does not answer. Restart Tars; if that does not help, restore a backup.");
        }
        return Health.ok();
      } catch (SQLException | RuntimeException e) {
        String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return Health.critical("database.unreachable", "The database cannot be reached (" + reason
            + "). Restart Tars; if that does not help, restore a backup.", reason);
      }
    });
  }

  /**
   * The newest backup is recent and sound: warns when none was made for {@code maxAge} although data changed,
   * and when the newest one failed verification.
   */
  public static HealthCheck backupAge(BackupService backups, Duration maxAge, Clock clock) {
    return backupAge(backups, () -> maxAge, clock);
  }

  /** Like {@link #backupAge(BackupService, Duration, Clock)}, with a limit that follows the settings. */
  public static HealthCheck backupAge(BackupService backups, java.util.function.Supplier<Duration> maxAge,
      Clock clock) {
    // A first start has no backup yet: that is only a problem once the app has run for maxAge without one.
    java.time.Instant watchedSince = clock.instant();
    return new Named("backup", () -> {
      List<BackupInfo> all = backups.list();
      if (!all.isEmpty() && all.get(0).state() == BackupState.FAILED) {
        String problems = String.join(" ", all.get(0).status().problems());
        return Health.warning("backup.damaged", "The newest backup (" + all.get(0).id() + ") is damaged: "
            + problems + " Make a new backup now.", all.get(0).id(), problems);
      }
      Optional<BackupInfo> verified = all.stream().filter(b -> b.state() == BackupState.VERIFIED).findFirst();
      java.time.Instant lastGood = verified.map(BackupInfo::createdAt).orElse(watchedSince);
      boolean stale = lastGood.isBefore(clock.instant().minus(maxAge.get()));
      if (stale && backups.changedSinceLastBackup()) {
        String advice = " Back up now from the Backups page or with `tars backup`.";
        return verified.map(b -> Health.warning("backup.stale", "The last good backup is from " + b.createdAt()
                + "." + advice, java.util.Date.from(b.createdAt())))
            .orElseGet(() -> Health.warning("backup.none", "There is no good backup yet." + advice));
      }
      return Health.ok();
    });
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  private record Named(String name, java.util.function.Supplier<Health> body) implements HealthCheck {
    @Override
    public Health check() {
      return body.get();
    }
  }
}
