package dev.tars.desktop.backup;

import atlantafx.base.theme.PrimerLight;
import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.H2Checker;
import dev.tars.backup.RetentionPolicy;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.desktop.dashboard.DashboardView;
import dev.tars.desktop.dashboard.DashboardViewModel;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.testkit.MutableClock;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import dev.tars.watchdog.WatchdogConfig;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens the Backups and Dashboard pages on a seeded data home and saves screenshots to {@code /tmp/screens}
 * (run under Xvfb): for looking at the pages, not a test.
 */
public final class BackupPagesDemo extends Application {
  private static final MutableClock CLOCK = new MutableClock(Instant.now(), ZoneId.systemDefault());

  private Database db;
  private Watchdog watchdog;
  private BackupService backups;
  private Metrics metrics;

  @Override
  public void init() throws Exception {
    Path home = Files.createTempDirectory("tars-screens");
    AppPaths paths = new AppPaths(home).ensureCreated();
    db = TestDatabase.open(paths);
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    metrics = new Metrics(db.dataSource(), CLOCK);
    backups = BackupServices.standard(paths, db, List.of(), List.of(new H2Checker()),
        () -> new BackupConfig(Duration.ofHours(1), RetentionPolicy.DEFAULT, null), CLOCK, "0.1.0");
    Instant end = Instant.now();
    Random random = new Random(3);
    long conversation = store.create("Trip planning", "", Sampling.DEFAULTS).id();
    for (int step = 180; step >= 0; step--) {
      CLOCK.set(end.minus(Duration.ofMinutes(step)));
      metrics.memory((410L << 20) + random.nextInt(60 << 20) + (180 - step) * (1L << 19),
          step > 150 ? -1 : (1350L << 20) + random.nextInt(40 << 20));
      if (step % 6 == 0) {
        store.addMessage(conversation, Role.USER, "question " + step, MessageStatus.COMPLETE);
        metrics.answer(12 + random.nextGaussian() * 1.5, Duration.ofMillis(380 + random.nextInt(500)), "tinyllama");
      }
      if (step % 40 == 0 && step > 0) {
        backups.backupNow(step == 80 ? "manual" : "scheduled");
      }
      if (step == 100) {
        metrics.engineRestart("crash");
      }
    }
    metrics.index(212L << 20, 50_000);
    String damaged = backups.list().get(1).id();
    try (RandomAccessFile file = new RandomAccessFile(paths.backups().resolve("tars-backup-" + damaged + ".zip").toFile(), "rw")) {
      file.seek(file.length() / 2);
      file.write(0x5a);
    }
    backups.verify(damaged);
    watchdog = new Watchdog(WatchdogConfig.DEFAULT, backups, List.of(), metrics, null, Clock.systemUTC());
  }

  @Override
  public void start(Stage stage) {
    try {
      show(stage);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void show(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Background background = new Background(Executors.newFixedThreadPool(1, NamedThreads.named("demo-background")),
        new FxUiDispatcher());
    Notices notices = new Notices();
    I18n i18n = I18n.forLanguage(System.getProperty("tars.language", "en"));
    Parent backupsPage = new BackupsView(new BackupsViewModel(backups, watchdog, background, notices, () -> {}, i18n),
        i18n, () -> {}).load();
    Parent dashboardPage = new DashboardView(new DashboardViewModel(metrics, backups, background, CLOCK, i18n), i18n)
        .load();
    Scene scene = new Scene(backupsPage, 1100, 640);
    scene.getStylesheets().add(BackupPagesDemo.class.getResource("/dev/tars/desktop/tars.css").toExternalForm());
    stage.setTitle("Tars");
    stage.setScene(scene);
    stage.show();
    PauseTransition first = new PauseTransition(javafx.util.Duration.seconds(3));
    first.setOnFinished(e -> {
      save(scene, "backups.png");
      scene.setRoot(dashboardPage);
      PauseTransition second = new PauseTransition(javafx.util.Duration.seconds(3));
      second.setOnFinished(e2 -> {
        save(scene, "dashboard.png");
        Platform.exit();
      });
      second.play();
    });
    first.play();
  }

  @Override
  public void stop() {
    watchdog.close();
    db.close();
    Runtime.getRuntime().halt(0);
  }

  private static void save(Scene scene, String name) {
    try {
      WindowShots.write(scene.snapshot(null), Files.createDirectories(Path.of("/tmp/screens")).resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Launches the demo from a plain class, as JavaFX on the classpath requires. */
  public static final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
      Application.launch(BackupPagesDemo.class, args);
    }
  }
}
