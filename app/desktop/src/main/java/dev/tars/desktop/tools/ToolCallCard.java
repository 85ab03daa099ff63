package dev.tars.desktop.tools;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.tools.ToolCallRequest;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The card of one call in the conversation: the tool, its server, its arguments, and the person's choice. */
public final class ToolCallCard extends VBox {
  public ToolCallCard(ToolCallsViewModel.Pending call, I18n i18n) {
    super(8);
    getStyleClass().add("tool-call-card");
    getStylesheets().add(ToolsFeature.stylesheet());
    setId("toolCallCard");
    Label title = new Label(i18n.get("toolCall.title"));
    title.getStyleClass().add("tool-call-title");
    title.setGraphic(Icons.icon(Icons.TUNE, 14));
    Label tool = new Label(i18n.get("toolCall.tool", call.tool(), call.server()));
    tool.setWrapText(true);
    Label arguments = new Label(call.arguments());
    arguments.getStyleClass().add("tool-call-arguments");
    arguments.setWrapText(true);
    Label note = new Label(i18n.get("toolCall.note"));
    note.getStyleClass().add("settings-hint");
    note.setWrapText(true);
    Button once = new Button(i18n.get("toolCall.allowOnce"));
    once.setId("toolCallAllowOnce");
    once.getStyleClass().add("accent");
    once.setOnAction(e -> call.decide(ToolCallRequest.Decision.ALLOW_ONCE));
    Button always = new Button(i18n.get("toolCall.alwaysAllow"));
    always.setId("toolCallAlwaysAllow");
    always.setOnAction(e -> call.decide(ToolCallRequest.Decision.ALWAYS_ALLOW));
    Button deny = new Button(i18n.get("toolCall.deny"));
    deny.setId("toolCallDeny");
    deny.getStyleClass().add("danger");
    deny.setOnAction(e -> call.decide(ToolCallRequest.Decision.DENY));
    HBox buttons = new HBox(8, once, always, deny);
    buttons.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(title, tool, arguments, note, buttons);
  }
}
