package dev.tars.desktop.settings;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.HttpUrls;
import dev.tars.config.SettingsStore;
import dev.tars.config.Theme;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.StateViewModel;
import dev.tars.desktop.fx.SamplingFields;
import dev.tars.desktop.feature.ModelFileCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The Settings page. Theme and language apply as soon as they are picked; everything else is saved with Save
 * after it is checked.
 */
public final class SettingsViewModel extends StateViewModel<SettingsViewModel.State> {
  public enum State {
    LOADING,
    /** What is shown is what is saved. */
    CLEAN,
    /** There are unsaved changes. */
    DIRTY,
    SAVING,
    /** The last Save was refused; {@link #errorProperty()} says why. */
    INVALID
  }

  /** Language choices: empty follows the operating system. */
  public static final String[] LANGUAGES = {"", "en", "es"};

  static final int MAX_CONTEXT = 1 << 20;
  static final int MAX_THREADS = 512;

  private final SettingsStore store;
  private final Background background;
  private final I18n i18n;
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.SYSTEM);
  private final StringProperty language = new SimpleStringProperty("");
  private final SamplingFields defaults = new SamplingFields();
  private final ObjectProperty<EngineChoice> engine = new SimpleObjectProperty<>(EngineChoice.LOCAL);
  private final StringProperty modelPath = new SimpleStringProperty("");
  private final StringProperty remoteUrl = new SimpleStringProperty("");
  private final StringProperty remoteApiKey = new SimpleStringProperty("");
  private final StringProperty remoteModel = new SimpleStringProperty("");
  private final IntegerProperty contextSize = new SimpleIntegerProperty();
  private final IntegerProperty threads = new SimpleIntegerProperty();
  private AppSettings saved;
  private boolean filling;

  public SettingsViewModel(SettingsStore store, Background background, I18n i18n) {
    super(State.LOADING);
    this.store = store;
    this.background = background;
    this.i18n = i18n;
    theme.addListener((obs, old, now) -> applyAtOnce(s -> s.withTheme(now)));
    language.addListener((obs, old, now) -> applyAtOnce(s -> s.withLanguage(now == null ? "" : now)));
    List<ObservableValue<?>> fields = new ArrayList<>(defaults.all());
    fields.addAll(List.of(engine, modelPath, remoteUrl, remoteApiKey, remoteModel, contextSize, threads));
    for (ObservableValue<?> field : fields) {
      field.addListener((obs, old, now) -> {
        if (!filling && state() != State.LOADING) {
          setState(State.DIRTY);
        }
      });
    }
  }

  /** Loads what is saved into the fields, dropping unsaved changes. */
  public void load() {
    background.run(store::get, this::fill, e -> fail(i18n.get("settings.loadFailed")));
  }

  private void fill(AppSettings s) {
    filling = true;
    try {
      saved = s;
      theme.set(s.theme());
      language.set(s.language());
      defaults.fill(s.defaultSystemPrompt(), s.defaultSampling());
      engine.set(s.engine());
      modelPath.set(s.modelPath());
      remoteUrl.set(s.remoteUrl());
      remoteApiKey.set(s.remoteApiKey());
      remoteModel.set(s.remoteModel());
      contextSize.set(s.contextSize());
      threads.set(s.threads());
    } finally {
      filling = false;
    }
    setError("");
    setState(State.CLEAN);
  }

  private void applyAtOnce(java.util.function.UnaryOperator<AppSettings> change) {
    if (filling || saved == null) {
      return;
    }
    // The snapshot is taken here, on the UI thread, so quick successive picks are saved in the order made.
    saved = change.apply(saved);
    AppSettings snapshot = saved;
    background.run(() -> {
      store.save(keepLocalApi(snapshot));
      return null;
    }, ignored -> {}, e -> fail(i18n.get("settings.saveFailed")));
  }

  /** Checks the fields and saves them; returns false with {@link #errorProperty()} set when they are not valid. */
  public boolean save() {
    if (saved == null) {
      return false;
    }
    Optional<String> problem = validate();
    if (problem.isPresent()) {
      fail(problem.get());
      return false;
    }
    AppSettings updated = saved
        .withDefaults(defaults.systemPrompt(), defaults.sampling().orElseThrow())
        .withModelPath(modelPath.get().strip())
        .withEngine(engine.get(), remoteUrl.get().strip(), remoteApiKey.get().strip(), remoteModel.get().strip())
        .withLocalEngine(contextSize.get(), threads.get());
    setState(State.SAVING);
    setError("");
    background.run(() -> {
      Optional<String> fileProblem = checkModelFile(updated);
      if (fileProblem.isEmpty()) {
        store.save(keepLocalApi(updated));
      }
      return fileProblem;
    }, fileProblem -> fileProblem.ifPresentOrElse(this::fail, () -> fill(updated)),
        e -> fail(i18n.get("settings.saveFailed")));
    return true;
  }

  /**
   * The local API switch is saved by its own section of this page, maybe after these fields were loaded: keep
   * what is stored for it rather than the value loaded with the page.
   */
  private AppSettings keepLocalApi(AppSettings changed) {
    AppSettings stored = store.get();
    return changed.withApiServer(stored.apiServer(), stored.apiPort());
  }

  /** Drops unsaved changes. */
  public void revert() {
    if (saved != null) {
      fill(saved);
    }
  }

  private Optional<String> validate() {
    if (defaults.sampling().isEmpty()) {
      return Optional.of(i18n.get("settings.samplingInvalid"));
    }
    if (contextSize.get() < 256 || contextSize.get() > MAX_CONTEXT) {
      return Optional.of(i18n.get("settings.contextInvalid", 256, MAX_CONTEXT));
    }
    if (threads.get() < 0 || threads.get() > MAX_THREADS) {
      return Optional.of(i18n.get("settings.threadsInvalid", MAX_THREADS));
    }
    if (engine.get() == EngineChoice.REMOTE) {
      if (!HttpUrls.isHttpUrl(remoteUrl.get().strip())) {
        return Optional.of(i18n.get("settings.remoteUrlInvalid"));
      }
    }
    return Optional.empty();
  }

  /** Reads the model file's header, so it runs in the background. */
  private Optional<String> checkModelFile(AppSettings updated) {
    if (updated.engine() != EngineChoice.LOCAL || updated.modelPath().isBlank()) {
      return Optional.empty();
    }
    Path file = Path.of(updated.modelPath());
    return ModelFileCheck.check(file).map(problem -> i18n.get(problem.messageKey(), file.getFileName()));
  }

  private void fail(String message) {
    setError(message);
    setState(State.INVALID);
  }

  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  public StringProperty languageProperty() {
    return language;
  }

  /** The default system prompt and sampling of new conversations. */
  public SamplingFields defaults() {
    return defaults;
  }

  public ObjectProperty<EngineChoice> engineProperty() {
    return engine;
  }

  public StringProperty modelPathProperty() {
    return modelPath;
  }

  public StringProperty remoteUrlProperty() {
    return remoteUrl;
  }

  public StringProperty remoteApiKeyProperty() {
    return remoteApiKey;
  }

  public StringProperty remoteModelProperty() {
    return remoteModel;
  }

  public IntegerProperty contextSizeProperty() {
    return contextSize;
  }

  public IntegerProperty threadsProperty() {
    return threads;
  }
}
