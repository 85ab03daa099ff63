package dev.tars.desktop.backup;

import dev.tars.backup.BackupInfo;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupState;
import dev.tars.backup.BackupStatus;
import dev.tars.backup.RestorePlan;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.watchdog.Watchdog;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Backups page: the list of archives, Back up now, Verify and Restore. Backups and checks run on the
 * watchdog's thread, listing on the background executor; results come back through the UI dispatcher. Used
 * on the UI thread only.
 *
 * <p>A backup that fails is shown on the page ({@link #problemProperty()}) until the next one succeeds; its
 * notice comes from the watchdog, which reports every failed backup (scheduled ones too), so it is not posted
 * twice.
 */
public final class BackupsViewModel {
  /** What the page is doing; buttons are disabled while it is not {@link #IDLE}. */
  public enum State {
    IDLE,
    BACKING_UP,
    VERIFYING,
    PREPARING_RESTORE,
    RESTARTING
  }

  private final BackupService backups;
  private final Watchdog watchdog;
  private final Background background;
  private final Notices notices;
  private final Runnable restartApp;
  private final I18n i18n;
  private final DateTimeFormatter created;
  private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper restoreQuestion = new ReadOnlyStringWrapper("");
  private String restoreId;

  /**
   * @param restartApp closes the app and starts it again; the restore is applied during that start
   */
  public BackupsViewModel(BackupService backups, Watchdog watchdog, Background background, Notices notices,
      Runnable restartApp, I18n i18n) {
    this.backups = backups;
    this.watchdog = watchdog;
    this.background = background;
    this.notices = notices;
    this.restartApp = restartApp;
    this.i18n = i18n;
    this.created = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", i18n.locale()).withZone(ZoneId.systemDefault());
    state.addListener((obs, old, now) -> progress.set(switch (now) {
      case IDLE -> "";
      case BACKING_UP -> i18n.get("backups.progress.backingUp");
      case VERIFYING -> i18n.get("backups.progress.verifying");
      case PREPARING_RESTORE -> i18n.get("backups.progress.preparingRestore");
      case RESTARTING -> i18n.get("backups.progress.restarting");
    }));
  }

  public ObservableList<BackupRow> rows() {
    return rows;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** One line about where backups are and how many are sound. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** What is under way (next to the spinner); empty when idle. */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** Why the last backup failed or could not be mirrored, with what to do; empty when all is well. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** Non-empty while a restore waits for the person's answer: what will be replaced, in words. */
  public ReadOnlyStringProperty restoreQuestionProperty() {
    return restoreQuestion.getReadOnlyProperty();
  }

  public void refresh() {
    background.run(backups::list, this::show,
        e -> problem.set(i18n.get("backups.listFailed", BackupProblemText.of(e, i18n))));
  }

  public void backUpNow() {
    if (state.get() != State.IDLE) {
      return;
    }
    state.set(State.BACKING_UP);
    whenDone(watchdog.backupNow("manual"), run -> {
      BackupInfo b = run.backup();
      if (b.state() == BackupState.VERIFIED) {
        problem.set(run.mirrorProblem().map(p -> i18n.get("backups.mirrorFailed", p)).orElse(""));
        notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("backups.made", size(b.size()))));
      } else {
        problem.set(i18n.get("backups.madeDamaged", BackupProblemText.problems(b.status(), i18n)));
      }
    }, failure -> problem.set(i18n.get("backups.failed", failure)));
  }

  public void verify(BackupRow row) {
    if (state.get() != State.IDLE) {
      return;
    }
    state.set(State.VERIFYING);
    whenDone(watchdog.verify(row.id()), (BackupStatus status) -> {
      if (status.state() == BackupState.VERIFIED) {
        notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("backups.sound", row.created())));
      } else {
        notices.error(i18n.get("backups.damaged", row.created(), BackupProblemText.problems(status, i18n)));
      }
    }, failure -> notices.error(i18n.get("backups.verifyFailed", failure)));
  }

  /** Checks the archive and asks the person (through {@link #restoreQuestionProperty()}) to confirm. */
  public void prepareRestore(BackupRow row) {
    if (state.get() != State.IDLE) {
      return;
    }
    state.set(State.PREPARING_RESTORE);
    background.run(() -> backups.planRestore(row.id()), plan -> {
      restoreId = row.id();
      restoreQuestion.set(describe(row, plan));
    }, e -> {
      state.set(State.IDLE);
      notices.error(BackupProblemText.of(e, i18n));
      refresh();
    });
  }

  public void cancelRestore() {
    restoreId = null;
    restoreQuestion.set("");
    state.set(State.IDLE);
  }

  /** Asks for the restore at the next start and restarts the app. */
  public void confirmRestore() {
    String id = restoreId;
    if (id == null) {
      return;
    }
    restoreQuestion.set("");
    background.run(() -> backups.requestRestore(id), plan -> {
      state.set(State.RESTARTING);
      notices.info(i18n.get("backups.restarting"));
      restartApp.run();
    }, e -> {
      state.set(State.IDLE);
      notices.error(BackupProblemText.of(e, i18n));
    });
  }

  private <T> void whenDone(CompletableFuture<T> future, Consumer<T> onSuccess, Consumer<String> onFailure) {
    future.whenComplete((result, failure) -> background.ui().run(() -> {
      state.set(State.IDLE);
      if (failure != null) {
        onFailure.accept(BackupProblemText.of(failure, i18n));
      } else {
        onSuccess.accept(result);
      }
      refresh();
    }));
  }

  private void show(List<BackupInfo> list) {
    rows.setAll(list.stream().map(this::row).toList());
    long sound = list.stream().filter(b -> b.state() == BackupState.VERIFIED).count();
    summary.set(list.isEmpty() ? i18n.get("backups.summary.none")
        : i18n.get("backups.summary", list.size(), sound, size(list.stream().mapToLong(BackupInfo::size).sum()),
            backups.catalog().folder().toString()));
  }

  BackupRow row(BackupInfo b) {
    BackupStatus s = b.status();
    String stateText = i18n.get(switch (b.state()) {
      case VERIFIED -> "backups.state.verified";
      case FAILED -> "backups.state.damaged";
      case UNVERIFIED -> "backups.state.unchecked";
    });
    String trigger = String.valueOf(s.trigger());
    String madeBy = switch (trigger) {
      case "scheduled", "exit", "manual", "before-restore" -> i18n.get("backups.trigger." + trigger);
      default -> trigger;
    };
    String details = "";
    if (b.state() == BackupState.FAILED) {
      details = BackupProblemText.problems(s, i18n);
    } else if (s.facts().containsKey("database.rows.MESSAGE")) {
      details = i18n.get("backups.holds.messages", s.facts().get("database.rows.MESSAGE"));
      if (s.facts().getOrDefault("knowledge-index.documents", 0L) > 0) {
        details = i18n.get("backups.holds.messagesAndPassages", s.facts().get("database.rows.MESSAGE"),
            s.facts().get("knowledge-index.documents"));
      }
    }
    return new BackupRow(b.id(), created.format(b.createdAt()), size(b.size()), b.state(), stateText, madeBy, details,
        b.state() != BackupState.FAILED);
  }

  private String describe(BackupRow row, RestorePlan plan) {
    StringBuilder text = new StringBuilder(i18n.get("backups.restore.question", row.created())).append('\n');
    for (RestorePlan.Replacement r : plan.replacements()) {
      String what = switch (r.source()) {
        case "database" -> i18n.get("backups.restore.database");
        case "knowledge-index", "knowledge" -> i18n.get("backups.restore.index");
        default -> r.source();
      };
      text.append(i18n.get("backups.restore.line", what, size(r.currentBytes()), size(r.backupBytes()))).append('\n');
    }
    Long messages = plan.facts().get("database.rows.MESSAGE");
    if (messages != null) {
      text.append('\n').append(i18n.get("backups.restore.messages", messages));
    }
    text.append('\n').append(i18n.get("backups.restore.after"));
    return text.toString();
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }
}
