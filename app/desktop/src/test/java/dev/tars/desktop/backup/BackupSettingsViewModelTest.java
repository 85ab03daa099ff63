package dev.tars.desktop.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.RetentionPolicy;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSettingsViewModelTest {
  @TempDir Path home;
  private TestServices services;
  private BackupSettings settings;
  private BackupSettingsViewModel viewModel;
  private final AtomicInteger saves = new AtomicInteger();

  @BeforeEach
  void open() {
    services = new TestServices(home, null);
    settings = new BackupSettings(services.database.dataSource());
    settings.addListener(saves::incrementAndGet);
    viewModel = new BackupSettingsViewModel(settings, home.resolve("backups"), Background.direct(),
        I18n.forLanguage("en"));
    viewModel.load();
  }

  @AfterEach
  void close() {
    services.close();
  }

  @Test
  void showsTheDefaultsAndSavesWhatThePersonChanged() throws Exception {
    assertThat(viewModel.intervalMinutesProperty().get()).isEqualTo(60);
    assertThat(viewModel.keepHourlyProperty().get()).isEqualTo(24);
    Path mirror = Files.createDirectories(home.resolve("usb-disk"));

    viewModel.intervalMinutesProperty().set(30);
    viewModel.keepDailyProperty().set(14);
    viewModel.mirrorFolderProperty().set(mirror.toString());
    viewModel.webhookUrlProperty().set("https://hooks.example.com/tars");

    assertThat(viewModel.save()).isTrue();
    assertThat(viewModel.messageProperty().get()).isEqualTo("Backup settings saved.");
    assertThat(viewModel.failedProperty().get()).isFalse();
    BackupSettings reread = new BackupSettings(services.database.dataSource());
    assertThat(reread.get()).isEqualTo(new BackupConfig(Duration.ofMinutes(30), new RetentionPolicy(3, 24, 14, 4),
        mirror));
    assertThat(reread.webhookUrl()).isEqualTo("https://hooks.example.com/tars");
    assertThat(saves.get()).isEqualTo(1);
  }

  @Test
  void aMirrorFolderThatIsNotThereIsRefusedWithWhatToDoAndNothingIsSaved() {
    viewModel.mirrorFolderProperty().set(home.resolve("unplugged-disk").toString());

    assertThat(viewModel.save()).isFalse();

    assertThat(viewModel.failedProperty().get()).isTrue();
    assertThat(viewModel.messageProperty().get()).contains("does not exist").contains("Connect the disk");
    assertThat(saves.get()).isZero();
  }

  @Test
  void theBackupFolderItselfIsNoMirror() throws Exception {
    viewModel.mirrorFolderProperty().set(Files.createDirectories(home.resolve("backups")).toString());

    assertThat(viewModel.save()).isFalse();
    assertThat(viewModel.messageProperty().get()).contains("must not be the backup folder");
  }

  @Test
  void anAlertAddressThatIsNotHttpOrAnIntervalOutOfRangeIsRefused() {
    viewModel.webhookUrlProperty().set("hooks.example.com");
    assertThat(viewModel.save()).isFalse();
    assertThat(viewModel.messageProperty().get()).contains("http://");

    viewModel.webhookUrlProperty().set("");
    viewModel.intervalMinutesProperty().set(1);
    assertThat(viewModel.save()).isFalse();
    assertThat(viewModel.messageProperty().get()).contains("between 5 and 10080 minutes");

    viewModel.intervalMinutesProperty().set(60);
    viewModel.keepLastProperty().set(0);
    viewModel.keepHourlyProperty().set(0);
    viewModel.keepDailyProperty().set(0);
    viewModel.keepWeeklyProperty().set(0);
    assertThat(viewModel.save()).isFalse();
    assertThat(viewModel.messageProperty().get()).contains("at least one");
    assertThat(saves.get()).isZero();
  }
}
