package dev.tars.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming read of a chunk gives what a JSON tree gave, on ordinary chunks and on odd ones. */
class ChunkReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How chunks were read before (decision 1431): the whole event as a tree, then the fields. */
  private static ChatCompletionChunk throughATree(String data) throws IOException, OpenAiException {
    JsonNode node = JSON.readTree(data);
    if (node.has("error")) {
      JsonNode error = node.get("error");
      throw new OpenAiException(502, error.path("type").asText("server_error"), error.path("code").asText(null),
          null, error.path("message").asText("unknown error"));
    }
    Usage usage = null;
    JsonNode u = node.get("usage");
    if (u != null && u.isObject()) {
      usage = new Usage(u.path("prompt_tokens").asInt(-1), u.path("completion_tokens").asInt(-1));
    }
    JsonNode choice = node.path("choices").path(0);
    String reason = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
    JsonNode delta = choice.path("delta");
    return new ChatCompletionChunk(node.path("id").asText(""), node.path("created").asLong(0),
        node.path("model").asText(""), delta.path("role").isTextual() ? delta.get("role").asText() : null,
        delta.path("content").isTextual() ? delta.get("content").asText() : null, reason, usage,
        !choice.isMissingNode(), node.get("tars"), node.get("timings"));
  }

  private static final List<String> CHUNKS = List.of(
      OpenAiCodec.json(ChatCompletionChunk.first("chatcmpl-1", 1700000000, "model.gguf")),
      OpenAiCodec.json(ChatCompletionChunk.text("chatcmpl-1", 1700000000, "model.gguf", "caf\u00e9 \"quoted\"\n\ud83d\ude00")),
      OpenAiCodec.json(ChatCompletionChunk.last("chatcmpl-1", 1700000000, "model.gguf", "length")
          .withUsage(new Usage(236, 64), OpenAiCodec.object().put("prompt_n", 236).put("predicted_ms", 812.5))),
      OpenAiCodec.json(ChatCompletionChunk.usageOnly("c", 1, "m", new Usage(11, 4))),
      OpenAiCodec.json(ChatCompletionChunk.toolCalls("c", 1, "m", List.of(new ToolCall("call_1", "f", "{\"a\":1}")))),
      OpenAiCodec.json(ChatCompletionChunk.text("c", 1, "m", "x").withTars(OpenAiCodec.object().put("note", "n"))),
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}",
      "{\"choices\":[{\"delta\":{\"content\":null,\"role\":7},\"finish_reason\":3}]}",
      "{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"},\"delta\":{\"role\":\"assistant\"}}]}",
      "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"choices\":[]}",
      "{\"choices\":[[1,2],{\"delta\":{\"content\":\"second\"}}]}",
      "{\"choices\":{\"0\":{\"delta\":{\"content\":\"x\"}}}}",
      "{\"choices\":[{\"delta\":\"text\",\"finish_reason\":\"stop\",\"logprobs\":{\"a\":[1,{\"b\":null}]}}]}",
      "{\"id\":null,\"created\":\"123\",\"model\":{\"name\":\"m\"},\"usage\":null,\"timings\":null,\"extra\":[[[]]]}",
      "{\"id\":\"i\",\"created\":12.0,\"model\":\"m\",\"usage\":{\"prompt_tokens\":\"5\"}}",
      "{\"choices\":[{\"delta\":{\"content\":\"\\u00e9\\ud83d\\ude00\\n\"}}]} trailing",
      "[1,2,3]",
      "42",
      "{}");

  @Test
  void readsEveryChunkAsTheTreeDid() throws Exception {
    for (String data : CHUNKS) {
      assertThat(OpenAiCodec.chunk(data)).as(data).isEqualTo(throughATree(data));
    }
  }

  @Test
  void anErrorEventIsThrownWhereverItsFieldStandsAndBrokenJsonIsAnIoError() {
    for (String data : List.of("{\"error\":{\"message\":\"engine died\",\"type\":\"server_error\",\"code\":\"x\"}}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"error\":{\"message\":\"engine died\"}}")) {
      assertThatThrownBy(() -> OpenAiCodec.chunk(data)).isInstanceOf(OpenAiException.class).hasMessage("engine died");
    }
    assertThatThrownBy(() -> OpenAiCodec.chunk("{\"error\":null}")).isInstanceOf(OpenAiException.class)
        .hasMessage("unknown error");
    for (String data : List.of("{\"choices\":[{\"delta\":", "not json", "{\"a\":tru}")) {
      assertThatThrownBy(() -> OpenAiCodec.chunk(data)).as(data).isInstanceOf(IOException.class)
          .hasMessageContaining("not JSON");
    }
  }
}
