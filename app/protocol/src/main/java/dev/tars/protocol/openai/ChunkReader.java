package dev.tars.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;

/**
 * Reads one streamed chunk's JSON with a streaming parser, field by field, instead of building a tree: a client
 * reads one chunk per generated token while llama.cpp needs every core (decision 1431). It reads what
 * {@link OpenAiCodec#chunk} promises, as the tree did: the first choice's {@code delta.role}, {@code delta.content}
 * and {@code finish_reason} when they are strings, {@code usage}, {@code id}, {@code created}, {@code model}, and
 * {@code tars} and {@code timings} as trees; an {@code error} field makes it an error event. Later duplicates of a
 * field win, as in a tree.
 */
final class ChunkReader {
  private final JsonParser parser;
  private String id = "";
  private long created;
  private String model = "";
  private String role;
  private String content;
  private String finishReason;
  private Usage usage;
  private boolean hasChoice;
  private JsonNode tars;
  private JsonNode timings;

  private ChunkReader(JsonParser parser) {
    this.parser = parser;
  }

  static ChatCompletionChunk read(ObjectMapper json, String data) throws IOException, OpenAiException {
    try (JsonParser parser = json.createParser(data)) {
      return new ChunkReader(parser).chunk();
    } catch (JsonProcessingException e) {
      throw new IOException("the server sent an event that is not JSON: " + OpenAiCodec.cut(data), e);
    }
  }

  private ChatCompletionChunk chunk() throws IOException, OpenAiException {
    if (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "id" -> id = scalarText(value);
          case "model" -> model = scalarText(value);
          case "created" -> created = value.isScalarValue() ? parser.getValueAsLong(0) : skip(0L);
          case "choices" -> choices(value);
          case "usage" -> usage = usage(tree());
          case "tars" -> tars = tree();
          case "timings" -> timings = tree();
          case "error" -> throw error(tree());
          default -> parser.skipChildren();
        }
      }
    } else {
      parser.skipChildren(); // JSON, but not an object: a chunk with nothing in it, as the tree read it
    }
    return new ChatCompletionChunk(id, created, model, role, content, finishReason, usage, hasChoice, tars, timings);
  }

  private void choices(JsonToken value) throws IOException {
    role = null;
    content = null;
    finishReason = null;
    hasChoice = false;
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken first = parser.nextToken();
    if (first == JsonToken.END_ARRAY) {
      return;
    }
    hasChoice = true;
    if (first == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken field = parser.nextToken();
        if (name.equals("finish_reason")) {
          finishReason = field == JsonToken.VALUE_STRING ? parser.getText() : null;
        } else if (name.equals("delta")) {
          delta(field);
        } else {
          parser.skipChildren();
        }
      }
    } else {
      parser.skipChildren();
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      parser.skipChildren(); // later choices: Tars asks for one
    }
  }

  private void delta(JsonToken value) throws IOException {
    role = null;
    content = null;
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken field = parser.nextToken();
      if (name.equals("content")) {
        content = field == JsonToken.VALUE_STRING ? parser.getText() : null;
      } else if (name.equals("role")) {
        role = field == JsonToken.VALUE_STRING ? parser.getText() : null;
      } else {
        parser.skipChildren();
      }
    }
  }

  /** A scalar's text (a number as written), "" for null or a structure, as {@code asText("")} gave. */
  private String scalarText(JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL || !value.isScalarValue()) {
      parser.skipChildren();
      return "";
    }
    return parser.getText();
  }

  /** The current value as a tree; JSON null as {@code NullNode}, as a tree's field would hold it. */
  private JsonNode tree() throws IOException {
    JsonNode node = parser.readValueAsTree();
    return node == null ? NullNode.getInstance() : node;
  }

  private long skip(long result) throws IOException {
    parser.skipChildren();
    return result;
  }

  private static Usage usage(JsonNode u) {
    return u.isObject()
        ? new Usage(u.path("prompt_tokens").asInt(-1), u.path("completion_tokens").asInt(-1)) : null;
  }

  private static OpenAiException error(JsonNode error) {
    return new OpenAiException(502, error.path("type").asText("server_error"), error.path("code").asText(null),
        null, error.path("message").asText("unknown error"));
  }
}
