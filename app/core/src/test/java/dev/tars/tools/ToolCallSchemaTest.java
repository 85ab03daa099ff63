package dev.tars.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Tool tool(String name, String schema) throws Exception {
    return new Tool(name, "d", JSON.readTree(schema), ToolHandler.RUN_BY_CLIENT);
  }

  @Test
  void requiredCallsAreAListOfNamedCallsWithTheirArguments() throws Exception {
    JsonNode schema = ToolCallSchema.of(List.of(tool("a", "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":"
        + "\"string\"}},\"required\":[\"q\"]}"), tool("b", "{\"type\":\"object\"}")), true, false);
    JsonNode calls = schema.path("properties").path("tool_calls");
    assertThat(calls.path("minItems").asInt()).isEqualTo(1);
    assertThat(calls.path("maxItems").asInt()).isEqualTo(1);
    JsonNode first = calls.path("items").path("anyOf").path(0);
    assertThat(first.path("properties").path("name").path("const").asText()).isEqualTo("a");
    assertThat(first.path("properties").path("arguments").path("required").path(0).asText()).isEqualTo("q");
    assertThat(schema.has("anyOf")).isFalse();
  }

  @Test
  void autoLetsTheModelAnswerInTextInstead() throws Exception {
    JsonNode schema = ToolCallSchema.of(List.of(tool("a", "{\"type\":\"object\"}")), false, true);
    assertThat(schema.path("anyOf")).hasSize(2);
    assertThat(schema.path("anyOf").path(0).path("properties").path("tool_calls").path("maxItems").asInt())
        .isEqualTo(ToolCallSchema.PARALLEL_BOUND);
    assertThat(schema.path("anyOf").path(1).path("required").path(0).asText()).isEqualTo("content");
  }

  @Test
  void openStringsArraysAndObjectsGetBoundsAndDescribedOnesKeepTheirs() throws Exception {
    JsonNode tight = ToolCallSchema.tightened(JSON.readTree("{\"type\":\"object\",\"properties\":{"
        + "\"free\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"x\"]},"
        + "\"short\":{\"type\":\"string\",\"maxLength\":5},\"list\":{\"type\":\"array\",\"items\":{\"type\":"
        + "\"object\",\"properties\":{\"n\":{\"type\":\"string\"}}}},\"open\":{\"type\":\"object\","
        + "\"additionalProperties\":true}}}"));
    assertThat(tight.path("additionalProperties").asBoolean(true)).isFalse();
    JsonNode p = tight.path("properties");
    assertThat(p.path("free").path("maxLength").asInt()).isEqualTo(ToolCallSchema.STRING_BOUND);
    assertThat(p.path("kind").has("maxLength")).isFalse();
    assertThat(p.path("short").path("maxLength").asInt()).isEqualTo(5);
    assertThat(p.path("list").path("maxItems").asInt()).isEqualTo(ToolCallSchema.ARRAY_BOUND);
    assertThat(p.path("list").path("items").path("properties").path("n").path("maxLength").asInt())
        .isEqualTo(ToolCallSchema.STRING_BOUND);
    assertThat(p.path("open").path("additionalProperties").asBoolean()).isTrue();
  }

  @Test
  void aNumberBoundedByWholeNumbersBecomesAnIntegerTheGrammarCanBound() throws Exception {
    JsonNode tight = ToolCallSchema.tightened(JSON.readTree("{\"type\":\"object\",\"properties\":{"
        + "\"count\":{\"type\":\"number\",\"minimum\":1,\"maximum\":10},\"ratio\":{\"type\":\"number\","
        + "\"minimum\":0,\"maximum\":0.5},\"free\":{\"type\":\"number\"}}}"));
    JsonNode p = tight.path("properties");
    assertThat(p.path("count").path("type").asText()).isEqualTo("integer");
    assertThat(p.path("count").path("maximum").asInt()).isEqualTo(10);
    assertThat(p.path("ratio").path("type").asText()).isEqualTo("number");
    assertThat(p.path("free").path("type").asText()).isEqualTo("number");
  }

  @Test
  void formatsTheGrammarCannotCheckBecomePatternsOrBoundedStrings() throws Exception {
    JsonNode tight = ToolCallSchema.tightened(JSON.readTree("{\"type\":\"object\",\"properties\":{"
        + "\"link\":{\"type\":\"string\",\"format\":\"uri\"},\"day\":{\"type\":\"string\",\"format\":"
        + "\"date\"},\"host\":{\"type\":\"string\",\"format\":\"hostname\"}}}"));
    JsonNode p = tight.path("properties");
    assertThat(p.path("link").has("format")).isFalse();
    assertThat("https://example.org/a/b.txt").matches(p.path("link").path("pattern").asText());
    assertThat(p.path("day").path("format").asText()).isEqualTo("date");
    assertThat(p.path("day").has("maxLength")).isFalse();
    assertThat(p.path("host").path("maxLength").asInt()).isEqualTo(ToolCallSchema.STRING_BOUND);
  }

  @Test
  void noToolsIsAMistake() {
    assertThatThrownBy(() -> ToolCallSchema.of(List.of(), true, true)).isInstanceOf(IllegalArgumentException.class);
  }
}
