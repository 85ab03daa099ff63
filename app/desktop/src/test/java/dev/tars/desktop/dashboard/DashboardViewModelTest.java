package dev.tars.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.H2Checker;
import dev.tars.config.AppPaths;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.watchdog.Metrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardViewModelTest {
  @TempDir Path home;

  @Test
  void showsAnswerSpeedMemoryIndexRestartsAndBackups() {
    AppPaths paths = new AppPaths(home).ensureCreated();
    try (TestServices services = new TestServices(home, null)) {
      Metrics metrics = new Metrics(services.database.dataSource(), Clock.systemUTC());
      metrics.answer(40, Duration.ofMillis(300), "tiny");
      metrics.answer(44, Duration.ofMillis(250), "tiny");
      metrics.memory(300L << 20, 900L << 20);
      metrics.index(12L << 20, 5000);
      metrics.engineRestart("crash");
      BackupService backups = BackupServices.standard(paths, services.database, List.of(), List.of(new H2Checker()),
          () -> BackupConfig.DEFAULT, Clock.systemUTC(), "test");
      backups.backupNow("manual");
      TestUi ui = new TestUi();
      DashboardViewModel viewModel = new DashboardViewModel(metrics, backups, ui.background(), Clock.systemUTC(),
          I18n.forLanguage("en"));

      viewModel.refresh();
      ui.runUntil(() -> !viewModel.tokensPerSecond().isEmpty(), Duration.ofSeconds(10));

      assertThat(viewModel.tokensPerSecond()).extracting(DashboardViewModel.Point::y).containsExactly(40.0, 44.0);
      assertThat(viewModel.timeToFirstToken()).extracting(DashboardViewModel.Point::y).containsExactly(300.0, 250.0);
      assertThat(viewModel.appMemory()).singleElement().satisfies(p -> assertThat(p.y()).isEqualTo(300.0));
      assertThat(viewModel.engineMemory()).singleElement().satisfies(p -> assertThat(p.y()).isEqualTo(900.0));
      assertThat(viewModel.backupSizes()).hasSize(1);
      assertThat(viewModel.answersProperty().get()).contains("42.0 tokens/s").contains("275 ms");
      assertThat(viewModel.indexProperty().get()).contains("5,000 passages").contains("12.0 MB");
      assertThat(viewModel.engineProperty().get()).contains("1 in the last day");
      assertThat(viewModel.lastBackupProperty().get()).contains("verified").contains("1 kept");
    }
  }
}
