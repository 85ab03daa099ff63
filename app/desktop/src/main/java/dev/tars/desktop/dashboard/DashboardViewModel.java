package dev.tars.desktop.dashboard;

import dev.tars.backup.BackupInfo;
import dev.tars.backup.BackupService;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.watchdog.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Dashboard page: recent answer speed and wait, memory of the app and the engine, index size, backup
 * history and engine restarts. Reads happen on the background executor; used on the UI thread only.
 */
public final class DashboardViewModel {
  /** One point of a chart: {@code x} (a number or a category label) and {@code y}. */
  public record Point(double x, String label, double y) {}

  private final DateTimeFormatter dayTime;
  private final I18n i18n;
  private final Metrics metrics;
  private final BackupService backups;
  private final Background background;
  private final Clock clock;
  private final ObservableList<Point> tokensPerSecond = FXCollections.observableArrayList();
  private final ObservableList<Point> timeToFirstToken = FXCollections.observableArrayList();
  private final ObservableList<Point> appMemory = FXCollections.observableArrayList();
  private final ObservableList<Point> engineMemory = FXCollections.observableArrayList();
  private final ObservableList<Point> backupSizes = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper answers = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper index = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper lastBackup = new ReadOnlyStringWrapper("");

  public DashboardViewModel(Metrics metrics, BackupService backups, Background background, Clock clock, I18n i18n) {
    this.i18n = i18n;
    // Seconds too: the chart's categories are these labels, and two backups in one minute must stay two bars.
    this.dayTime = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", i18n.locale()).withZone(ZoneId.systemDefault());
    this.metrics = metrics;
    this.backups = backups;
    this.background = background;
    this.clock = clock;
  }

  private record Snapshot(List<Metrics.Sample> speed, List<Metrics.Sample> firstToken, List<Metrics.Sample> app,
      List<Metrics.Sample> engine, List<Metrics.Sample> indexDocs, List<Metrics.Sample> indexBytes,
      List<Metrics.Sample> restartsDay, List<Metrics.Sample> restartsWeek, List<BackupInfo> backups, Instant now) {}

  /** Reloads every figure. */
  public void refresh() {
    background.run(() -> {
      Instant now = clock.instant();
      Instant day = now.minus(Duration.ofDays(1));
      return new Snapshot(
          metrics.series(Metrics.TOKENS_PER_SECOND, Instant.EPOCH, 50),
          metrics.series(Metrics.TIME_TO_FIRST_TOKEN_MS, Instant.EPOCH, 50),
          metrics.series(Metrics.APP_MEMORY_BYTES, now.minus(Duration.ofHours(3)), 180),
          metrics.series(Metrics.ENGINE_MEMORY_BYTES, now.minus(Duration.ofHours(3)), 180),
          metrics.series(Metrics.INDEX_DOCUMENTS, day, 1),
          metrics.series(Metrics.INDEX_BYTES, day, 1),
          metrics.series(Metrics.ENGINE_RESTARTS, day, 10_000),
          metrics.series(Metrics.ENGINE_RESTARTS, now.minus(Duration.ofDays(7)), 10_000),
          backups.list(), now);
    }, this::show, e -> answers.set(i18n.get("dashboard.failed", e.getMessage())));
  }

  private void show(Snapshot s) {
    tokensPerSecond.setAll(numbered(s.speed(), 1));
    timeToFirstToken.setAll(numbered(s.firstToken(), 1));
    appMemory.setAll(minutesAgo(s.app(), s.now()));
    engineMemory.setAll(minutesAgo(s.engine(), s.now()));
    List<BackupInfo> oldestFirst = new ArrayList<>(s.backups().subList(0, Math.min(24, s.backups().size())));
    java.util.Collections.reverse(oldestFirst);
    backupSizes.setAll(oldestFirst.stream()
        .map(b -> new Point(0, dayTime.format(b.createdAt()), b.size() / 1048576.0)).toList());

    answers.set(s.speed().isEmpty() ? i18n.get("dashboard.answers.none")
        : i18n.get("dashboard.answers", s.speed().size(), average(s.speed()), average(s.firstToken())));
    index.set(s.indexDocs().isEmpty() ? i18n.get("dashboard.index.none")
        : i18n.get("dashboard.index", (long) last(s.indexDocs()),
            s.indexBytes().isEmpty() ? 0 : last(s.indexBytes()) / 1048576.0));
    engine.set(i18n.get("dashboard.restarts", s.restartsDay().size(), s.restartsWeek().size()));
    lastBackup.set(s.backups().isEmpty() ? i18n.get("dashboard.backup.none")
        : i18n.get("dashboard.backup", dayTime.format(s.backups().get(0).createdAt()),
            i18n.get(switch (s.backups().get(0).state()) {
              case VERIFIED -> "backups.state.verified";
              case FAILED -> "backups.state.damaged";
              case UNVERIFIED -> "backups.state.unchecked";
            }), s.backups().size()));
  }

  private static List<Point> numbered(List<Metrics.Sample> samples, double scale) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      points.add(new Point(i + 1, null, samples.get(i).value() * scale));
    }
    return points;
  }

  private static List<Point> minutesAgo(List<Metrics.Sample> samples, Instant now) {
    return samples.stream()
        .map(m -> new Point(-Duration.between(m.at(), now).toSeconds() / 60.0, null, m.value() / 1048576.0))
        .toList();
  }

  private static double average(List<Metrics.Sample> samples) {
    return samples.stream().mapToDouble(Metrics.Sample::value).average().orElse(0);
  }

  private static double last(List<Metrics.Sample> samples) {
    return samples.get(samples.size() - 1).value();
  }

  public ObservableList<Point> tokensPerSecond() {
    return tokensPerSecond;
  }

  public ObservableList<Point> timeToFirstToken() {
    return timeToFirstToken;
  }

  /** Megabytes, x in minutes before now. */
  public ObservableList<Point> appMemory() {
    return appMemory;
  }

  public ObservableList<Point> engineMemory() {
    return engineMemory;
  }

  /** Megabytes per backup, oldest first, labelled by time. */
  public ObservableList<Point> backupSizes() {
    return backupSizes;
  }

  public ReadOnlyStringProperty answersProperty() {
    return answers.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty indexProperty() {
    return index.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty engineProperty() {
    return engine.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lastBackupProperty() {
    return lastBackup.getReadOnlyProperty();
  }
}
