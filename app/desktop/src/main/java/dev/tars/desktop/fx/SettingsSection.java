package dev.tars.desktop.fx;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * A section of the Settings page built in code rather than in Settings.fxml (Backups and alerts, Local API
 * server): its content is built once, when the page first shows it, with the page's hint and status styles.
 */
public abstract class SettingsSection {
  private Node root;

  /** The section's content, built on the first call. */
  public final Node root() {
    if (root == null) {
      root = build();
    }
    return root;
  }

  /** Builds the section's content; called once, on the JavaFX thread. */
  protected abstract Node build();

  /** A quiet explanatory text that wraps. */
  protected static Label hint(String text) {
    Label hint = new Label(text);
    hint.getStyleClass().add("settings-hint");
    hint.setWrapText(true);
    return hint;
  }

  /** A line showing {@code text}, quiet normally and in the error style while {@code failed} is true. */
  protected static Label statusLine(ObservableValue<String> text, ObservableValue<Boolean> failed) {
    Label status = new Label();
    status.setWrapText(true);
    status.textProperty().bind(text);
    status.getStyleClass().add("settings-hint");
    failed.addListener((obs, was, isFailed) -> status.getStyleClass().setAll(
        "label", isFailed ? "form-error" : "settings-hint"));
    return status;
  }
}
