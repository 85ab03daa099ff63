package dev.tars.desktop.backup;

import dev.tars.backup.BackupInfo;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupState;
import dev.tars.backup.BackupStatus;
import dev.tars.backup.RestorePlan;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.shell.Notices;
import dev.tars.watchdog.Watchdog;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

  private final BackupService backups;
  private final Watchdog watchdog;
  private final Background background;
  private final Notices notices;
  private final Runnable restartApp;
  private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper restoreQuestion = new ReadOnlyStringWrapper("");
  private String restoreId;

  /**
   * @param restartApp closes the app and starts it again; the restore is applied during that start
   */
  public BackupsViewModel(BackupService backups, Watchdog watchdog, Background background, Notices notices,
      Runnable restartApp) {
    this.backups = backups;
    this.watchdog = watchdog;
    this.background = background;
    this.notices = notices;
    this.restartApp = restartApp;
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

  /** Non-empty while a restore waits for the person's answer: what will be replaced, in words. */
  public ReadOnlyStringProperty restoreQuestionProperty() {
    return restoreQuestion.getReadOnlyProperty();
  }

  public void refresh() {
    background.run(backups::list, this::show, e -> notices.error("The backups cannot be listed: " + e.getMessage()));
  }

  public void backUpNow() {
    if (state.get() != State.IDLE) {
      return;
    }
    state.set(State.BACKING_UP);
    whenDone(watchdog.backupNow("manual"), run -> {
      BackupInfo b = run.backup();
      if (b.state() == BackupState.VERIFIED) {
        notices.post(new Notices.Notice(Notices.Kind.SUCCESS, "Backup made and checked (" + size(b.size()) + ")."));
      } else {
        notices.error("The new backup failed its check: " + String.join(" ", b.status().problems()));
      }
      run.mirrorProblem().ifPresent(p -> notices.post(new Notices.Notice(Notices.Kind.WARNING, p)));
    });
  }

  public void verify(BackupRow row) {
    if (state.get() != State.IDLE) {
      return;
    }
    state.set(State.VERIFYING);
    whenDone(watchdog.verify(row.id()), (BackupStatus status) -> {
      if (status.state() == BackupState.VERIFIED) {
        notices.post(new Notices.Notice(Notices.Kind.SUCCESS, "Backup " + row.created() + " is sound."));
      } else {
        notices.error("Backup " + row.created() + " is damaged and cannot be restored: "
            + String.join(" ", status.problems()));
      }
    });
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
      notices.error(e.getMessage());
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
      notices.info("Tars restarts to restore the backup; your current data is backed up first.");
      restartApp.run();
    }, e -> {
      state.set(State.IDLE);
      notices.error(e.getMessage());
    });
  }

  private <T> void whenDone(CompletableFuture<T> future, Consumer<T> onSuccess) {
    future.whenComplete((result, failure) -> background.ui().run(() -> {
      state.set(State.IDLE);
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        notices.error(String.valueOf(cause.getMessage()));
      } else {
        onSuccess.accept(result);
      }
      refresh();
    }));
  }

  private void show(List<BackupInfo> list) {
    rows.setAll(list.stream().map(BackupsViewModel::row).toList());
    long sound = list.stream().filter(b -> b.state() == BackupState.VERIFIED).count();
    summary.set(list.isEmpty() ? "No backups yet. Tars backs up every hour when something changed, and when it closes."
        : list.size() + " backups, " + sound + " checked and sound, " + size(list.stream().mapToLong(BackupInfo::size).sum())
            + " in " + backups.catalog().folder() + ".");
  }

  static BackupRow row(BackupInfo b) {
    BackupStatus s = b.status();
    String state = switch (b.state()) {
      case VERIFIED -> "verified";
      case FAILED -> "damaged";
      case UNVERIFIED -> "not checked";
    };
    String madeBy = switch (String.valueOf(s.trigger())) {
      case "scheduled" -> "hourly";
      case "exit" -> "at exit";
      case "manual" -> "by you";
      case "before-restore" -> "before a restore";
      default -> String.valueOf(s.trigger());
    };
    String details = b.state() == BackupState.FAILED ? String.join(" ", s.problems())
        : s.facts().containsKey("database.rows.MESSAGE") ? s.facts().get("database.rows.MESSAGE") + " messages"
            + (s.facts().containsKey("knowledge-index.documents")
                ? ", " + s.facts().get("knowledge-index.documents") + " passages" : "")
            : "";
    return new BackupRow(b.id(), CREATED.format(b.createdAt()), size(b.size()), state, madeBy, details,
        b.state() != BackupState.FAILED);
  }

  private static String describe(BackupRow row, RestorePlan plan) {
    StringBuilder text = new StringBuilder("Restore the backup of " + row.created() + "?\n\nThis replaces:\n");
    for (RestorePlan.Replacement r : plan.replacements()) {
      text.append("  • ").append(switch (r.source()) {
        case "database" -> "your conversations and settings";
        case "knowledge-index", "knowledge" -> "your document index";
        default -> r.source();
      }).append(" (").append(size(r.currentBytes())).append(" now, ").append(size(r.backupBytes()))
          .append(" in the backup)\n");
    }
    Long messages = plan.facts().get("database.rows.MESSAGE");
    if (messages != null) {
      text.append("\nThe backup holds ").append(messages).append(" messages.");
    }
    text.append("\nYour current data is backed up first, then Tars restarts.");
    return text.toString();
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }
}
