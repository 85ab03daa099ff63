package dev.tars.protocol.openai;

import java.util.List;
import java.util.Objects;

/**
 * One chat message as it travels: a role ({@code system}, {@code developer}, {@code user}, {@code assistant} or
 * {@code tool}) and its text. Content sent as an array of text parts arrives here joined.
 *
 * @param toolCalls the calls an assistant message asked for (empty otherwise)
 * @param toolCallId for a {@code tool} message, the call it answers; else null
 */
public record Message(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
  public static final java.util.Set<String> ROLES = java.util.Set.of("system", "developer", "user", "assistant",
      "tool");

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(toolCalls);
  }

  public Message(String role, String content) {
    this(role, content, List.of(), null);
  }
}
