package dev.tars.desktop.shell;

import dev.tars.desktop.fx.ThemeSheet;
import dev.tars.desktop.fx.I18n;
import java.util.Objects;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * What the window shows in its first second, while the services open behind it: the sidebar and an empty chat
 * whose composer says "Starting…", drawn with the app's own style classes so the real window replaces it
 * without a jump. Nothing in it can be clicked (every control is disabled), so nothing can fail because a
 * service is not open yet. The settings are not open yet either: the theme follows the desktop, and the
 * language is the one remembered from the last run (this computer's on a first start).
 */
public final class StartingView {
  private final BorderPane root = new BorderPane();

  public StartingView(I18n i18n) {
    Label name = new Label("Tars");
    name.getStyleClass().add("app-name");
    HBox header = new HBox(name);
    header.getStyleClass().add("sidebar-header");
    header.setAlignment(Pos.CENTER_LEFT);
    Button newChat = new Button(i18n.get("conversations.new"));
    newChat.getStyleClass().add("new-chat");
    newChat.setMaxWidth(Double.MAX_VALUE);
    newChat.setDisable(true);
    VBox list = new VBox(10, header, newChat);
    list.getStyleClass().add("sidebar");
    VBox.setVgrow(list, Priority.ALWAYS);

    // No spinning indicator here: under software rendering (no GPU, Xvfb) every frame of one re-uploads the
    // whole window, which took a quarter of a core and ~40 MB of X shared memory in an empty JavaFX window
    // (docs/benchmarks.md, start-up breakdown), on the cores the services are opening on.
    Label status = new Label(i18n.get("app.starting"));
    status.getStyleClass().add("engine-label");
    HBox engine = new HBox(6, status);
    engine.getStyleClass().add("engine-status");
    engine.setAlignment(Pos.CENTER_LEFT);
    VBox footer = new VBox(6, engine);
    footer.getStyleClass().add("sidebar-footer");
    VBox sidebar = new VBox(list, footer);
    sidebar.getStyleClass().add("sidebar-column");
    sidebar.setPrefWidth(272);
    sidebar.setMinWidth(220);

    TextArea input = new TextArea();
    input.setPromptText(i18n.get("app.starting"));
    input.getStyleClass().add("composer-input");
    input.setPrefRowCount(2);
    input.setWrapText(true);
    input.setDisable(true);
    HBox.setHgrow(input, Priority.ALWAYS);
    HBox composer = new HBox(8, input);
    composer.getStyleClass().add("composer");
    composer.setAlignment(Pos.BOTTOM_RIGHT);
    VBox composerArea = new VBox(6, composer);
    composerArea.getStyleClass().add("composer-area");
    composerArea.setMaxWidth(920);
    StackPane bottom = new StackPane(composerArea);
    bottom.setAlignment(Pos.TOP_CENTER);
    BorderPane chat = new BorderPane();
    chat.getStyleClass().add("chat-page");
    chat.setCenter(new Region());
    chat.setBottom(bottom);

    root.setLeft(sidebar);
    root.setCenter(chat);
    root.getStyleClass().add("tars-root");
    root.getStylesheets().add(Objects.requireNonNull(
        StartingView.class.getResource("/dev/tars/desktop/tars.css"), "tars.css").toExternalForm());
    boolean dark = Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
    ThemeSheet.apply(dark);
    root.getStyleClass().add(dark ? "theme-dark" : "theme-light");
  }

  public Parent root() {
    return root;
  }
}
