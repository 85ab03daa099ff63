package dev.tars.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one call of a {@link Tool}. Arguments and results are data, never instructions to Tars. */
@FunctionalInterface
public interface ToolHandler {
  /** For tools sent through the local API: the calling program runs them, Tars only asks for the call. */
  ToolHandler RUN_BY_CLIENT = arguments -> {
    throw new UnsupportedOperationException("this tool is run by the program that offered it");
  };

  /** The result (text for the model), given arguments that already match the tool's schema. */
  String call(JsonNode arguments) throws Exception;
}
