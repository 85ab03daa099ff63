package dev.tars.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import dev.tars.testkit.TestModels;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolCallSchema;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one JSON-schema-to-grammar path ({@link ToolCallSchema} -> the engine child's llama.cpp grammar) on the
 * schemas of Tars' built-in tools and of the reference MCP servers, answered by the generated random-weight model:
 * every answer must parse, match the constraint, and carry arguments that validate against the tool's own schema
 * (checked by the MCP SDK's JSON Schema validator, the one that checks calls to Tars' MCP server).
 */
class ToolCallGrammarIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = Integer.getInteger("tars.grammar.rounds", 2);
  @TempDir Path dir;

  @Test
  void everyToolSchemaGivesCallsThatParseAndValidateEvenFromARandomModel() throws Exception {
    JsonSchemaValidator validator = new DefaultJsonSchemaValidator(JSON);
    List<String> invalid = new ArrayList<>();
    int answers = 0;
    try (LocalEngine engine = new LocalEngine(LocalEngine.Options.defaults(dir.resolve("tmp"))
        .withMaxContextLength(4096).withThreads(2).withHealthInterval(Duration.ofSeconds(1)))) {
      engine.load(TestModels.tiny());
      assertThat(engine.awaitReady(Duration.ofSeconds(60))).isTrue();
      for (Tool tool : ToolSchemas.all()) {
        JsonNode constraint = ToolCallSchema.of(List.of(tool), true, false);
        for (int round = 0; round < ROUNDS; round++) {
          ChatRequest request = new ChatRequest(List.of(ChatMessage.user("Call " + tool.name())),
              new Sampling(1.0, 1.0, 1800), List.of(), constraint.toString());
          Completion answer = engine.generate(request, token -> {}).result().get(180, TimeUnit.SECONDS);
          answers++;
          String problem = problem(tool, constraint, answer, validator);
          if (problem != null) {
            invalid.add(tool.name() + ": " + problem + "\n    " + answer.text());
          }
        }
      }
    }
    System.out.printf("Tool-call grammar: %d tools, %d answers, %d invalid%n", ToolSchemas.all().size(), answers,
        invalid.size());
    assertThat(invalid).as("answers that do not parse or validate").isEmpty();
  }

  /** Why the answer is not a valid call of {@code tool}, or null when it is. */
  private static String problem(Tool tool, JsonNode constraint, Completion answer, JsonSchemaValidator validator) {
    if (answer.finishReason() != FinishReason.STOP) {
      return "finished with " + answer.finishReason();
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(answer.text());
    } catch (Exception e) {
      return "does not parse: " + e.getMessage();
    }
    var whole = validator.validate(map(constraint), JSON.convertValue(parsed, Object.class));
    if (!whole.valid()) {
      return "does not match the constraint: " + whole.errorMessage();
    }
    JsonNode call = parsed.path("tool_calls").path(0);
    if (!call.path("name").asText().equals(tool.name())) {
      return "names another tool: " + call.path("name");
    }
    var arguments = validator.validate(map(tool.parameters()), JSON.convertValue(call.get("arguments"),
        Object.class));
    return arguments.valid() ? null : "arguments do not match the tool's schema: " + arguments.errorMessage();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode schema) {
    return JSON.convertValue(schema, Map.class);
  }
}
