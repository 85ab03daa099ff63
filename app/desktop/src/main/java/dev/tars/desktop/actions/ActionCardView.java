package dev.tars.desktop.actions;

import dev.tars.desktop.actions.ActionCardViewModel.Repeat;
import dev.tars.desktop.actions.ActionCardViewModel.State;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** An action card in the conversation: what was understood, the fields when editing, Confirm/Edit/Cancel/Undo. */
public final class ActionCardView {
  static final String BELL = "M12 22c1.1 0 2-.9 2-2h-4c0 1.1.89 2 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67"
      + "-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z";
  static final String CALENDAR = "M19 3h-1V1h-2v2H8V1H6v2H5c-1.11 0-1.99.9-1.99 2L3 19c0 1.1.89 2 2 2h14c1.1 0 2-.9"
      + " 2-2V5c0-1.1-.9-2-2-2zm0 16H5V8h14v11zM7 10h5v5H7z";

  private final ActionCardViewModel viewModel;
  private final I18n i18n;
  private final Moments moments;
  private final VBox root;

  @FXML private VBox card;
  @FXML private StackPane kindIcon;
  @FXML private Label kindLabel;
  @FXML private VBox summary;
  @FXML private Label textLabel;
  @FXML private Label whenLabel;
  @FXML private GridPane editor;
  @FXML private Label textFieldLabel;
  @FXML private TextField textField;
  @FXML private Label dayLabel;
  @FXML private DatePicker dayField;
  @FXML private Label timeLabel;
  @FXML private TextField timeField;
  @FXML private Label endLabel;
  @FXML private TextField endField;
  @FXML private Label placeLabel;
  @FXML private TextField placeField;
  @FXML private Label repeatLabel;
  @FXML private ComboBox<Repeat> repeatField;
  @FXML private VBox question;
  @FXML private FlowPane readings;
  @FXML private Label warningLabel;
  @FXML private Label outcomeLabel;
  @FXML private Button confirmButton;
  @FXML private Button editButton;
  @FXML private Button cancelButton;
  @FXML private Button undoButton;

  public ActionCardView(ActionCardViewModel viewModel, I18n i18n, Moments moments) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.moments = moments;
    this.root = Fxml.load(this, i18n);
  }

  public Node root() {
    return root;
  }

  @FXML
  private void initialize() {
    kindIcon.getChildren().add(Icons.icon(icon(), 14));
    kindLabel.setText(viewModel.kindText());
    textLabel.textProperty().bind(viewModel.textProperty());
    whenLabel.textProperty().bind(viewModel.whenProperty());

    textFieldLabel.setText(i18n.get(viewModel.isEvent() ? "card.field.title" : "card.field.text"));
    textField.textProperty().bindBidirectional(viewModel.textProperty());
    dayField.valueProperty().bindBidirectional(viewModel.dateProperty());
    dayField.setConverter(dayConverter());
    timeField.textProperty().bindBidirectional(viewModel.timeProperty());
    endField.textProperty().bindBidirectional(viewModel.endTimeProperty());
    placeField.textProperty().bindBidirectional(viewModel.locationProperty());
    repeatField.getItems().setAll(Repeat.values());
    repeatField.setButtonCell(repeatCell());
    repeatField.setCellFactory(list -> repeatCell());
    repeatField.valueProperty().bindBidirectional(viewModel.repeatProperty());
    for (Node timeOnly : new Node[] {dayLabel, dayField, timeLabel, timeField.getParent()}) {
      show(timeOnly, viewModel.hasTime());
    }
    for (Node eventOnly : new Node[] {endLabel, endField, placeLabel, placeField, repeatLabel, repeatField}) {
      show(eventOnly, viewModel.isEvent());
    }

    warningLabel.textProperty().bind(viewModel.warningProperty());
    outcomeLabel.textProperty().bind(viewModel.outcomeProperty());
    bindShown(warningLabel, viewModel.warningProperty().isNotEmpty());
    bindShown(outcomeLabel, viewModel.outcomeProperty().isNotEmpty());

    viewModel.readings().addListener((ListChangeListener<ActionCardViewModel.Reading>) change -> fillReadings());
    fillReadings();
    viewModel.stateProperty().addListener((obs, old, now) -> showState(now));
    showState(viewModel.state());
  }

  @FXML
  private void confirm() {
    viewModel.confirm();
  }

  @FXML
  private void edit() {
    viewModel.edit();
  }

  @FXML
  private void cancel() {
    viewModel.cancel();
  }

  @FXML
  private void undo() {
    viewModel.undo();
  }

  private String icon() {
    return switch (viewModel.intent()) {
      case REMINDER_CREATE -> BELL;
      case EVENT_CREATE -> CALENDAR;
      case NOTE_CREATE -> Icons.EDIT;
      default -> Icons.BOOK;
    };
  }

  private void fillReadings() {
    readings.getChildren().setAll(viewModel.readings().stream().map(reading -> {
      Button choice = new Button(reading.label());
      choice.getStyleClass().addAll("button-outlined", "action-card-reading");
      choice.setOnAction(e -> viewModel.choose(reading));
      return (Node) choice;
    }).toList());
  }

  private void showState(State state) {
    boolean editing = state == State.EDITING;
    show(editor, editing);
    show(summary, !editing);
    show(question, state == State.ASKING);
    // While the time is in question, no reading is shown as if it were the understood one.
    show(whenLabel, viewModel.hasTime() && state != State.ASKING);
    show(confirmButton, state == State.READY || state == State.EDITING || state == State.SAVING
        && viewModel.activityId() == 0);
    show(editButton, state == State.READY || state == State.ASKING);
    show(cancelButton, state == State.READY || state == State.ASKING || state == State.EDITING);
    show(undoButton, state == State.DONE || state == State.SAVING && viewModel.activityId() != 0);
    confirmButton.setDisable(state == State.SAVING);
    undoButton.setDisable(state == State.SAVING);
    card.getStyleClass().removeAll("action-card-closed");
    if (state == State.CANCELLED || state == State.UNDONE) {
      card.getStyleClass().add("action-card-closed");
    }
    if (editing) {
      textField.requestFocus();
    }
  }

  private ListCell<Repeat> repeatCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(Repeat item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : viewModel.repeatText(item));
      }
    };
  }

  private StringConverter<LocalDate> dayConverter() {
    DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(moments.locale());
    return new StringConverter<>() {
      @Override
      public String toString(LocalDate day) {
        return day == null ? "" : format.format(day);
      }

      @Override
      public LocalDate fromString(String text) {
        try {
          return text == null || text.isBlank() ? null : LocalDate.parse(text.strip(), format);
        } catch (java.time.format.DateTimeParseException e) {
          return viewModel.dateProperty().get();
        }
      }
    };
  }

  private static void show(Node node, boolean shown) {
    node.setVisible(shown);
    node.setManaged(shown);
  }

  private static void bindShown(Node node, javafx.beans.value.ObservableBooleanValue shown) {
    node.visibleProperty().bind(shown);
    node.managedProperty().bind(Bindings.createBooleanBinding(node::isVisible, node.visibleProperty()));
  }
}
