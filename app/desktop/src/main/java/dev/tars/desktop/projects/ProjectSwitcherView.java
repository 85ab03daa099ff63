package dev.tars.desktop.projects;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.tars.desktop.feature.ConversationListHooks.Entry;
import dev.tars.desktop.feature.ProjectNames;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.projects.Project;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The project switcher under the app's name: the current project and a menu to create, edit (name, instructions,
 * default model, default document collections), export, import and delete projects. Also the dialogs that
 * move or export one conversation. Small enough to be built in code rather than FXML.
 */
public final class ProjectSwitcherView {
  /**
   * Three dots: "more actions". A region scales its shape to fill the icon, so two specks in the corners keep
   * the narrow dots from being stretched into bars.
   */
  static final String MORE_ICON = "M0 0h.01v.01H0zM24 24h-.01v-.01H24zM12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2"
      + " .9 2 2 2zm0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2zm0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2z";
  /** An upload arrow: the import action's icon. */
  static final String IMPORT_ICON = "M9 16h6v-6h4l-7-7-7 7h4zm-4 2h14v2H5z";

  private final ProjectsViewModel viewModel;
  private final ExchangeViewModel exchange;
  private final I18n i18n;
  private final VBox root;
  private final ComboBox<Project> choice = new ComboBox<>();

  public ProjectSwitcherView(ProjectsViewModel viewModel, I18n i18n) {
    this(viewModel, null, i18n);
  }

  /** @param exchange export and import, or null to leave them out of the menu */
  public ProjectSwitcherView(ProjectsViewModel viewModel, ExchangeViewModel exchange, I18n i18n) {
    this.viewModel = viewModel;
    this.exchange = exchange;
    this.i18n = i18n;
    choice.setItems(viewModel.projects());
    choice.valueProperty().bindBidirectional(viewModel.currentProperty());
    choice.setMaxWidth(Double.MAX_VALUE);
    choice.setButtonCell(new ProjectCell(true, i18n));
    choice.setCellFactory(v -> new ProjectCell(false, i18n));
    choice.getStyleClass().add("project-choice");
    choice.setAccessibleText(i18n.get("projects.switcher"));
    choice.setTooltip(new Tooltip(i18n.get("projects.switcher.tooltip")));
    HBox.setHgrow(choice, Priority.ALWAYS);
    MenuItem create = new MenuItem(i18n.get("projects.new"), Icons.icon(Icons.ADD, 14));
    create.setOnAction(e -> create());
    MenuItem edit = new MenuItem(i18n.get("projects.edit"), Icons.icon(Icons.EDIT, 14));
    edit.setOnAction(e -> edit());
    MenuItem delete = new MenuItem(i18n.get("projects.delete"), Icons.icon(Icons.DELETE, 14));
    delete.setOnAction(e -> delete());
    delete.disableProperty().bind(viewModel.currentProperty().map(Project::isDefault).orElse(true));
    List<MenuItem> items = new ArrayList<>(List.of(create, edit));
    if (exchange != null) {
      MenuItem export = new MenuItem(i18n.get("projects.export"),
          Icons.icon(Icons.DOWNLOAD, 14));
      export.setOnAction(e -> exportProject());
      MenuItem importItem = new MenuItem(i18n.get("projects.import"), Icons.icon(IMPORT_ICON, 14));
      importItem.setOnAction(e -> importFile());
      items.addAll(List.of(new SeparatorMenuItem(), export, importItem));
    }
    items.addAll(List.of(new SeparatorMenuItem(), delete));
    MenuButton menu = new MenuButton(null, Icons.icon(MORE_ICON, 16));
    menu.getItems().setAll(items);
    menu.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Tweaks.NO_ARROW, "project-menu");
    menu.setAccessibleText(i18n.get("projects.menu"));
    menu.setTooltip(new Tooltip(i18n.get("projects.menu")));
    HBox row = new HBox(4, choice, menu);
    row.setAlignment(Pos.CENTER_LEFT);
    Label problem = new Label();
    problem.getStyleClass().add("problem");
    problem.setWrapText(true);
    problem.textProperty().bind(viewModel.problemProperty());
    problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    root = new VBox(4, row, problem);
    root.getStyleClass().add("project-switcher");
    root.getStylesheets().add(Objects.requireNonNull(
        ProjectSwitcherView.class.getResource("/dev/tars/desktop/memory/memory.css"), "memory.css").toExternalForm());
  }

  public VBox root() {
    return root;
  }

  private void create() {
    TextInputDialog dialog = new TextInputDialog();
    dialog.setTitle(i18n.get("projects.new"));
    dialog.setHeaderText(i18n.get("projects.new.header"));
    dialog.setContentText(i18n.get("projects.name"));
    owner(dialog);
    dialog.showAndWait().ifPresent(viewModel::create);
  }

  private void edit() {
    Project p = viewModel.current();
    if (p != null) {
      viewModel.loadEditChoices(choices -> showEditDialog(p, choices));
    }
  }

  private void showEditDialog(Project p, ProjectsViewModel.EditChoices choices) {
    String shownName = ProjectNames.shown(p, i18n);
    TextField name = new TextField(shownName);
    TextArea instructions = new TextArea(p.instructions());
    instructions.setWrapText(true);
    instructions.setPrefRowCount(6);
    instructions.setPromptText(i18n.get("projects.instructions.prompt"));
    ComboBox<String> model = new ComboBox<>();
    model.setEditable(true);
    model.getItems().add("");
    model.getItems().addAll(choices.models());
    model.setValue(p.defaultModel());
    model.setPromptText(i18n.get("projects.defaultModel.prompt"));
    model.setMaxWidth(Double.MAX_VALUE);
    model.setCellFactory(v -> new ModelCell());
    Label modelHint = new Label(i18n.get("projects.defaultModel.hint"));
    modelHint.getStyleClass().add("muted");
    modelHint.setWrapText(true);
    VBox modelBox = new VBox(4, model, modelHint);
    List<CheckBox> boxes = new ArrayList<>();
    for (ProjectsViewModel.Collection c : choices.collections()) {
      CheckBox box = new CheckBox(c.name());
      box.setUserData(c.id());
      box.setSelected(p.collectionIds().contains(c.id()));
      boxes.add(box);
    }
    Node collections;
    if (boxes.isEmpty()) {
      Label none = new Label(i18n.get("projects.collections.none"));
      none.getStyleClass().add("muted");
      none.setWrapText(true);
      collections = none;
    } else {
      Label hint = new Label(i18n.get("projects.collections.hint"));
      hint.getStyleClass().add("muted");
      hint.setWrapText(true);
      VBox list = new VBox(6);
      list.getChildren().addAll(boxes);
      ScrollPane scroll = new ScrollPane(list);
      scroll.setFitToWidth(true);
      scroll.setPrefViewportHeight(Math.min(140, boxes.size() * 26));
      collections = new VBox(4, scroll, hint);
    }
    GridPane grid = new GridPane(12, 12);
    grid.setPadding(new Insets(10));
    grid.addRow(0, new Label(i18n.get("projects.name")), name);
    grid.addRow(1, new Label(i18n.get("projects.instructions")), instructions);
    grid.addRow(2, new Label(i18n.get("projects.defaultModel")), modelBox);
    grid.addRow(3, new Label(i18n.get("projects.collections")), collections);
    grid.getChildren().stream().filter(n -> n instanceof Label && GridPane.getColumnIndex(n) == 0)
        .forEach(n -> GridPane.setValignment(n, javafx.geometry.VPos.TOP));
    javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
    labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setFillWidth(true);
    grid.getColumnConstraints().setAll(labels, fields);
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.setTitle(i18n.get("projects.edit.title", shownName));
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.getDialogPane().setPrefWidth(600);
    owner(dialog);
    Optional<ButtonType> answer = dialog.showAndWait();
    if (answer.isPresent() && answer.get() == ButtonType.OK) {
      String chosenModel = model.getEditor().getText();
      List<Long> chosen = boxes.stream().filter(CheckBox::isSelected).map(b -> (Long) b.getUserData()).toList();
      // An untouched translated name keeps the stored one, so it still follows the person's language.
      String newName = name.getText().equals(shownName) ? p.name() : name.getText();
      viewModel.save(p.id(), newName, instructions.getText(), chosenModel == null ? "" : chosenModel, chosen);
    }
  }

  private void delete() {
    Project p = viewModel.current();
    if (p == null || p.isDefault()) {
      return;
    }
    String shown = ProjectNames.shown(p, i18n);
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("projects.delete.text", shown),
        ButtonType.OK, ButtonType.CANCEL);
    confirm.setHeaderText(i18n.get("projects.delete.header", shown));
    owner(confirm);
    confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> viewModel.delete(p.id()));
  }

  /**
   * Asks which project {@code item} should go to and hands the answer to {@code move}. The current project is not
   * offered: the conversation is already there.
   */
  public void askMove(Entry item, BiConsumer<Entry, Project> move) {
    Project here = viewModel.current();
    List<Project> others = viewModel.projects().stream().filter(p -> here == null || p.id() != here.id()).toList();
    if (others.isEmpty()) {
      Alert info = new Alert(Alert.AlertType.INFORMATION, i18n.get("projects.move.noOther"), ButtonType.OK);
      info.setHeaderText(i18n.get("projects.move.title", item.title()));
      owner(info);
      info.showAndWait();
      return;
    }
    ChoiceDialog<Project> dialog = new ChoiceDialog<>(others.get(0), others);
    dialog.setTitle(i18n.get("conversations.move"));
    dialog.setHeaderText(i18n.get("projects.move.title", item.title()));
    dialog.setContentText(i18n.get("projects.move.to"));
    dialog.getDialogPane().getStyleClass().add("move-dialog");
    showNames(dialog);
    owner(dialog);
    dialog.showAndWait().ifPresent(target -> move.accept(item, target));
  }

  /** Asks where to save {@code item} (Markdown or JSON) and exports it. */
  public void askExport(Entry item) {
    if (exchange == null) {
      return;
    }
    Path file = chooseExportFile(item.title());
    if (file != null) {
      exchange.exportConversation(item.id(), item.title(), file);
    }
  }

  private void exportProject() {
    Project p = viewModel.current();
    Path file = p == null ? null : chooseExportFile(ProjectNames.shown(p, i18n));
    if (file != null) {
      exchange.exportProject(p, file);
    }
  }

  private void importFile() {
    Project p = viewModel.current();
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("projects.import.title", p == null ? "" : ProjectNames.shown(p, i18n)));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(i18n.get("exchange.filter.import"), "*.json", "*.zip"),
        new FileChooser.ExtensionFilter(i18n.get("exchange.filter.all"), "*"));
    File file = chooser.showOpenDialog(window());
    if (file != null) {
      exchange.importFile(file.toPath(), p == null ? Project.DEFAULT_ID : p.id());
    }
  }

  private Path chooseExportFile(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("exchange.export.title", title));
    FileChooser.ExtensionFilter markdown = new FileChooser.ExtensionFilter(i18n.get("exchange.filter.markdown"),
        "*.md");
    FileChooser.ExtensionFilter json = new FileChooser.ExtensionFilter(i18n.get("exchange.filter.json"), "*.json");
    chooser.getExtensionFilters().addAll(markdown, json);
    chooser.setInitialFileName(ExchangeViewModel.fileName(title, "md"));
    File file = chooser.showSaveDialog(window());
    if (file == null) {
      return null;
    }
    String name = file.getName().toLowerCase(java.util.Locale.ROOT);
    // Some desktops return the name as typed: give it the extension of the chosen filter.
    if (!name.endsWith(".md") && !name.endsWith(".json") && !name.endsWith(".markdown")) {
      String ext = chooser.getSelectedExtensionFilter() == json ? ".json" : ".md";
      return file.toPath().resolveSibling(file.getName() + ext);
    }
    return file.toPath();
  }

  /** The choice dialog's list shows its items' toString(): show the projects' names instead. */
  @SuppressWarnings("unchecked")
  private void showNames(ChoiceDialog<Project> dialog) {
    if (dialog.getDialogPane().lookup(".combo-box") instanceof ComboBox<?> box) {
      ((ComboBox<Project>) box).setButtonCell(new ProjectCell(false, i18n));
      ((ComboBox<Project>) box).setCellFactory(v -> new ProjectCell(false, i18n));
    }
  }

  private Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }

  private void owner(Dialog<?> dialog) {
    if (root.getScene() != null) {
      dialog.initOwner(root.getScene().getWindow());
    }
  }

  private static final class ProjectCell extends ListCell<Project> {
    private final boolean button;
    private final I18n i18n;

    ProjectCell(boolean button, I18n i18n) {
      this.button = button;
      this.i18n = i18n;
    }

    @Override
    protected void updateItem(Project project, boolean empty) {
      super.updateItem(project, empty);
      setText(empty || project == null ? null : shownName(project));
      setGraphic(empty || project == null || !button ? null : Icons.icon(Icons.FOLDER, 15));
    }

    private String shownName(Project project) {
      return ProjectNames.shown(project, i18n);
    }
  }

  /** Model files by their name; the full path stays in the field. */
  private final class ModelCell extends ListCell<String> {
    @Override
    protected void updateItem(String path, boolean empty) {
      super.updateItem(path, empty);
      if (empty || path == null) {
        setText(null);
      } else {
        setText(path.isBlank() ? i18n.get("projects.defaultModel.none") : Path.of(path).getFileName().toString());
      }
    }
  }
}
