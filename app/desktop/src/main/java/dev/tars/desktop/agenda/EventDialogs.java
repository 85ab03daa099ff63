package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.desktop.fx.I18n;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The Agenda page's dialogs: the event form, "which occurrences?", and the preview of an import. */
final class EventDialogs {
  private final AgendaViewModel viewModel;
  private final I18n i18n;

  /** Save with the draft, or delete ({@code draft} null). */
  record Choice(EventDraft draft) {}

  EventDialogs(AgendaViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
  }

  Optional<EventDraft> editNew(EventDraft draft, Window owner) {
    return form(i18n.get("agenda.dialog.new"), draft, false, owner).map(Choice::draft);
  }

  Optional<Choice> edit(EventDraft draft, Window owner) {
    return form(i18n.get("agenda.dialog.edit"), draft, true, owner);
  }

  private Optional<Choice> form(String heading, EventDraft draft, boolean deletable, Window owner) {
    EventForm form = new EventForm(draft, i18n, viewModel.formats());
    Dialog<Choice> dialog = dialog(heading, owner);
    dialog.getDialogPane().setContent(form.root());
    ButtonType save = new ButtonType(i18n.get("agenda.dialog.save"), ButtonBar.ButtonData.OK_DONE);
    ButtonType delete = new ButtonType(i18n.get("agenda.dialog.delete"), ButtonBar.ButtonData.LEFT);
    ButtonType cancel = new ButtonType(i18n.get("agenda.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    dialog.getDialogPane().getButtonTypes().addAll(save, cancel);
    if (deletable) {
      dialog.getDialogPane().getButtonTypes().add(delete);
      dialog.getDialogPane().lookupButton(delete).setId("eventDelete");
      dialog.getDialogPane().lookupButton(delete).getStyleClass().add("danger");
    }
    dialog.getDialogPane().lookupButton(save).setId("eventSave");
    // A draft that does not check out keeps the dialog open with the problem shown.
    EventDraft[] checked = new EventDraft[1];
    dialog.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
      checked[0] = form.draft();
      if (checked[0] == null) {
        e.consume();
      }
    });
    dialog.setResultConverter(button -> button == save ? new Choice(checked[0])
        : button == delete ? new Choice(null) : null);
    form.title.requestFocus();
    return dialog.showAndWait();
  }

  /** Which occurrences of a repeating event to change or delete. */
  Optional<Agenda.Scope> askScope(boolean deleting, Window owner) {
    Dialog<Agenda.Scope> dialog = dialog(i18n.get(deleting ? "agenda.scope.deleteTitle" : "agenda.scope.editTitle"),
        owner);
    Label question = new Label(i18n.get("agenda.scope.question"));
    question.setWrapText(true);
    dialog.getDialogPane().setContent(question);
    ButtonType only = new ButtonType(i18n.get("agenda.scope.onlyThis"), ButtonBar.ButtonData.YES);
    ButtonType following = new ButtonType(i18n.get("agenda.scope.following"), ButtonBar.ButtonData.NO);
    ButtonType all = new ButtonType(i18n.get("agenda.scope.all"), ButtonBar.ButtonData.OTHER);
    ButtonType cancel = new ButtonType(i18n.get("agenda.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    dialog.getDialogPane().getButtonTypes().addAll(only, following, all, cancel);
    dialog.getDialogPane().lookupButton(only).setId("scopeOnlyThis");
    dialog.getDialogPane().lookupButton(following).setId("scopeFollowing");
    dialog.getDialogPane().lookupButton(all).setId("scopeAll");
    dialog.setResultConverter(b -> b == only ? Agenda.Scope.ONLY_THIS : b == following
        ? Agenda.Scope.THIS_AND_FOLLOWING : b == all ? Agenda.Scope.ALL : null);
    return dialog.showAndWait();
  }

  /** What a calendar file holds, with Import and Cancel. */
  void showPreview(ImportPreview preview, Window owner) {
    Dialog<Boolean> dialog = dialog(i18n.get("agenda.preview.title", preview.fileName()), owner);
    VBox body = new VBox(6);
    body.setId("importPreview");
    if (!preview.calendarName().isEmpty()) {
      body.getChildren().add(new Label(i18n.get("agenda.preview.calendar", preview.calendarName())));
    }
    Label counts = new Label(i18n.get("agenda.preview.counts", preview.events(), preview.tasks()));
    counts.setId("importCounts");
    body.getChildren().add(counts);
    if (!preview.firstEvents().isEmpty()) {
      body.getChildren().add(new Label(i18n.get("agenda.preview.first")));
      VBox list = new VBox(2);
      list.getStyleClass().add("agenda-preview-list");
      preview.firstEvents().forEach(line -> list.getChildren().add(new Label(line)));
      body.getChildren().add(list);
    }
    Label note = new Label(i18n.get("agenda.preview.note"));
    note.setWrapText(true);
    note.getStyleClass().add("muted");
    body.getChildren().add(note);
    body.setPrefWidth(480);
    dialog.getDialogPane().setContent(body);
    ButtonType doImport = new ButtonType(i18n.get("agenda.preview.import"), ButtonBar.ButtonData.OK_DONE);
    ButtonType cancel = new ButtonType(i18n.get("agenda.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    dialog.getDialogPane().getButtonTypes().addAll(doImport, cancel);
    dialog.getDialogPane().lookupButton(doImport).setId("importConfirm");
    dialog.setResultConverter(b -> b == doImport);
    // Not showAndWait: the preview arrives from background work, and the page stays usable behind it.
    dialog.setOnHidden(e -> {
      if (Boolean.TRUE.equals(dialog.getResult())) {
        viewModel.confirmImport();
      } else {
        viewModel.cancelImport();
      }
    });
    dialog.show();
  }

  private <T> Dialog<T> dialog(String heading, Window owner) {
    Dialog<T> dialog = new Dialog<>();
    dialog.setTitle(heading);
    dialog.setHeaderText(heading);
    if (owner != null) {
      dialog.initOwner(owner);
    }
    return dialog;
  }
}
