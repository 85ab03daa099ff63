package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function a client offers the model: OpenAI's {@code tools[i].function}.
 *
 * @param parameters the JSON schema of the arguments (an object schema)
 */
public record ToolSpec(String name, String description, JsonNode parameters) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
  }
}
