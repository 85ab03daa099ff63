package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.io.File;
import java.time.LocalDateTime;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Agenda page: a toolbar (today, previous, next, day/week/month, import, export, new event) over the month
 * grid or the day/week time grid. Thin: it draws {@link AgendaViewModel#pageProperty()} and hands the person's
 * choices to the view model; dialogs ask for the details.
 */
public final class AgendaView {
  private final AgendaViewModel viewModel;
  private final I18n i18n;
  private final VBox root;
  private final EventDialogs dialogs;

  @FXML private Button todayButton;
  @FXML private Button previousButton;
  @FXML private Button nextButton;
  @FXML private Label title;
  @FXML private HBox modes;
  @FXML private ToggleButton dayMode;
  @FXML private ToggleButton weekMode;
  @FXML private ToggleButton monthMode;
  @FXML private HBox progressBox;
  @FXML private StackPane content;

  public AgendaView(AgendaViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.dialogs = new EventDialogs(viewModel, i18n);
    this.root = Fxml.load(this, i18n);
    root.getStylesheets().add(Objects.requireNonNull(AgendaView.class.getResource("agenda.css"), "agenda.css")
        .toExternalForm());
    root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    root.setFocusTraversable(true);
    root.sceneProperty().addListener((obs, old, now) -> {
      if (now != null) {
        root.requestFocus();
      }
    });
  }

  public VBox root() {
    return root;
  }

  @FXML
  private void initialize() {
    previousButton.setGraphic(Icons.icon(Icons.BACK, 14));
    nextButton.setGraphic(Icons.icon(Icons.BACK, 14));
    nextButton.getGraphic().setRotate(180);
    previousButton.setAccessibleText(i18n.get("agenda.previous"));
    nextButton.setAccessibleText(i18n.get("agenda.next"));
    ToggleGroup group = new ToggleGroup();
    for (ToggleButton b : new ToggleButton[] {dayMode, weekMode, monthMode}) {
      b.setToggleGroup(group);
    }
    selectMode(viewModel.modeProperty().get());
    group.selectedToggleProperty().addListener((obs, old, now) -> {
      if (now == null) {
        old.setSelected(true); // one mode is always chosen
      } else {
        viewModel.modeProperty().set(now == dayMode ? AgendaViewModel.Mode.DAY
            : now == weekMode ? AgendaViewModel.Mode.WEEK : AgendaViewModel.Mode.MONTH);
      }
    });
    viewModel.modeProperty().addListener((obs, old, now) -> selectMode(now));
    progressBox.visibleProperty().bind(viewModel.stateProperty().isEqualTo(AgendaViewModel.State.IMPORTING));
    progressBox.managedProperty().bind(progressBox.visibleProperty());
    viewModel.pageProperty().addListener((obs, old, now) -> draw());
    viewModel.highlightedProperty().addListener((obs, old, now) -> draw());
    viewModel.previewProperty().addListener((obs, old, now) -> {
      if (now != null) {
        dialogs.showPreview(now, root.getScene() == null ? null : root.getScene().getWindow());
      }
    });
    draw();
  }

  private void selectMode(AgendaViewModel.Mode mode) {
    (mode == AgendaViewModel.Mode.DAY ? dayMode : mode == AgendaViewModel.Mode.WEEK ? weekMode : monthMode)
        .setSelected(true);
  }

  /** Arrows move by a day, week or month; Home goes to today; D, W and M switch views. */
  private void key(KeyEvent e) {
    if (e.getTarget() instanceof javafx.scene.control.TextInputControl || e.isShortcutDown() || e.isAltDown()) {
      return;
    }
    boolean handled = true;
    switch (e.getCode()) {
      case LEFT, PAGE_UP -> viewModel.previous();
      case RIGHT, PAGE_DOWN -> viewModel.next();
      case HOME -> viewModel.goToday();
      case D -> viewModel.modeProperty().set(AgendaViewModel.Mode.DAY);
      case W -> viewModel.modeProperty().set(AgendaViewModel.Mode.WEEK);
      case M -> viewModel.modeProperty().set(AgendaViewModel.Mode.MONTH);
      default -> handled = false;
    }
    if (handled) {
      e.consume();
    }
  }

  private void draw() {
    AgendaPage page = viewModel.pageProperty().get();
    title.setText(viewModel.title());
    if (page == null) {
      return;
    }
    long highlighted = viewModel.highlightedProperty().get();
    Node grid = page.mode() == AgendaViewModel.Mode.MONTH
        ? new MonthGrid(page, viewModel.formats(), viewModel.today(), highlighted, i18n, this::edit, this::create,
            day -> viewModel.show(day, AgendaViewModel.Mode.DAY)).root()
        : new TimeGrid(page, viewModel.formats(), viewModel.today(), highlighted, this::edit, this::create).root();
    content.getChildren().setAll(grid);
  }

  private void create(LocalDateTime start, boolean allDay) {
    dialogs.editNew(viewModel.newDraft(start, allDay), root.getScene().getWindow()).ifPresent(viewModel::create);
  }

  private void edit(Occurrence occurrence) {
    viewModel.loadDraft(occurrence, draft -> {
      EventDialogs.Choice choice = dialogs.edit(draft, root.getScene().getWindow()).orElse(null);
      if (choice == null) {
        return;
      }
      Agenda.Scope scope = Agenda.Scope.ALL;
      if (occurrence.repeats()) {
        scope = dialogs.askScope(choice.draft() == null, root.getScene().getWindow()).orElse(null);
        if (scope == null) {
          return;
        }
      }
      if (choice.draft() == null) {
        viewModel.delete(occurrence, scope);
      } else {
        viewModel.edit(occurrence, choice.draft(), scope);
      }
    });
  }

  @FXML
  private void today() {
    viewModel.goToday();
  }

  @FXML
  private void previous() {
    viewModel.previous();
  }

  @FXML
  private void next() {
    viewModel.next();
  }

  @FXML
  private void newEvent() {
    LocalDateTime start = viewModel.anchorProperty().get().atTime(9, 0);
    create(start, false);
  }

  @FXML
  private void importFile() {
    FileChooser chooser = calendarChooser(i18n.get("agenda.import.title"));
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      viewModel.preview(file.toPath());
    }
  }

  @FXML
  private void exportFile() {
    FileChooser chooser = calendarChooser(i18n.get("agenda.export.title"));
    chooser.setInitialFileName(i18n.get("agenda.export.fileName"));
    File file = chooser.showSaveDialog(root.getScene().getWindow());
    if (file != null) {
      viewModel.export(file.toPath());
    }
  }

  private FileChooser calendarChooser(String heading) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(heading);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("agenda.fileType"), "*.ics"));
    return chooser;
  }
}
