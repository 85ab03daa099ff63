package dev.tars.exchange;

import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import java.time.Instant;
import java.util.List;

/**
 * What an export holds, independent of ids (which differ in the database it is imported into). Serialized
 * by {@link JsonExchange} as format {@code tars-export}, version {@link #VERSION}.
 *
 * @param project the project with its memories, or null when only conversations were exported
 */
public record TarsExport(Instant exportedAt, ProjectData project, List<ConversationData> conversations) {
  public static final String FORMAT = "tars-export";
  public static final int VERSION = 1;

  public TarsExport {
    conversations = List.copyOf(conversations);
  }

  /** A project as exported. */
  public record ProjectData(String name, String instructions, String defaultModel, List<Long> collectionIds,
      Instant createdAt, List<MemoryData> memories) {
    public ProjectData {
      collectionIds = List.copyOf(collectionIds);
      memories = List.copyOf(memories);
    }
  }

  /** A project-scoped memory as exported. */
  public record MemoryData(String text, boolean pinned, Instant createdAt, Instant updatedAt) {}

  /** A conversation as exported. */
  public record ConversationData(String title, String systemPrompt, Sampling sampling, Instant createdAt,
      Instant updatedAt, List<MessageData> messages) {
    public ConversationData {
      messages = List.copyOf(messages);
    }
  }

  /** A message as exported. */
  public record MessageData(Role role, String content, MessageStatus status, Instant createdAt) {}
}
