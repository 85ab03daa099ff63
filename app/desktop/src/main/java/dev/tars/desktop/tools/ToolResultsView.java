package dev.tars.desktop.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.chat.AnswerSource;
import dev.tars.desktop.fx.I18n;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** The tool calls of an answer, folded under it: each call's tool, arguments, outcome and the start of its result. */
public final class ToolResultsView {
  /** The kind of answer sources the chat keeps for tool calls. */
  public static final String KIND = "tool";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolResultsView() {}

  public static Node of(List<AnswerSource> calls, I18n i18n) {
    VBox list = new VBox(8);
    for (AnswerSource call : calls) {
      JsonNode record = read(call.reference());
      String status = switch (record.path("status").asText("ok")) {
        case "denied" -> i18n.get("toolResults.denied");
        case "failed" -> i18n.get("toolResults.failed", record.path("problem").asText(""));
        default -> i18n.get("toolResults.ok");
      };
      Label title = new Label(call.label() + " — " + status);
      title.getStyleClass().add("tool-result-title");
      title.setWrapText(true);
      Label arguments = new Label(record.path("arguments").asText(""));
      arguments.getStyleClass().add("tool-call-arguments");
      arguments.setWrapText(true);
      VBox one = new VBox(2, title, arguments);
      String result = record.path("result").asText("");
      if (!result.isEmpty()) {
        Label text = new Label(result);
        text.setWrapText(true);
        text.getStyleClass().add("tool-result-text");
        one.getChildren().add(text);
      }
      list.getChildren().add(one);
    }
    TitledPane folded = new TitledPane(i18n.get("toolResults.title", calls.size()), list);
    folded.setExpanded(false);
    folded.setAnimated(false);
    folded.getStyleClass().add("tool-results");
    folded.setId("toolResults");
    folded.getStylesheets().add(ToolsFeature.stylesheet());
    return folded;
  }

  private static JsonNode read(String reference) {
    try {
      return JSON.readTree(reference);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode().put("result", reference);
    }
  }
}
