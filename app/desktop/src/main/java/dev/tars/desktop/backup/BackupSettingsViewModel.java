package dev.tars.desktop.backup;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.RetentionPolicy;
import dev.tars.config.HttpUrls;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The backup part of Settings: how often, how many to keep, a mirror folder and an alert address. Saved with its
 * own button; the watchdog picks the changes up at once (the composition root listens to the settings). Used on
 * the UI thread only.
 */
public final class BackupSettingsViewModel {
  static final int MIN_INTERVAL_MINUTES = 5;
  static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;

  private final BackupSettings settings;
  private final Path backupFolder;
  private final Background background;
  private final I18n i18n;
  private final IntegerProperty intervalMinutes = new SimpleIntegerProperty();
  private final IntegerProperty keepLast = new SimpleIntegerProperty();
  private final IntegerProperty keepHourly = new SimpleIntegerProperty();
  private final IntegerProperty keepDaily = new SimpleIntegerProperty();
  private final IntegerProperty keepWeekly = new SimpleIntegerProperty();
  private final StringProperty mirrorFolder = new SimpleStringProperty("");
  private final StringProperty webhookUrl = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();

  /**
   * @param backupFolder where the backups are; a mirror there would be no second copy
   */
  public BackupSettingsViewModel(BackupSettings settings, Path backupFolder, Background background, I18n i18n) {
    this.settings = settings;
    this.backupFolder = backupFolder;
    this.background = background;
    this.i18n = i18n;
  }

  /** Fills the fields with what is saved. */
  public void load() {
    background.run(() -> new Object[] {settings.get(), settings.webhookUrl()}, saved -> {
      BackupConfig c = (BackupConfig) saved[0];
      intervalMinutes.set((int) Math.min(Integer.MAX_VALUE, c.interval().toMinutes()));
      keepLast.set(c.retention().last());
      keepHourly.set(c.retention().hourly());
      keepDaily.set(c.retention().daily());
      keepWeekly.set(c.retention().weekly());
      mirrorFolder.set(c.mirror().map(Path::toString).orElse(""));
      webhookUrl.set((String) saved[1]);
      message.set("");
      failed.set(false);
    }, e -> fail(i18n.get("settings.loadFailed")));
  }

  /** Checks the fields and saves them; returns false with {@link #messageProperty()} saying why when invalid. */
  public boolean save() {
    Optional<String> problem = validate();
    if (problem.isPresent()) {
      fail(problem.get());
      return false;
    }
    String mirror = mirrorFolder.get().strip();
    BackupConfig config = new BackupConfig(Duration.ofMinutes(intervalMinutes.get()),
        new RetentionPolicy(keepLast.get(), keepHourly.get(), keepDaily.get(), keepWeekly.get()),
        mirror.isEmpty() ? null : Path.of(mirror).toAbsolutePath().normalize());
    String url = webhookUrl.get().strip();
    saving.set(true);
    background.run(() -> {
      settings.save(config, url);
      return null;
    }, ignored -> {
      saving.set(false);
      failed.set(false);
      message.set(i18n.get("backupSettings.saved"));
    }, e -> {
      saving.set(false);
      fail(i18n.get("backupSettings.saveFailed"));
    });
    return true;
  }

  private Optional<String> validate() {
    if (intervalMinutes.get() < MIN_INTERVAL_MINUTES || intervalMinutes.get() > MAX_INTERVAL_MINUTES) {
      return Optional.of(i18n.get("backupSettings.intervalInvalid"));
    }
    int[] keep = {keepLast.get(), keepHourly.get(), keepDaily.get(), keepWeekly.get()};
    if (java.util.Arrays.stream(keep).anyMatch(k -> k < 0) || java.util.Arrays.stream(keep).sum() == 0) {
      return Optional.of(i18n.get("backupSettings.keepInvalid"));
    }
    String mirror = mirrorFolder.get().strip();
    if (!mirror.isEmpty()) {
      Path folder;
      try {
        folder = Path.of(mirror).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        return Optional.of(i18n.get("backupSettings.mirrorMissing", mirror));
      }
      // Checked when saving so a typo shows at once; a disk unplugged later is reported by each backup.
      if (!Files.isDirectory(folder)) {
        return Optional.of(i18n.get("backupSettings.mirrorMissing", mirror));
      }
      if (folder.equals(backupFolder.toAbsolutePath().normalize())) {
        return Optional.of(i18n.get("backupSettings.mirrorInside"));
      }
    }
    String url = webhookUrl.get().strip();
    if (!url.isEmpty() && !HttpUrls.isHttpUrl(url)) {
      return Optional.of(i18n.get("backupSettings.webhookInvalid"));
    }
    return Optional.empty();
  }

  private void fail(String text) {
    failed.set(true);
    message.set(text);
  }

  public IntegerProperty intervalMinutesProperty() {
    return intervalMinutes;
  }

  public IntegerProperty keepLastProperty() {
    return keepLast;
  }

  public IntegerProperty keepHourlyProperty() {
    return keepHourly;
  }

  public IntegerProperty keepDailyProperty() {
    return keepDaily;
  }

  public IntegerProperty keepWeeklyProperty() {
    return keepWeekly;
  }

  public StringProperty mirrorFolderProperty() {
    return mirrorFolder;
  }

  public StringProperty webhookUrlProperty() {
    return webhookUrl;
  }

  /** The outcome of the last save: done, or what is wrong. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Whether {@link #messageProperty()} is a problem. */
  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }
}
