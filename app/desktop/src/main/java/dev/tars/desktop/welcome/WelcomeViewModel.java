package dev.tars.desktop.welcome;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.SettingsStore;
import dev.tars.desktop.feature.ModelFileCheck;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.StateViewModel;
import dev.tars.desktop.feature.ModelOffer;
import dev.tars.models.Bytes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * First run: offers to download the model recommended for this computer (progress, pause, cancel, retry; the
 * chat opens on it when it is in), or asks for a GGUF model by file chooser or drag and drop and checks it
 * before using it. The download itself is the Models page's (behind {@link ModelOffer}), so both show the same.
 */
public final class WelcomeViewModel extends StateViewModel<WelcomeViewModel.State> {
  public enum State {
    WAITING,
    CHECKING,
    /** The offered file is not usable; {@link #errorProperty()} says why and what to do. */
    REJECTED,
    /** The model is saved in settings; the engine starts loading it. */
    ACCEPTED
  }

  /** Where the recommended model's download is, for the buttons the page shows. */
  public enum Download {
    /** Nothing to offer (no catalog, or the models folder could not be read). */
    NONE,
    OFFERED,
    RUNNING,
    PAUSED,
    FAILED,
    /** In the models folder; the welcome uses it. */
    DONE
  }

  private final SettingsStore settings;
  private final Background background;
  private final I18n i18n;
  private final ReadOnlyObjectWrapper<ModelOffer> recommended = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Download> download = new ReadOnlyObjectWrapper<>(Download.NONE);
  private final ReadOnlyStringWrapper downloadText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper recommendedWhy = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper downloadError = new ReadOnlyStringWrapper("");
  private final ChangeListener<ModelOffer.Phase> phaseListener = (obs, old, now) -> phaseChanged(now);

  public WelcomeViewModel(SettingsStore settings, Background background, I18n i18n) {
    super(State.WAITING);
    this.settings = settings;
    this.background = background;
    this.i18n = i18n;
  }

  /**
   * Offers {@code offer} (the model recommended for this computer) as a one-click download. Call on the UI
   * thread; a second offer is ignored (the welcome may show twice, the download goes on).
   */
  public void offer(ModelOffer offer) {
    if (recommended.get() != null || offer == null) {
      return;
    }
    recommended.set(offer);
    downloadText.set(i18n.get("welcome.download", offer.title(), offer.size(), offer.license()));
    String why = offer.totalRam() > 0 ? i18n.get("welcome.recommendedWhy", Bytes.human(offer.totalRam()),
        Bytes.human(offer.requiredBytes())) : "";
    if (!offer.verifiable()) {
      why = why + (why.isEmpty() ? "" : " ") + i18n.get("welcome.notVerifiable");
    }
    recommendedWhy.set(why);
    offer.phaseProperty().addListener(phaseListener);
    phaseChanged(offer.phaseProperty().get());
  }

  /** The recommended model's download (progress, progress text); null when none is offered. */
  public ReadOnlyObjectProperty<ModelOffer> recommendedProperty() {
    return recommended.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Download> downloadProperty() {
    return download.getReadOnlyProperty();
  }

  /** "Download Qwen2.5 1.5B Instruct Q4_K_M (1.1 GB, Apache-2.0)" */
  public ReadOnlyStringProperty downloadTextProperty() {
    return downloadText.getReadOnlyProperty();
  }

  /** Why this model: the computer's memory and what the model needs; whether it can be verified. */
  public ReadOnlyStringProperty recommendedWhyProperty() {
    return recommendedWhy.getReadOnlyProperty();
  }

  /** Why the download stopped, in words; empty otherwise. */
  public ReadOnlyStringProperty downloadErrorProperty() {
    return downloadError.getReadOnlyProperty();
  }

  /** Starts, resumes or retries the recommended model's download (or uses it when it is already in). */
  public void download() {
    ModelOffer offer = recommended.get();
    if (offer == null) {
      return;
    }
    downloadError.set("");
    setError("");
    if (offer.phaseProperty().get() == ModelOffer.Phase.INSTALLED) {
      useDownloaded(offer);
    } else {
      offer.start();
    }
  }

  public void pause() {
    if (recommended.get() != null) {
      recommended.get().pause();
    }
  }

  public void cancel() {
    if (recommended.get() != null) {
      recommended.get().cancel();
    }
  }

  private void phaseChanged(ModelOffer.Phase now) {
    ModelOffer offer = recommended.get();
    switch (now) {
      case OFFERED -> download.set(Download.OFFERED);
      case RUNNING -> download.set(Download.RUNNING);
      case PAUSED -> download.set(Download.PAUSED);
      case FAILED -> {
        downloadError.set(i18n.get("welcome.downloadFailed", offer.problemProperty().get()));
        download.set(Download.FAILED);
      }
      case INSTALLED -> {
        boolean justDownloaded = download.get() == Download.RUNNING;
        download.set(Download.DONE);
        if (justDownloaded) {
          useDownloaded(offer);
        }
      }
    }
  }

  /** Makes the downloaded model the one Tars runs; the window then opens the chat (settings say it is set up). */
  private void useDownloaded(ModelOffer offer) {
    Optional<Path> file = offer.file();
    if (file.isEmpty()) {
      return;
    }
    setState(State.CHECKING);
    background.run(() -> {
      saveAsLocalModel(file.get());
      return file.get();
    }, saved -> {
      downloadError.set("");
      downloadText.set(i18n.get("welcome.ready", offer.title()));
      setState(State.ACCEPTED);
    }, e -> {
      downloadError.set(i18n.get("welcome.useFailed", offer.title()));
      download.set(Download.FAILED);
      setState(State.WAITING);
    });
  }

  /** Whether a drag carrying {@code files} should be accepted: exactly one file. */
  public boolean acceptsDrop(List<Path> files) {
    return files.size() == 1;
  }

  /** Offers {@code files} dropped on the window. */
  public void dropped(List<Path> files) {
    if (files.size() != 1) {
      reject(i18n.get("welcome.dropOne"));
      return;
    }
    choose(files.getFirst());
  }

  /** Checks {@code file} and, when it is a usable model, saves it as the model to run. */
  public void choose(Path file) {
    if (file == null) {
      return;
    }
    setState(State.CHECKING);
    setError("");
    background.run(() -> {
      Optional<ModelFileCheck.Problem> problem = ModelFileCheck.check(file);
      if (problem.isEmpty()) {
        saveAsLocalModel(file);
      }
      return problem;
    }, problem -> {
      if (problem.isPresent()) {
        reject(i18n.get(problem.get().messageKey(), file.getFileName() == null ? file : file.getFileName()));
      } else {
        setState(State.ACCEPTED);
      }
    }, e -> reject(i18n.get("welcome.saveFailed")));
  }

  /** Makes {@code file} the model Tars runs, keeping the remote server's details for later. */
  private void saveAsLocalModel(Path file) {
    AppSettings now = settings.get();
    settings.save(now.withModelPath(file.toAbsolutePath().toString())
        .withEngine(EngineChoice.LOCAL, now.remoteUrl(), now.remoteApiKey(), now.remoteModel()));
  }

  private void reject(String message) {
    setError(message);
    setState(State.REJECTED);
  }
}
