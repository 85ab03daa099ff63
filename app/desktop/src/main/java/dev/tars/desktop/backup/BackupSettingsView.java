package dev.tars.desktop.backup;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.SectionGrid;
import dev.tars.desktop.fx.SettingsSection;
import dev.tars.desktop.fx.Spinners;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The "Backups and alerts" section of the Settings page. */
public final class BackupSettingsView extends SettingsSection {
  private final BackupSettingsViewModel viewModel;
  private final I18n i18n;
  private final List<Object> bindings = new ArrayList<>();

  public BackupSettingsView(BackupSettingsViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
  }

  @Override
  protected Node build() {
    Label hint = hint(i18n.get("backupSettings.hint"));

    GridPane grid = SectionGrid.create();

    Spinner<Integer> interval = spinner(110);
    bindings.add(Spinners.bindInt(interval, viewModel.intervalMinutesProperty(),
        BackupSettingsViewModel.MIN_INTERVAL_MINUTES, BackupSettingsViewModel.MAX_INTERVAL_MINUTES, 15));
    Label unit = new Label(i18n.get("backupSettings.interval.unit"));
    unit.getStyleClass().add("settings-hint");
    grid.addRow(0, new Label(i18n.get("backupSettings.interval")), row(interval, unit));

    FlowPane keep = new FlowPane(14, 8);
    keep.setAlignment(Pos.CENTER_LEFT);
    keep.getChildren().addAll(keepField(viewModel.keepLastProperty(), "backupSettings.keepLast"),
        keepField(viewModel.keepHourlyProperty(), "backupSettings.keepHourly"),
        keepField(viewModel.keepDailyProperty(), "backupSettings.keepDaily"),
        keepField(viewModel.keepWeeklyProperty(), "backupSettings.keepWeekly"));
    grid.addRow(1, new Label(i18n.get("backupSettings.keep")), keep);

    TextField mirror = new TextField();
    mirror.setId("backupMirror");
    mirror.setPromptText(i18n.get("backupSettings.mirror.prompt"));
    mirror.textProperty().bindBidirectional(viewModel.mirrorFolderProperty());
    HBox.setHgrow(mirror, Priority.ALWAYS);
    Button browse = new Button(i18n.get("settings.browse"));
    browse.setOnAction(e -> chooseMirror(mirror));
    grid.addRow(2, new Label(i18n.get("backupSettings.mirror")), row(mirror, browse));

    TextField webhook = new TextField();
    webhook.setId("backupWebhook");
    webhook.setPromptText(i18n.get("backupSettings.webhook.prompt"));
    webhook.textProperty().bindBidirectional(viewModel.webhookUrlProperty());
    grid.addRow(3, new Label(i18n.get("backupSettings.webhook")), webhook);

    Label message = statusLine(viewModel.messageProperty(), viewModel.failedProperty());
    message.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(message, Priority.ALWAYS);
    Button save = new Button(i18n.get("action.save"));
    save.setId("backupSettingsSave");
    save.disableProperty().bind(viewModel.savingProperty());
    save.setMinWidth(Region.USE_PREF_SIZE);
    save.setOnAction(e -> {
      root().lookupAll(".spinner").forEach(n -> ((Spinner<?>) n).commitValue());
      viewModel.save();
    });
    HBox footer = new HBox(10, message, save);
    footer.setAlignment(Pos.CENTER_RIGHT);

    viewModel.load();
    return new VBox(10, hint, grid, footer);
  }

  private Node keepField(javafx.beans.property.IntegerProperty property, String key) {
    Spinner<Integer> spinner = spinner(76);
    bindings.add(Spinners.bindInt(spinner, property, 0, 1000, 1));
    Label label = new Label(i18n.get(key));
    label.getStyleClass().add("settings-hint");
    label.setMinWidth(Region.USE_PREF_SIZE);
    return row(spinner, label);
  }

  private void chooseMirror(TextField mirror) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(i18n.get("backupSettings.mirror.choose"));
    String current = mirror.getText() == null ? "" : mirror.getText().strip();
    if (!current.isEmpty() && Files.isDirectory(Path.of(current))) {
      chooser.setInitialDirectory(new File(current));
    }
    Node root = root();
    File folder = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (folder != null) {
      mirror.setText(folder.getAbsolutePath());
    }
  }

  private static Spinner<Integer> spinner(double width) {
    Spinner<Integer> spinner = new Spinner<>();
    spinner.setEditable(true);
    spinner.setPrefWidth(width);
    return spinner;
  }

  private static HBox row(Node... nodes) {
    HBox box = new HBox(8, nodes);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }
}
