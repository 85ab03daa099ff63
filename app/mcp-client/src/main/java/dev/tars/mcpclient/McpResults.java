package dev.tars.mcpclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** A tool's result as text for the model: text parts as they are, images and audio described, not inlined. */
final class McpResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private McpResults() {}

  static String text(McpSchema.CallToolResult result) {
    List<String> parts = new ArrayList<>();
    if (result.content() != null) {
      for (McpSchema.Content content : result.content()) {
        parts.add(switch (content) {
          case McpSchema.TextContent text -> text.text();
          case McpSchema.ImageContent image -> "[image, " + image.mimeType() + "]";
          case McpSchema.AudioContent audio -> "[audio, " + audio.mimeType() + "]";
          case McpSchema.ResourceLink link -> "[resource " + link.uri() + (link.description() == null ? ""
              : ": " + link.description()) + "]";
          case McpSchema.EmbeddedResource embedded -> embedded.resource() instanceof McpSchema.TextResourceContents t
              ? t.text() : "[resource " + embedded.resource().uri() + "]";
          default -> "[" + content.type() + "]";
        });
      }
    }
    if (parts.isEmpty() && result.structuredContent() != null) {
      parts.add(JSON.valueToTree(result.structuredContent()).toString());
    }
    return String.join("\n", parts);
  }
}
