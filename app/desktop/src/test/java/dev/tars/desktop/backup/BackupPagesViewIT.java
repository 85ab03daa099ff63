package dev.tars.desktop.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.H2Checker;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.desktop.dashboard.DashboardView;
import dev.tars.desktop.dashboard.DashboardViewModel;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import dev.tars.watchdog.WatchdogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Backups and Dashboard pages on a real (headless) stage over real H2 and backups. */
@ExtendWith(ApplicationExtension.class)
class BackupPagesViewIT {
  @TempDir static Path home;
  private Database db;
  private Watchdog watchdog;
  private final ExecutorService executor = Executors.newFixedThreadPool(1, NamedThreads.named("pages-test"));
  private Parent backupsPage;
  private Parent dashboardPage;

  @Start
  void start(Stage stage) {
    AppPaths paths = new AppPaths(home).ensureCreated();
    db = TestDatabase.open(paths);
    Metrics metrics = new Metrics(db.dataSource(), Clock.systemUTC());
    metrics.answer(14.5, Duration.ofMillis(420), "tiny");
    metrics.answer(15.5, Duration.ofMillis(380), "tiny");
    metrics.memory(400L << 20, 1200L << 20);
    BackupService backups = BackupServices.standard(paths, db, List.of(), List.of(new H2Checker()),
        () -> BackupConfig.DEFAULT, Clock.systemUTC(), "test");
    backups.backupNow("scheduled");
    watchdog = new Watchdog(WatchdogConfig.DEFAULT, backups, List.of(), metrics, null, Clock.systemUTC());
    Background background = new Background(executor, new FxUiDispatcher());
    I18n i18n = I18n.forLanguage("en");
    backupsPage = new BackupsView(new BackupsViewModel(backups, watchdog, background, new Notices(), () -> {}, i18n),
        i18n, null).load();
    dashboardPage = new DashboardView(new DashboardViewModel(metrics, backups, background, Clock.systemUTC(), i18n),
        i18n).load();
    stage.setScene(new Scene(new StackPane(dashboardPage, backupsPage), 1000, 600));
    stage.show();
  }

  @AfterEach
  void close() {
    watchdog.close();
    executor.shutdownNow();
    db.close();
  }

  @Test
  void backUpNowAddsARowAndTheDashboardDrawsItsCharts(FxRobot robot) throws Exception {
    @SuppressWarnings("unchecked")
    TableView<BackupRow> table = (TableView<BackupRow>) backupsPage.lookup(".table-view");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
    assertThat(table.getItems().get(0).state()).isEqualTo("verified");

    Thread.sleep(1100); // a new second: a new id
    robot.clickOn("Back up now");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
    assertThat(table.getItems()).extracting(BackupRow::madeBy).containsExactly("by you", "on schedule");

    @SuppressWarnings("unchecked")
    XYChart<Number, Number> speed = (XYChart<Number, Number>) dashboardPage.lookup(".chart");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !speed.getData().get(0).getData().isEmpty());
    assertThat(speed.getData().get(0).getData()).extracting(d -> d.getYValue().doubleValue()).containsExactly(14.5, 15.5);
  }
}
