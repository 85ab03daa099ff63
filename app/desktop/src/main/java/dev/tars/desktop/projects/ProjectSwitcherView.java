package dev.tars.desktop.projects;

import atlantafx.base.theme.Styles;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.projects.Project;
import java.util.Objects;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The project switcher at the top of the sidebar: a list of projects and a menu to create, edit (name,
 * instructions, default model) and delete them. Small enough to be built in code rather than FXML.
 */
public final class ProjectSwitcherView {
  private final ProjectsViewModel viewModel;
  private final I18n i18n;
  private final VBox root;
  private final ComboBox<Project> choice = new ComboBox<>();

  public ProjectSwitcherView(ProjectsViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    choice.setItems(viewModel.projects());
    choice.valueProperty().bindBidirectional(viewModel.currentProperty());
    choice.setMaxWidth(Double.MAX_VALUE);
    choice.setButtonCell(new ProjectCell());
    choice.setCellFactory(v -> new ProjectCell());
    choice.setAccessibleText(i18n.get("projects.switcher"));
    HBox.setHgrow(choice, Priority.ALWAYS);
    MenuItem create = new MenuItem(i18n.get("projects.new"), Icons.icon(Icons.ADD, 14));
    create.setOnAction(e -> create());
    MenuItem edit = new MenuItem(i18n.get("projects.edit"), Icons.icon(Icons.EDIT, 14));
    edit.setOnAction(e -> edit());
    MenuItem delete = new MenuItem(i18n.get("projects.delete"), Icons.icon(Icons.DELETE, 14));
    delete.setOnAction(e -> delete());
    delete.disableProperty().bind(viewModel.currentProperty().map(Project::isDefault).orElse(true));
    MenuButton menu = new MenuButton(null, Icons.icon(Icons.FOLDER, 16), create, edit, delete);
    menu.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    menu.setAccessibleText(i18n.get("projects.menu"));
    HBox row = new HBox(6, choice, menu);
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
    if (p == null) {
      return;
    }
    TextField name = new TextField(p.name());
    TextArea instructions = new TextArea(p.instructions());
    instructions.setWrapText(true);
    instructions.setPrefRowCount(6);
    instructions.setPromptText(i18n.get("projects.instructions.prompt"));
    TextField model = new TextField(p.defaultModel());
    model.setPromptText(i18n.get("projects.defaultModel.prompt"));
    GridPane grid = new GridPane(10, 10);
    grid.setPadding(new Insets(10));
    grid.addRow(0, new Label(i18n.get("projects.name")), name);
    grid.addRow(1, new Label(i18n.get("projects.instructions")), instructions);
    grid.addRow(2, new Label(i18n.get("projects.defaultModel")), model);
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.setTitle(i18n.get("projects.edit"));
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.getDialogPane().setPrefWidth(560);
    owner(dialog);
    Optional<ButtonType> answer = dialog.showAndWait();
    if (answer.isPresent() && answer.get() == ButtonType.OK) {
      viewModel.save(p.id(), name.getText(), instructions.getText(), model.getText());
    }
  }

  private void delete() {
    Project p = viewModel.current();
    if (p == null || p.isDefault()) {
      return;
    }
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("projects.delete.text", p.name()),
        ButtonType.OK, ButtonType.CANCEL);
    confirm.setHeaderText(i18n.get("projects.delete.header", p.name()));
    owner(confirm);
    confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> viewModel.delete(p.id()));
  }

  private void owner(Dialog<?> dialog) {
    if (root.getScene() != null) {
      dialog.initOwner(root.getScene().getWindow());
    }
  }

  private static final class ProjectCell extends ListCell<Project> {
    @Override
    protected void updateItem(Project project, boolean empty) {
      super.updateItem(project, empty);
      setText(empty || project == null ? null : project.name());
    }
  }
}
