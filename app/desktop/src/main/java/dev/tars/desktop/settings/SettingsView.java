package dev.tars.desktop.settings;

import dev.tars.config.EngineChoice;
import dev.tars.config.Theme;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.desktop.fx.Spinners;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The Settings page. */
public final class SettingsView {
  private final SettingsViewModel viewModel;
  private final I18n i18n;
  private final Runnable back;
  private final Parent root;
  private final List<Object> bindings = new ArrayList<>();

  @FXML private VBox sections;
  @FXML private Button backButton;
  @FXML private ComboBox<Theme> theme;
  @FXML private ComboBox<String> language;
  @FXML private RadioButton localEngine;
  @FXML private RadioButton remoteEngine;
  @FXML private GridPane localGrid;
  @FXML private GridPane remoteGrid;
  @FXML private TextField modelPath;
  @FXML private Spinner<Integer> contextSize;
  @FXML private Spinner<Integer> threads;
  @FXML private TextField remoteUrl;
  @FXML private PasswordField apiKey;
  @FXML private TextField remoteModel;
  @FXML private TextArea systemPrompt;
  @FXML private Spinner<Double> temperature;
  @FXML private Spinner<Double> topP;
  @FXML private Spinner<Integer> maxTokens;
  @FXML private Label error;
  @FXML private Button saveButton;
  @FXML private Button revertButton;

  public SettingsView(SettingsViewModel viewModel, I18n i18n, Runnable back) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.back = back;
    this.root = Fxml.load(this, i18n);
  }

  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    backButton.setGraphic(Icons.icon(Icons.BACK, 16));
    backButton.setText(i18n.get("settings.back"));
    theme.getItems().setAll(Theme.values());
    theme.setConverter(converter(t -> i18n.get("settings.theme." + t.name().toLowerCase(Locale.ROOT))));
    theme.valueProperty().bindBidirectional(viewModel.themeProperty());
    language.getItems().setAll(SettingsViewModel.LANGUAGES);
    language.setConverter(converter(l -> i18n.get(l.isEmpty() ? "settings.language.system" : "settings.language." + l)));
    language.valueProperty().bindBidirectional(viewModel.languageProperty());

    ToggleGroup engines = new ToggleGroup();
    localEngine.setToggleGroup(engines);
    remoteEngine.setToggleGroup(engines);
    localEngine.setUserData(EngineChoice.LOCAL);
    remoteEngine.setUserData(EngineChoice.REMOTE);
    showEngine(viewModel.engineProperty().get(), engines);
    viewModel.engineProperty().addListener((obs, old, now) -> showEngine(now, engines));
    engines.selectedToggleProperty().addListener((obs, old, now) -> {
      if (now != null) {
        viewModel.engineProperty().set((EngineChoice) now.getUserData());
      }
    });
    localGrid.visibleProperty().bind(localEngine.selectedProperty());
    localGrid.managedProperty().bind(localGrid.visibleProperty());
    remoteGrid.visibleProperty().bind(remoteEngine.selectedProperty());
    remoteGrid.managedProperty().bind(remoteGrid.visibleProperty());

    modelPath.textProperty().bindBidirectional(viewModel.modelPathProperty());
    remoteUrl.textProperty().bindBidirectional(viewModel.remoteUrlProperty());
    apiKey.textProperty().bindBidirectional(viewModel.remoteApiKeyProperty());
    remoteModel.textProperty().bindBidirectional(viewModel.remoteModelProperty());
    systemPrompt.textProperty().bindBidirectional(viewModel.defaults().systemPromptProperty());
    bindings.add(Spinners.bindInt(contextSize, viewModel.contextSizeProperty(), 256, SettingsViewModel.MAX_CONTEXT,
        512));
    bindings.add(Spinners.bindInt(threads, viewModel.threadsProperty(), 0, SettingsViewModel.MAX_THREADS, 1));
    bindings.add(Spinners.bindDouble(temperature, viewModel.defaults().temperatureProperty(), 0, 2, 0.05));
    bindings.add(Spinners.bindDouble(topP, viewModel.defaults().topPProperty(), 0.01, 1, 0.01));
    bindings.add(Spinners.bindInt(maxTokens, viewModel.defaults().maxTokensProperty(), 1, 1 << 20, 64));

    error.textProperty().bind(viewModel.errorProperty());
    var state = viewModel.stateProperty();
    saveButton.disableProperty().bind(state.isEqualTo(SettingsViewModel.State.CLEAN)
        .or(state.isEqualTo(SettingsViewModel.State.SAVING)).or(state.isEqualTo(SettingsViewModel.State.LOADING)));
    revertButton.disableProperty().bind(state.isNotEqualTo(SettingsViewModel.State.DIRTY)
        .and(state.isNotEqualTo(SettingsViewModel.State.INVALID)));
  }

  private static void showEngine(EngineChoice choice, ToggleGroup engines) {
    engines.getToggles().stream().filter(t -> t.getUserData() == choice).findFirst()
        .ifPresent(t -> engines.selectToggle(t));
  }

  private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : toText.apply(value);
      }

      @Override
      public T fromString(String text) {
        throw new UnsupportedOperationException("not editable");
      }
    };
  }

  /** Adds a section (e.g. Voice) at the end of the page. */
  public void addSection(String title, Node content) {
    Label heading = new Label(title);
    heading.getStyleClass().add("settings-section-title");
    VBox section = new VBox(10, heading, content);
    section.getStyleClass().add("settings-section");
    sections.getChildren().add(section);
  }

  @FXML
  private void browse() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("welcome.chooserTitle"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(i18n.get("welcome.filterGguf"), "*.gguf", "*.GGUF"),
        new FileChooser.ExtensionFilter(i18n.get("welcome.filterAll"), "*"));
    String current = modelPath.getText();
    if (current != null && !current.isBlank()) {
      Path parent = Path.of(current).getParent();
      if (parent != null && Files.isDirectory(parent)) {
        chooser.setInitialDirectory(parent.toFile());
      }
    }
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      modelPath.setText(file.getAbsolutePath());
    }
  }

  @FXML
  private void save() {
    contextSize.commitValue();
    threads.commitValue();
    temperature.commitValue();
    topP.commitValue();
    maxTokens.commitValue();
    viewModel.save();
  }

  @FXML
  private void revert() {
    viewModel.revert();
  }

  @FXML
  private void back() {
    back.run();
  }
}
