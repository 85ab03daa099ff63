package dev.tars.projects;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group of conversations and document collections with its own instructions.
 *
 * @param instructions prepended to the system prompt of every answer in the project; may be empty
 * @param defaultModel model file (or remote model name) new conversations of the project use; empty = Settings
 * @param collectionIds knowledge collections searched by default in the project
 */
public record Project(long id, String name, String instructions, String defaultModel, List<Long> collectionIds,
    Instant createdAt) {
  /** The project that always exists and cannot be deleted. */
  public static final long DEFAULT_ID = 1;

  public Project {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(defaultModel, "defaultModel");
    collectionIds = List.copyOf(collectionIds);
  }

  public boolean isDefault() {
    return id == DEFAULT_ID;
  }
}
