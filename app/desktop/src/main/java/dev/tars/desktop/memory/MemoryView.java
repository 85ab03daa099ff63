package dev.tars.desktop.memory;

import atlantafx.base.theme.Styles;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemorySettings;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Memory page: see, add, edit, pin and delete memories; answer proposals; settings; the nightly job. */
public final class MemoryView {
  private final MemoryViewModel viewModel;
  private final I18n i18n;
  private final VBox root;

  @FXML private VBox proposalCard;
  @FXML private Label proposalTitle;
  @FXML private VBox proposalList;
  @FXML private TextField newText;
  @FXML private ComboBox<MemoryViewModel.Filter> newScope;
  @FXML private ToggleButton newPinned;
  @FXML private ComboBox<MemoryViewModel.Filter> filter;
  @FXML private TextField textFilter;
  @FXML private Label count;
  @FXML private ListView<MemoryViewModel.Row> list;
  @FXML private Label problem;
  @FXML private CheckBox enabled;
  @FXML private CheckBox autoAccept;
  @FXML private Spinner<Integer> budget;
  @FXML private Label nightlyText;
  @FXML private Button runNowButton;

  public MemoryView(MemoryViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.root = Fxml.load(this, i18n);
    root.getStylesheets().add(Objects.requireNonNull(MemoryView.class.getResource("memory.css"), "memory.css")
        .toExternalForm());
  }

  public VBox root() {
    return root;
  }

  @FXML
  private void initialize() {
    filter.setItems(viewModel.filters());
    filter.valueProperty().bindBidirectional(viewModel.filterProperty());
    textFilter.textProperty().bindBidirectional(viewModel.textFilterProperty());
    viewModel.filters().addListener((ListChangeListener<MemoryViewModel.Filter>) c -> {
      MemoryViewModel.Filter chosen = newScope.getValue();
      newScope.getItems().setAll(viewModel.scopes());
      newScope.setValue(newScope.getItems().stream()
          .filter(f -> chosen != null && f.scope().equals(chosen.scope())).findFirst()
          .orElse(newScope.getItems().isEmpty() ? null : newScope.getItems().get(0)));
    });
    newPinned.setGraphic(Icons.icon(PIN, 14));
    list.setItems(viewModel.rows());
    list.setCellFactory(v -> new MemoryCell());
    list.setPlaceholder(new Label(i18n.get("memory.empty")));
    viewModel.rows().addListener((ListChangeListener<MemoryViewModel.Row>) c -> showCount());
    showCount();
    viewModel.proposals().addListener((ListChangeListener<MemoryViewModel.ProposalRow>) c -> showProposals());
    showProposals();
    problem.textProperty().bind(viewModel.problemProperty());
    problem.managedProperty().bind(viewModel.problemProperty().isNotEmpty());
    enabled.selectedProperty().bindBidirectional(viewModel.enabledProperty());
    autoAccept.selectedProperty().bindBidirectional(viewModel.autoAcceptProperty());
    budget.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, MemorySettings.MAX_BUDGET,
        viewModel.budgetProperty().get(), 50));
    viewModel.budgetProperty().addListener((obs, old, now) -> budget.getValueFactory().setValue(now.intValue()));
    budget.valueProperty().addListener((obs, old, now) -> {
      if (now != null && now != viewModel.budgetProperty().get()) {
        viewModel.budgetProperty().set(now);
        viewModel.saveSettings();
      }
    });
    nightlyText.textProperty().bind(viewModel.nightlyTextProperty());
    nightlyText.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    runNowButton.disableProperty().bind(viewModel.nightlyRunningProperty());
  }

  private void showCount() {
    count.setText(i18n.get("memory.count", viewModel.rows().size()));
  }

  private void showProposals() {
    int n = viewModel.proposals().size();
    proposalCard.setVisible(n > 0);
    proposalCard.setManaged(n > 0);
    proposalTitle.setText(i18n.get("memory.proposals", n));
    proposalList.getChildren().setAll(viewModel.proposals().stream().map(this::proposalRow).toList());
  }

  private HBox proposalRow(MemoryViewModel.ProposalRow row) {
    Label text = new Label(row.proposal().text());
    text.setWrapText(true);
    text.getStyleClass().add("memory-text");
    text.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(text, Priority.ALWAYS);
    Label scope = new Label(row.scopeName());
    scope.getStyleClass().add("scope-chip");
    Button accept = new Button(i18n.get("memory.accept"));
    accept.getStyleClass().addAll(Styles.SUCCESS, Styles.SMALL);
    accept.setOnAction(e -> viewModel.accept(row.proposal()));
    Button reject = new Button(i18n.get("memory.reject"));
    reject.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
    reject.setOnAction(e -> viewModel.reject(row.proposal()));
    HBox box = new HBox(8, text, scope, accept, reject);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  @FXML
  private void add() {
    MemoryViewModel.Filter scope = newScope.getValue();
    viewModel.add(newText.getText(), scope == null ? MemoryScope.GLOBAL : scope.scope(), newPinned.isSelected());
    newText.clear();
    newPinned.setSelected(false);
  }

  @FXML
  private void acceptAll() {
    viewModel.acceptAll();
  }

  @FXML
  private void saveSettings() {
    viewModel.saveSettings();
  }

  @FXML
  private void runNightlyNow() {
    viewModel.runNightlyNow();
  }

  private void edit(Memory memory) {
    TextInputDialog dialog = new TextInputDialog(memory.text());
    dialog.setTitle(i18n.get("memory.edit"));
    dialog.setHeaderText(i18n.get("memory.edit"));
    dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
    dialog.showAndWait().ifPresent(text -> viewModel.edit(memory.id(), text, memory.scope(), memory.pinned()));
  }

  static final String PIN = "M16 12V4h1V2H7v2h1v8l-2 2v2h5.2v6h1.6v-6H18v-2l-2-2z";

  private final class MemoryCell extends ListCell<MemoryViewModel.Row> {
    private final Label text = new Label();
    private final Label scope = new Label();
    private final Label used = new Label();
    private final Button pin = new Button();
    private final Button editButton = new Button();
    private final Button delete = new Button();
    private final HBox box;

    MemoryCell() {
      text.getStyleClass().add("memory-text");
      text.setWrapText(true);
      text.setMaxWidth(Double.MAX_VALUE);
      scope.getStyleClass().add("scope-chip");
      used.getStyleClass().add("muted");
      pin.setGraphic(Icons.icon(PIN, 14));
      editButton.setGraphic(Icons.icon(Icons.EDIT, 14));
      editButton.setTooltip(new Tooltip(i18n.get("memory.edit")));
      delete.setGraphic(Icons.icon(Icons.DELETE, 14));
      delete.setTooltip(new Tooltip(i18n.get("memory.delete")));
      for (Button b : new Button[] {pin, editButton, delete}) {
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
      }
      VBox texts = new VBox(2, text, used);
      // Grow into the room left by the buttons rather than push them out of the cell.
      texts.setMinWidth(0);
      texts.setPrefWidth(0);
      HBox.setHgrow(texts, Priority.ALWAYS);
      box = new HBox(8, pin, texts, scope, editButton, delete);
      box.setAlignment(Pos.CENTER_LEFT);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(MemoryViewModel.Row row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      Memory m = row.memory();
      text.setText(m.text());
      scope.setText(row.scopeName());
      used.setText(row.lastUsed());
      pin.getStyleClass().removeAll("pin-on", "pin-off");
      pin.getStyleClass().add(m.pinned() ? "pin-on" : "pin-off");
      pin.setTooltip(new Tooltip(i18n.get(m.pinned() ? "memory.unpin" : "memory.pin")));
      pin.setOnAction(e -> viewModel.togglePin(m));
      editButton.setOnAction(e -> edit(m));
      delete.setOnAction(e -> viewModel.delete(m));
      setGraphic(box);
    }
  }
}
