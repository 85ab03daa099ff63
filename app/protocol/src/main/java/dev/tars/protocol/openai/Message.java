package dev.tars.protocol.openai;

import java.util.Objects;

/**
 * One chat message as it travels: a role ({@code system}, {@code developer}, {@code user} or {@code assistant})
 * and its text. Content sent as an array of text parts arrives here joined.
 */
public record Message(String role, String content) {
  public static final java.util.Set<String> ROLES = java.util.Set.of("system", "developer", "user", "assistant");

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
