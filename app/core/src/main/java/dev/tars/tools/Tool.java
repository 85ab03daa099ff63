package dev.tars.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function the model may call: the one tool model of Tars, whether the caller of the local API runs it, an MCP
 * server serves it or Tars runs it itself.
 *
 * @param parameters the JSON schema of the arguments (an object schema)
 * @param handler what runs the call; {@link ToolHandler#RUN_BY_CLIENT} when the program that sent the tool runs it
 */
public record Tool(String name, String description, JsonNode parameters, ToolHandler handler) {
  public Tool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(handler, "handler");
  }
}
