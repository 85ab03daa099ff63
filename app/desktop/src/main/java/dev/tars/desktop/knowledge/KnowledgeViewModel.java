package dev.tars.desktop.knowledge;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.knowledge.AddResult;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.IngestListener;
import dev.tars.knowledge.JobProgress;
import dev.tars.knowledge.KnowledgeService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Knowledge page's state: collections, their documents with status, and the ingestion job's progress with
 * pause, resume and cancel. Called on the UI thread only; the service's work and its events are handed over
 * through {@link Background} (events are coalesced to a few refreshes per second).
 */
public final class KnowledgeViewModel implements AutoCloseable {
  /** What the job is doing, for the buttons. */
  public enum State { IDLE, INDEXING, PAUSED }

  public static final String DEFAULT_COLLECTION = "Documents";

  private final KnowledgeService service;
  private final Background background;
  private final I18n i18n;
  private final ObservableList<DocumentRow> documents = FXCollections.observableArrayList();
  private final ObservableList<String> collections = FXCollections.observableArrayList();
  private final StringProperty collection = new SimpleStringProperty(DEFAULT_COLLECTION);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(1);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final Runnable refreshSoon;
  private final IngestListener listener;

  public KnowledgeViewModel(KnowledgeService service, Background background, I18n i18n) {
    this.service = service;
    this.background = background;
    this.i18n = i18n;
    this.refreshSoon = background.ui().throttled(this::refresh, Duration.ofMillis(300));
    this.listener = new IngestListener() {
      @Override
      public void documentChanged(DocumentInfo document) {
        refreshSoon.run();
      }

      @Override
      public void progress(JobProgress p) {
        refreshSoon.run();
      }
    };
    service.addListener(listener);
    collection.addListener((obs, old, now) -> refresh());
    refresh();
  }

  public ObservableList<DocumentRow> documents() {
    return documents;
  }

  public ObservableList<String> collections() {
    return collections;
  }

  /** The collection shown and the one new files go to; a new name creates it on the first add. */
  public StringProperty collectionProperty() {
    return collection;
  }

  /** 0..1 for the whole job; -1 while it is starting and nothing can be estimated. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The last confirmation or problem in words; empty when there is nothing to say. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** Files and folders dropped or chosen: queued in the current collection. */
  public void add(List<Path> paths) {
    if (paths.isEmpty()) {
      return;
    }
    String target = collectionName();
    background.run(() -> service.add(target, paths), result -> {
      notice.set(describe(result, target));
      refresh();
    }, e -> notice.set(i18n.get("knowledge.page.addFailed", e.getMessage())));
  }

  public void pause() {
    background.run(service::pause, e -> notice.set(i18n.get("knowledge.page.pauseFailed", e.getMessage())));
    state.set(State.PAUSED);
  }

  public void resume() {
    background.run(service::resume, e -> notice.set(i18n.get("knowledge.page.resumeFailed", e.getMessage())));
    state.set(State.INDEXING);
  }

  /** Stops the job: files not yet indexed are marked as cancelled (add them again to index them). */
  public void cancel() {
    background.run(() -> {
      service.cancel();
      return null;
    }, ignored -> {
      notice.set(i18n.get("knowledge.page.cancelled"));
      refresh();
    }, e -> notice.set(i18n.get("knowledge.page.cancelFailed", e.getMessage())));
  }

  /** Removes a document from the knowledge base (the file itself stays where it is). */
  public void remove(DocumentRow row) {
    background.run(() -> {
      service.remove(row.id());
      return null;
    }, ignored -> {
      notice.set(i18n.get("knowledge.page.removed", row.name()));
      refresh();
    }, e -> notice.set(i18n.get("knowledge.page.removeFailed", row.name(), e.getMessage())));
  }

  public void clearNotice() {
    notice.set("");
  }

  /** Reloads collections, documents and progress from the service. */
  public void refresh() {
    String shown = collectionName();
    background.run(() -> {
      List<CollectionInfo> all = service.collections();
      OptionalLong id = all.stream().filter(c -> c.name().equals(shown)).mapToLong(CollectionInfo::id).findFirst();
      List<DocumentRow> rows = id.isPresent()
          ? service.documents(id).stream().map(d -> DocumentRow.of(d, i18n)).toList() : List.of();
      return new Snapshot(all.stream().map(CollectionInfo::name).toList(), rows, service.progress());
    }, this::apply, e -> notice.set(i18n.get("knowledge.page.readFailed", e.getMessage())));
  }

  private record Snapshot(List<String> collections, List<DocumentRow> rows, JobProgress progress) {}

  private void apply(Snapshot s) {
    if (!collections.equals(s.collections())) {
      collections.setAll(s.collections());
    }
    documents.setAll(s.rows());
    JobProgress p = s.progress();
    state.set(p.paused() ? State.PAUSED : p.idle() ? State.IDLE : State.INDEXING);
    progress.set(p.idle() ? 1 : p.bytesDone() == 0 ? -1 : p.fraction());
    progressText.set(describe(p));
  }

  String describe(JobProgress p) {
    if (p.idle()) {
      return p.failed() > 0
          ? i18n.get("knowledge.page.progress.doneWithFailures", p.indexed(), p.failed())
          : i18n.get("knowledge.page.progress.done", p.indexed());
    }
    String left = i18n.get("knowledge.page.progress.left", p.queued(), p.inProgress());
    if (p.paused()) {
      return i18n.get("knowledge.page.progress.paused", left);
    }
    int percent = (int) Math.round(p.fraction() * 100);
    return p.eta().map(eta -> i18n.get("knowledge.page.progress.indexingEta", percent, left, format(eta)))
        .orElseGet(() -> i18n.get("knowledge.page.progress.indexing", percent, left));
  }

  private String format(Duration d) {
    long s = Math.max(1, d.toSeconds());
    if (s < 60) {
      return i18n.get("knowledge.page.duration.seconds", s);
    }
    return s < 3600 ? i18n.get("knowledge.page.duration.minutes", s / 60)
        : i18n.get("knowledge.page.duration.hours", s / 3600, s % 3600 / 60);
  }

  private String describe(AddResult r, String collection) {
    StringBuilder sb = new StringBuilder(i18n.get("knowledge.page.added", r.queued(), collection));
    if (r.unchanged() > 0) {
      sb.append(i18n.get("knowledge.page.added.unchanged", r.unchanged()));
    }
    if (r.skipped() > 0) {
      sb.append(i18n.get("knowledge.page.added.skipped", r.skipped()));
    }
    return sb.append('.').toString();
  }

  private String collectionName() {
    String name = collection.get();
    return name == null || name.isBlank() ? DEFAULT_COLLECTION : name.strip();
  }

  @Override
  public void close() {
    service.removeListener(listener);
  }
}
