package dev.tars.desktop.welcome;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.SettingsStore;
import dev.tars.desktop.feature.ModelFileCheck;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** First run: asks for a GGUF model, by file chooser or drag and drop, and checks it before using it. */
public final class WelcomeViewModel {
  public enum State {
    WAITING,
    CHECKING,
    /** The offered file is not usable; {@link #errorProperty()} says why and what to do. */
    REJECTED,
    /** The model is saved in settings; the engine starts loading it. */
    ACCEPTED
  }

  private final SettingsStore settings;
  private final Background background;
  private final I18n i18n;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

  public WelcomeViewModel(SettingsStore settings, Background background, I18n i18n) {
    this.settings = settings;
    this.background = background;
    this.i18n = i18n;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
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
    state.set(State.CHECKING);
    error.set("");
    background.run(() -> {
      Optional<ModelFileCheck.Problem> problem = ModelFileCheck.check(file);
      if (problem.isEmpty()) {
        String path = file.toAbsolutePath().toString();
        AppSettings now = settings.get();
        settings.save(now.withModelPath(path)
            .withEngine(EngineChoice.LOCAL, now.remoteUrl(), now.remoteApiKey(), now.remoteModel()));
      }
      return problem;
    }, problem -> {
      if (problem.isPresent()) {
        reject(i18n.get(problem.get().messageKey(), file.getFileName() == null ? file : file.getFileName()));
      } else {
        state.set(State.ACCEPTED);
      }
    }, e -> reject(i18n.get("welcome.saveFailed")));
  }

  private void reject(String message) {
    error.set(message);
    state.set(State.REJECTED);
  }
}
