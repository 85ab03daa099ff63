package dev.tars.desktop.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.H2Checker;
import dev.tars.backup.PendingRestore;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.config.AppPaths;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.desktop.fx.Notices;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import dev.tars.watchdog.WatchdogConfig;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsViewModelTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path home;
  private TestServices services;
  private Watchdog watchdog;
  private final TestUi ui = new TestUi();
  private final Notices notices = new Notices();
  private final AtomicInteger restarts = new AtomicInteger();
  private BackupsViewModel viewModel;
  private BackupService backups;
  private AppPaths paths;
  private final java.util.concurrent.atomic.AtomicReference<BackupConfig> config =
      new java.util.concurrent.atomic.AtomicReference<>(BackupConfig.DEFAULT);

  @BeforeEach
  void open() {
    paths = new AppPaths(home).ensureCreated();
    services = new TestServices(home, null);
    ConversationStore store = new ConversationStore(services.database.dataSource(), Clock.systemUTC());
    long c = store.create("to keep", "", Sampling.DEFAULTS).id();
    for (int i = 0; i < 5; i++) {
      store.addMessage(c, Role.USER, "message " + i, MessageStatus.COMPLETE);
    }
    backups = BackupServices.standard(paths, services.database, List.of(), List.of(new H2Checker()),
        config::get, Clock.systemUTC(), "test");
    watchdog = new Watchdog(WatchdogConfig.DEFAULT, backups, List.of(), new Metrics(services.database.dataSource(),
        Clock.systemUTC()), null, Clock.systemUTC());
    viewModel = new BackupsViewModel(backups, watchdog, ui.background(), notices, restarts::incrementAndGet,
        I18n.forLanguage("en"));
  }

  @AfterEach
  void close() {
    watchdog.close();
    services.close();
  }

  private BackupRow backUp() {
    viewModel.backUpNow();
    assertThat(viewModel.stateProperty().get()).isEqualTo(BackupsViewModel.State.BACKING_UP);
    ui.runUntil(() -> viewModel.stateProperty().get() == BackupsViewModel.State.IDLE && !viewModel.rows().isEmpty(), WAIT);
    return viewModel.rows().get(0);
  }

  @Test
  void backUpNowAddsAVerifiedRowAndSaysSo() {
    BackupRow row = backUp();

    assertThat(row.state()).isEqualTo("verified");
    assertThat(row.status()).isEqualTo(dev.tars.backup.BackupState.VERIFIED);
    assertThat(row.madeBy()).isEqualTo("by you");
    assertThat(row.details()).isEqualTo("5 messages");
    assertThat(viewModel.summaryProperty().get()).startsWith("1 backup, 1 checked and sound");
    assertThat(notices.shown()).anySatisfy(n -> assertThat(n.kind()).isEqualTo(Notices.Kind.SUCCESS));
  }

  @Test
  void aMissingMirrorFolderIsShownOnThePageWithWhatToDoWhileTheBackupItselfIsKept() throws Exception {
    config.set(BackupConfig.DEFAULT.withMirror(home.resolve("unplugged-disk")));

    BackupRow row = backUp();

    assertThat(row.state()).isEqualTo("verified");
    assertThat(viewModel.problemProperty().get()).startsWith("The backup was made, but not mirrored:")
        .contains("unplugged-disk").contains("is not there").contains("Connect the disk");

    config.set(BackupConfig.DEFAULT);
    Thread.sleep(1100); // backup ids are to the second
    backUp();
    assertThat(viewModel.problemProperty().get()).isEmpty();
  }

  @Test
  void aDamagedBackupIsShownAsDamagedAndCannotBeRestored() throws Exception {
    BackupRow row = backUp();
    try (RandomAccessFile file = new RandomAccessFile(paths.backups().resolve("tars-backup-" + row.id() + ".zip").toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 1);
    }

    viewModel.verify(row);
    ui.runUntil(() -> viewModel.stateProperty().get() == BackupsViewModel.State.IDLE
        && viewModel.rows().get(0).state().equals("damaged"), WAIT);
    assertThat(notices.shown()).anySatisfy(n -> assertThat(n.text()).contains("is damaged and cannot be restored"));
    assertThat(viewModel.rows().get(0).restorable()).isFalse();

    viewModel.prepareRestore(viewModel.rows().get(0));
    ui.runUntil(() -> viewModel.stateProperty().get() == BackupsViewModel.State.IDLE, WAIT);
    assertThat(viewModel.restoreQuestionProperty().get()).isEmpty();
    assertThat(PendingRestore.pending(paths)).isEmpty();
  }

  @Test
  void restoreAsksWithWhatWillBeReplacedThenRestartsTheApp() {
    BackupRow row = backUp();

    viewModel.prepareRestore(row);
    ui.runUntil(() -> !viewModel.restoreQuestionProperty().get().isEmpty(), WAIT);
    assertThat(viewModel.restoreQuestionProperty().get()).contains("your conversations and settings")
        .contains("The backup holds 5 messages").contains("backed up first");

    viewModel.confirmRestore();
    ui.runUntil(() -> restarts.get() == 1, WAIT);
    assertThat(viewModel.stateProperty().get()).isEqualTo(BackupsViewModel.State.RESTARTING);
    assertThat(PendingRestore.pending(paths)).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(row.id()));
  }

  @Test
  void cancellingTheRestoreChangesNothing() {
    BackupRow row = backUp();
    viewModel.prepareRestore(row);
    ui.runUntil(() -> !viewModel.restoreQuestionProperty().get().isEmpty(), WAIT);

    viewModel.cancelRestore();

    assertThat(viewModel.stateProperty().get()).isEqualTo(BackupsViewModel.State.IDLE);
    assertThat(PendingRestore.pending(paths)).isEmpty();
    assertThat(restarts.get()).isZero();
  }

  @Test
  void aRestoreRefusedForADamagedArchiveIsWordedInEnglishAndSpanish() throws Exception {
    BackupRow row = backUp();
    try (RandomAccessFile file = new RandomAccessFile(paths.backups().resolve("tars-backup-" + row.id() + ".zip").toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 1);
    }

    assertThat(restoreRefusal(row, "en")).startsWith("Backup " + row.id() + " is damaged and will not be restored:")
        .contains("The archive file changed after it was written");
    assertThat(restoreRefusal(row, "es")).startsWith("La copia " + row.id() + " está dañada y no se restaurará:")
        .contains("El archivo de la copia cambió después de escribirse").doesNotContain("The archive file changed");
    BackupsViewModel spanish = new BackupsViewModel(backups, watchdog, ui.background(), new Notices(),
        restarts::incrementAndGet, I18n.forLanguage("es"));
    spanish.refresh();
    ui.runUntil(() -> !spanish.rows().isEmpty(), WAIT);
    // the row is read back from the status file: the finding's reason survived it
    assertThat(spanish.rows().get(0).details()).contains("El archivo de la copia cambió después de escribirse");
    assertThat(PendingRestore.pending(paths)).isEmpty();
  }

  @Test
  void aRestoreOfABackupDeletedMeanwhileIsWordedInEnglishAndSpanishAndChangesNothing() throws Exception {
    BackupRow row = backUp();
    java.nio.file.Files.delete(paths.backups().resolve("tars-backup-" + row.id() + ".zip"));

    assertThat(restoreRefusal(row, "en")).isEqualTo("There is no backup " + row.id() + " in " + paths.backups()
        + " any more. Your data is unchanged.");
    assertThat(restoreRefusal(row, "es")).isEqualTo("Ya no hay ninguna copia " + row.id() + " en " + paths.backups()
        + ". Tus datos no han cambiado.");
    assertThat(PendingRestore.pending(paths)).isEmpty();
  }

  @Test
  void everyBackupReasonHasASentenceInEnglishAndSpanish() {
    for (String language : List.of("en", "es")) {
      I18n i18n = I18n.forLanguage(language);
      for (dev.tars.backup.BackupException.Reason reason : dev.tars.backup.BackupException.Reason.values()) {
        if (reason != dev.tars.backup.BackupException.Reason.OTHER) {
          assertThat(i18n.has("backups.problem." + reason.key())).as(language + " " + reason).isTrue();
        }
      }
    }
    assertThat(BackupProblemText.of(new dev.tars.backup.BackupException("kept as it is"), I18n.forLanguage("es")))
        .isEqualTo("kept as it is");
  }

  /** Asks for a restore of {@code row} on a page in {@code language} and returns the error notice it posts. */
  private String restoreRefusal(BackupRow row, String language) {
    Notices seen = new Notices();
    BackupsViewModel page = new BackupsViewModel(backups, watchdog, ui.background(), seen, restarts::incrementAndGet,
        I18n.forLanguage(language));
    page.prepareRestore(row);
    ui.runUntil(() -> page.stateProperty().get() == BackupsViewModel.State.IDLE
        && seen.shown().stream().anyMatch(n -> n.kind() == Notices.Kind.ERROR), WAIT);
    assertThat(page.restoreQuestionProperty().get()).isEmpty();
    assertThat(restarts.get()).isZero();
    return seen.shown().stream().filter(n -> n.kind() == Notices.Kind.ERROR).findFirst().orElseThrow().text();
  }
}
