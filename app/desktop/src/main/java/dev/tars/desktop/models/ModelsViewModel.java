package dev.tars.desktop.models;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.LinkOpener;
import dev.tars.models.Bytes;
import dev.tars.models.CatalogEntry;
import dev.tars.models.Download;
import dev.tars.models.DownloadListener;
import dev.tars.models.DownloadOutcome;
import dev.tars.models.DownloadProgress;
import dev.tars.models.DownloadStatus;
import dev.tars.models.InstalledModel;
import dev.tars.models.ModelException;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Models page's state: the catalog with fit labels, downloads with progress, imports and deletions.
 * Every method is called on the UI thread; slow work goes to {@code background} and results come back
 * through {@code ui}.
 */
public final class ModelsViewModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelsViewModel.class);

  private final ModelManager manager;
  private final Executor ui;
  private final Executor background;
  private final I18n i18n;
  /**
   * Best first: the recommended model, then by fit (fits, may be slow, won't fit), chat before other kinds,
   * smaller before larger.
   */
  public static final Comparator<ModelRow> BY_FIT = Comparator.comparing((ModelRow r) -> !r.recommended())
      .thenComparing(r -> r.fitLevelProperty().get())
      .thenComparing(r -> r.entry() == null || r.entry().kind() != ModelKind.CHAT)
      .thenComparingLong(ModelRow::sizeBytes);

  private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
  private final FilteredList<ModelRow> shownRows = new FilteredList<>(rows);
  private final StringProperty search = new SimpleStringProperty("");
  private final Map<String, Download> downloads = new HashMap<>();
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper machine = new ReadOnlyStringWrapper("");
  private final Consumer<Path> useModel;
  private final String recommendedName;
  private final RowWording wording;
  private Consumer<URI> linkOpener = new LinkOpener()::open;

  /** A page without a "Use" button (the model is chosen elsewhere). */
  public ModelsViewModel(ModelManager manager, Executor ui, Executor background, I18n i18n) {
    this(manager, ui, background, null, i18n);
  }

  /**
   * @param useModel makes the given GGUF file the model Tars uses (e.g. saves it in the settings); called on
   *     a background thread; null hides the "Use" button
   */
  public ModelsViewModel(ModelManager manager, Executor ui, Executor background, Consumer<Path> useModel,
      I18n i18n) {
    this.manager = manager;
    this.i18n = i18n;
    this.ui = ui;
    this.background = background;
    this.useModel = useModel;
    this.recommendedName = manager.catalog().recommended(manager.totalRam()).map(CatalogEntry::name).orElse(null);
    this.wording = new RowWording(manager, i18n, recommendedName);
    search.addListener((obs, old, now) -> shownRows.setPredicate(RowWording.matching(now)));
    machine.set(i18n.get("models.page.machine", Bytes.human(manager.totalRam()), manager.modelsDir()));
    refresh();
  }

  /** Every row, whatever the search box says. */
  public ObservableList<ModelRow> rows() {
    return rows;
  }

  /** The rows the search box lets through, in catalog order (the view sorts them). */
  public ObservableList<ModelRow> shownRows() {
    return shownRows;
  }

  /** The search box: every word must appear in a row's name, family, parameters, size, quantization or kind. */
  public StringProperty searchProperty() {
    return search;
  }

  /** The model recommended for this computer, if the catalog has one. */
  public Optional<ModelRow> recommended() {
    return rows.stream().filter(ModelRow::recommended).findFirst();
  }

  /** The recommended model as a one-click download for the welcome page; empty when the catalog has none. */
  public Optional<dev.tars.desktop.feature.ModelOffer> recommendedOffer() {
    return recommended().map(row -> new RowOffer(row, this));
  }

  /** This computer's memory in bytes (0 when unknown). */
  public long totalRam() {
    return manager.totalRam();
  }

  /** Where {@code row}'s model is on disk, once installed. */
  public Optional<Path> file(ModelRow row) {
    return row.state() == ModelRow.State.INSTALLED && row.installed() != null
        ? Optional.of(manager.location(row.installed())) : Optional.empty();
  }

  /** Opens a licence link; by default in the desktop's browser, tests give their own. */
  void setLinkOpener(Consumer<URI> opener) {
    this.linkOpener = opener;
  }

  /** Opens {@code row}'s licence text in the browser (in the background: a slow desktop must not freeze us). */
  public void openLicense(ModelRow row) {
    if (row.entry() == null || row.entry().licenseUrl() == null) {
      return;
    }
    URI link = row.entry().licenseUrl();
    background.execute(() -> {
      try {
        linkOpener.accept(link);
      } catch (RuntimeException e) {
        LOG.warn("Could not open {}", link, e);
        ui.execute(() -> notice.set(i18n.get("models.page.linkFailed", link)));
      }
    });
  }







  /** The last error or confirmation in words; empty when there is nothing to say. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty machineProperty() {
    return machine.getReadOnlyProperty();
  }

  public void clearNotice() {
    notice.set("");
  }

  /** Rebuilds the rows from the catalog, the installed models and the paused downloads. */
  public void refresh() {
    Map<String, ModelRow> old = new HashMap<>();
    rows.forEach(r -> old.put(r.name(), r));
    List<CatalogEntry> paused = manager.paused();
    List<InstalledModel> installed = manager.installed();
    java.util.ArrayList<ModelRow> fresh = new java.util.ArrayList<>();
    for (CatalogEntry e : manager.catalog().entries()) {
      ModelRow row = old.getOrDefault(e.name(), new ModelRow(e.name(), e));
      wording.describe(row, e);
      if (!downloads.containsKey(e.name())) {
        InstalledModel m = installed.stream().filter(i -> i.name().equals(e.name())).findFirst().orElse(null);
        if (m != null) {
          row.activeProperty().set(manager.isActive(m));
          wording.markInstalled(row, m);
        } else if (!e.downloadable()) {
          row.stateProperty().set(ModelRow.State.INCLUDED);
          row.messageProperty().set(i18n.get("models.page.included"));
        } else if (paused.contains(e)) {
          long have = manager.partialBytes(e);
          long total = manager.partial(e).map(p -> p.totalBytes()).filter(t -> t > 0).orElse(e.sizeBytes());
          row.stateProperty().set(ModelRow.State.PAUSED);
          row.progressProperty().set(Math.min(1, (double) have / total));
          row.progressTextProperty().set(i18n.get("models.page.progress.of", Bytes.human(have), Bytes.human(total)));
          row.messageProperty().set(i18n.get("models.page.paused"));
        } else if (row.state() != ModelRow.State.FAILED) {
          row.stateProperty().set(ModelRow.State.AVAILABLE);
          row.progressTextProperty().set("");
          row.messageProperty().set(e.sha256() == null ? i18n.get("models.available.notVerifiable") : "");
        }
      }
      fresh.add(row);
    }
    for (InstalledModel m : installed) {
      if (manager.catalog().find(m.name()).isEmpty()) {
        ModelRow row = old.getOrDefault(m.name(), new ModelRow(m.name(), null));
        wording.describeImported(row, m);
        row.activeProperty().set(manager.isActive(m));
        wording.markInstalled(row, m);
        fresh.add(row);
      }
    }
    rows.setAll(fresh);
  }











  /** Whether an installed chat model on {@code row} can be made the one Tars uses. */
  public boolean canUse(ModelRow row) {
    return useModel != null && row.state() == ModelRow.State.INSTALLED && !row.activeProperty().get()
        && row.installed() != null && row.installed().kind() == ModelKind.CHAT;
  }

  /** Makes {@code row}'s model the one Tars uses. */
  public void use(ModelRow row) {
    if (!canUse(row)) {
      return;
    }
    Path file = manager.location(row.installed());
    background.execute(() -> {
      try {
        useModel.accept(file);
        ui.execute(() -> {
          refresh();
          notice.set(i18n.get("models.page.used", row.titleProperty().get()));
        });
      } catch (RuntimeException e) {
        LOG.error("Could not switch to {}", file, e);
        ui.execute(() -> notice.set(i18n.get("models.page.useFailed", row.titleProperty().get(), e.getMessage())));
      }
    });
  }

  /** Starts or resumes downloading {@code row}'s model. */
  public void download(ModelRow row) {
    if (row.entry() == null || downloads.containsKey(row.name())) {
      return;
    }
    row.stateProperty().set(ModelRow.State.QUEUED);
    row.messageProperty().set(i18n.get("models.page.starting"));
    background.execute(() -> {
      try {
        Download download = manager.pull(row.name(), new RowListener(row));
        ui.execute(() -> {
          downloads.put(row.name(), download);
          download.outcome().thenAccept(outcome -> ui.execute(() -> finished(row, outcome)));
        });
      } catch (ModelException e) {
        ui.execute(() -> failed(row, e.text().in(i18n.locale())));
      } catch (RuntimeException e) {
        LOG.error("Could not start downloading {}", row.name(), e);
        ui.execute(() -> failed(row, i18n.get("models.page.downloadFailed")));
      }
    });
  }

  public void pause(ModelRow row) {
    Download d = downloads.get(row.name());
    if (d != null) {
      row.messageProperty().set(i18n.get("models.page.pausing"));
      d.pause();
    }
  }

  public void cancel(ModelRow row) {
    Download d = downloads.get(row.name());
    if (d != null) {
      row.messageProperty().set(i18n.get("models.page.cancelling"));
      d.cancel();
    } else if (row.state() == ModelRow.State.PAUSED) {
      background.execute(() -> {
        try {
          manager.discardPartial(row.name());
          ui.execute(this::refresh);
        } catch (ModelException e) {
          ui.execute(() -> notice.set(e.text().in(i18n.locale())));
        }
      });
    }
  }

  /** Deletes an installed model; the view has asked first. */
  public void delete(ModelRow row) {
    if (row.state() != ModelRow.State.INSTALLED) {
      return;
    }
    background.execute(() -> {
      try {
        InstalledModel removed = manager.remove(row.name());
        ui.execute(() -> {
          if (row.entry() != null) {
            row.stateProperty().set(ModelRow.State.AVAILABLE);
            row.detailsProperty().set("");
          }
          refresh();
          notice.set(i18n.get("models.page.deleted", removed.name(), Bytes.human(removed.sizeBytes())));
        });
      } catch (ModelException e) {
        ui.execute(() -> notice.set(e.text().in(i18n.locale())));
      }
    });
  }

  /** Imports a GGUF file from disk (from the file chooser or a drop on the page). */
  public void importFile(Path file, boolean link) {
    notice.set(i18n.get("models.page.checking", file.getFileName()));
    background.execute(() -> {
      try {
        InstalledModel model = manager.importFile(file, link);
        ui.execute(() -> {
          refresh();
          notice.set(i18n.get("models.page.importedNotice", model.name(), model.metadata().describe()));
        });
      } catch (ModelException e) {
        ui.execute(() -> notice.set(e.text().in(i18n.locale())));
      } catch (RuntimeException e) {
        LOG.error("Import of {} failed", file, e);
        ui.execute(() -> notice.set(i18n.get("models.page.importFailed", file.getFileName())));
      }
    });
  }

  private void finished(ModelRow row, DownloadOutcome outcome) {
    downloads.remove(row.name());
    switch (outcome) {
      case DownloadOutcome.Completed c -> {
        refresh();
        notice.set(i18n.get(c.verified() ? "models.installedNotice.verified" : "models.installedNotice.notVerified",
            row.titleProperty().get()));
      }
      case DownloadOutcome.Paused p -> refresh();
      case DownloadOutcome.Cancelled c -> {
        row.progressProperty().set(0);
        row.progressTextProperty().set("");
        row.messageProperty().set(i18n.get("models.page.cancelled"));
        row.stateProperty().set(ModelRow.State.AVAILABLE);
      }
      case DownloadOutcome.Failed f -> {
        refresh();
        failed(row, f.reason().in(i18n.locale()));
      }
    }
  }

  private void failed(ModelRow row, String message) {
    row.messageProperty().set(message);
    notice.set(message);
    row.stateProperty().set(ModelRow.State.FAILED);
  }

  /** Pauses running downloads so they can resume next time. */
  @Override
  public void close() {
    downloads.values().forEach(Download::pause);
  }

  private final class RowListener implements DownloadListener {
    private final ModelRow row;

    RowListener(ModelRow row) {
      this.row = row;
    }

    @Override
    public void onStatus(DownloadStatus status, String message) {
      ui.execute(() -> {
        switch (status) {
          case CONNECTING, DOWNLOADING, RETRYING, RESTARTING -> row.stateProperty().set(ModelRow.State.DOWNLOADING);
          case VERIFYING, EXTRACTING -> row.stateProperty().set(ModelRow.State.VERIFYING);
          default -> { }
        }
        // The manager's message is English (it also feeds the command line): the page says it in its language.
        if (!status.isFinal()) {
          row.messageProperty().set(i18n.get("models.page.status." + status.name()));
        }
      });
    }

    @Override
    public void onProgress(DownloadProgress p) {
      ui.execute(() -> {
        row.progressProperty().set(p.fraction());
        row.progressTextProperty().set(wording.describe(p));
      });
    }
  }
}
