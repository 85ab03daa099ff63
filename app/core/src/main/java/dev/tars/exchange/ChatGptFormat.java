package dev.tars.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads ChatGPT's data export ({@code conversations.json}: a list of conversations whose messages form a tree
 * in {@code mapping}). The branch shown last ({@code current_node} back to the root) is imported; user and
 * assistant text is kept, while hidden system messages, tool calls and images are left out.
 */
final class ChatGptFormat {
  private ChatGptFormat() {}

  static boolean looksLikeChatGpt(JsonNode root) {
    return root.isArray() && (root.isEmpty() || root.get(0).has("mapping"));
  }

  static List<TarsExport.ConversationData> read(JsonNode root, String systemPrompt, Sampling sampling)
      throws ImportException {
    List<TarsExport.ConversationData> result = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode c = root.get(i);
      JsonNode mapping = c.get("mapping");
      if (!c.isObject() || mapping == null || !mapping.isObject()) {
        throw new ImportException("Conversation " + (i + 1) + " of this ChatGPT export has no messages"
            + " (\"mapping\"). Nothing was imported; download the export from ChatGPT again.");
      }
      Instant created = seconds(c.get("create_time"), Instant.EPOCH);
      Instant updated = seconds(c.get("update_time"), created);
      List<JsonNode> branch = branch(mapping, c.path("current_node").asText(null));
      List<TarsExport.MessageData> messages = new ArrayList<>();
      for (JsonNode node : branch) {
        JsonNode message = node.get("message");
        if (message == null || message.isNull()) {
          continue;
        }
        String author = message.path("author").path("role").asText("");
        Role role = switch (author) {
          case "user" -> Role.USER;
          case "assistant" -> Role.ASSISTANT;
          default -> null;
        };
        String text = text(message.path("content"));
        if (role == null || text.isBlank()) {
          continue;
        }
        messages.add(new TarsExport.MessageData(role, text, MessageStatus.COMPLETE,
            seconds(message.get("create_time"), created)));
      }
      String title = c.path("title").asText("").strip();
      result.add(new TarsExport.ConversationData(title.isEmpty() ? "Imported chat" : title, systemPrompt, sampling,
          created, updated, messages));
    }
    return result;
  }

  /** From the current node up to the root, returned root first; without a current node, the newest leaf. */
  private static List<JsonNode> branch(JsonNode mapping, String current) throws ImportException {
    String id = current;
    if (id == null || !mapping.has(id)) {
      double newest = -1;
      for (var entry : mapping.properties()) {
        JsonNode node = entry.getValue();
        double time = node.path("message").path("create_time").asDouble(0);
        if (node.path("children").isEmpty() && time >= newest) {
          newest = time;
          id = entry.getKey();
        }
      }
    }
    List<JsonNode> path = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (id != null && mapping.has(id)) {
      if (!seen.add(id)) {
        throw new ImportException("This ChatGPT export is damaged: its messages form a loop. Nothing was"
            + " imported; download the export from ChatGPT again.");
      }
      JsonNode node = mapping.get(id);
      path.add(0, node);
      id = node.path("parent").isTextual() ? node.get("parent").asText() : null;
    }
    return path;
  }

  private static String text(JsonNode content) {
    String type = content.path("content_type").asText("text");
    if (type.equals("code")) {
      return "```\n" + content.path("text").asText("") + "\n```";
    }
    if (!type.equals("text") && !type.equals("multimodal_text")) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content.path("parts")) {
      if (part.isTextual()) {
        if (!text.isEmpty()) {
          text.append("\n\n");
        }
        text.append(part.asText());
      }
    }
    return text.toString();
  }

  private static Instant seconds(JsonNode value, Instant fallback) {
    if (value == null || !value.isNumber()) {
      return fallback;
    }
    return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
  }
}
