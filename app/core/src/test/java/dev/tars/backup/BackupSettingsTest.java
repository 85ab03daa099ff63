package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSettingsTest {
  @TempDir Path home;

  @Test
  void scheduleRetentionMirrorAndAlertAddressSurviveARestartAndListenersHearOfThem() {
    BackupConfig changed = new BackupConfig(Duration.ofMinutes(30), new RetentionPolicy(5, 12, 3, 2),
        home.resolve("mirror"));
    AtomicInteger heard = new AtomicInteger();
    try (Database db = TestDatabase.open(home)) {
      BackupSettings settings = new BackupSettings(db.dataSource());
      assertThat(settings.get()).isEqualTo(BackupConfig.DEFAULT);
      assertThat(settings.webhookUrl()).isEmpty();
      settings.addListener(heard::incrementAndGet);
      settings.save(changed, " https://hooks.example.com/tars ");
    }
    try (Database db = TestDatabase.open(home)) {
      BackupSettings settings = new BackupSettings(db.dataSource());
      assertThat(settings.get()).isEqualTo(changed);
      assertThat(settings.webhookUrl()).isEqualTo("https://hooks.example.com/tars");
    }
    assertThat(heard.get()).isEqualTo(1);
  }

  @Test
  void anAlertAddressThatIsNotHttpIsRefusedAndNothingIsSaved() {
    try (Database db = TestDatabase.open(home)) {
      BackupSettings settings = new BackupSettings(db.dataSource());
      assertThatThrownBy(() -> settings.save(BackupConfig.DEFAULT.withMirror(home), "ftp://example.com/x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
      assertThat(new BackupSettings(db.dataSource()).get()).isEqualTo(BackupConfig.DEFAULT);
    }
  }
}
