package dev.tars.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiCodecTest {

  private static ChatCompletionRequest read(String json) throws OpenAiException {
    return OpenAiCodec.chatRequest(OpenAiCodec.readObject(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRequestTheClientWritesIsReadBackTheSameByAServer() throws Exception {
    ChatCompletionRequest sent = ChatCompletionRequest.streamed("m", List.of(new Message("system", "be brief"),
        new Message("user", "hi")), 0.3, 0.9, 12, List.of("END")).withIncludeUsage(true)
        .withExtension("cache_prompt", BooleanNode.TRUE);

    ChatCompletionRequest read = read(OpenAiCodec.json(sent));

    assertThat(read).isEqualTo(sent);
    assertThat(read.question()).isEqualTo("hi");
  }

  @Test
  void contentPartsAreJoinedAndMaxCompletionTokensWinsOverMaxTokens() throws Exception {
    ChatCompletionRequest read = read("{\"messages\":[{\"role\":\"developer\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}],\"max_tokens\":5,\"max_completion_tokens\":7}");

    assertThat(read.messages()).containsExactly(new Message("developer", "ab"));
    assertThat(read.maxTokens()).isEqualTo(7);
    assertThat(read.temperature()).isNull();
    assertThat(read.stream()).isFalse();
  }

  private static final String TOOL_REQUEST = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
      + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
      + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Lima\\\"}\"}}]},"
      + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"14 C\"}],"
      + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"w\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],"
      + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":false}";

  @Test
  void toolsToolChoiceAndToolMessagesAreRead() throws Exception {
    ChatCompletionRequest read = read(TOOL_REQUEST);
    assertThat(read.tools().tools()).extracting(ToolSpec::name).containsExactly("get_weather");
    assertThat(read.tools().choice()).isEqualTo("auto");
    assertThat(read.tools().parallel()).isFalse();
    assertThat(read.messages().get(1).toolCalls()).containsExactly(new ToolCall("c1", "get_weather",
        "{\"city\":\"Lima\"}"));
    assertThat(read.messages().get(2).toolCallId()).isEqualTo("c1");
    ChatCompletionRequest named = read(TOOL_REQUEST.replace("\"auto\"",
        "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
    assertThat(named.tools().choice()).isEqualTo("function");
    assertThat(named.tools().function()).isEqualTo("get_weather");
  }

  @Test
  void toolCallsAreWrittenLikeOpenAi() throws Exception {
    ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Lima\"}");
    var whole = OpenAiCodec.tree(OpenAiCodec.json(new ChatCompletion("id", 1, "m", null, "tool_calls",
        new Usage(1, 2), null, null, List.of(call))));
    var message = whole.path("choices").path(0).path("message");
    assertThat(message.path("content").isNull()).isTrue();
    assertThat(message.path("tool_calls").path(0).path("function").path("arguments").asText())
        .isEqualTo("{\"city\":\"Lima\"}");
    assertThat(message.path("tool_calls").path(0).path("type").asText()).isEqualTo("function");
    var chunk = OpenAiCodec.tree(OpenAiCodec.json(ChatCompletionChunk.toolCalls("id", 1, "m", List.of(call, call))));
    assertThat(chunk.path("choices").path(0).path("delta").path("tool_calls").path(1).path("index").asInt())
        .isEqualTo(1);
  }

  @Test
  void refusalsNameTheField() {
    record Case(String json, String param) {}
    for (Case c : List.of(
        new Case("{}", "messages"),
        new Case("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "messages[0].role"),
        new Case("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].tool_call_id"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"tool_choice\":\"required\"}",
            "tool_choice"),
        new Case(TOOL_REQUEST.replace("\"auto\"", "{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}"),
            "tool_choice"),
        new Case(TOOL_REQUEST.replace("\"parallel_tool_calls\":false", "\"parallel_tool_calls\":1"),
            "parallel_tool_calls"),
        new Case(TOOL_REQUEST.replace("\"get_weather\"", "\"get weather\""), "tools[0].function.name"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
            "messages[0].content"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"temperature\":3}", "temperature"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"top_p\":0}", "top_p"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"max_tokens\":1.5}", "max_tokens"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"n\":2}", "n"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"tools\":[{}]}", "tools[0]"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
            "stop"),
        new Case("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"seed\":\"x\"}", "seed"))) {
      assertThatThrownBy(() -> read(c.json())).as(c.json()).isInstanceOfSatisfying(OpenAiException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.param()).isEqualTo(c.param());
      });
    }
  }

  @Test
  void hostileJsonIsA400WithAShortMessage() {
    for (byte[] body : List.of("[".repeat(3000).getBytes(StandardCharsets.US_ASCII),
        ("{\"a\":" + "7".repeat(200_000) + "}").getBytes(StandardCharsets.US_ASCII),
        new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
        "[1,2]".getBytes(StandardCharsets.US_ASCII), new byte[0])) {
      assertThatThrownBy(() -> OpenAiCodec.readObject(body)).isInstanceOfSatisfying(OpenAiException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.getMessage()).hasSizeLessThan(400);
      });
    }
  }

  @Test
  void chunksRoundTripAndAnErrorEventIsThrown() throws Exception {
    ChatCompletionChunk last = ChatCompletionChunk.last("c1", 10, "m", "length").withUsage(new Usage(4, 2), null);
    ChatCompletionChunk read = OpenAiCodec.chunk(OpenAiCodec.json(last));
    assertThat(read.finishReason()).isEqualTo("length");
    assertThat(read.usage()).isEqualTo(new Usage(4, 2));
    assertThat(OpenAiCodec.chunk(OpenAiCodec.json(ChatCompletionChunk.text("c1", 10, "m", "Hé"))).content())
        .isEqualTo("Hé");
    ChatCompletionChunk usageOnly = OpenAiCodec.chunk(OpenAiCodec.json(
        ChatCompletionChunk.usageOnly("c1", 10, "m", new Usage(1, 1))));
    assertThat(usageOnly.hasChoice()).isFalse();

    String error = OpenAiCodec.json(new ErrorBody("engine died", "server_error", null, "engine_error"));
    assertThatThrownBy(() -> OpenAiCodec.chunk(error)).isInstanceOf(OpenAiException.class).hasMessage("engine died");
    assertThat(OpenAiCodec.errorMessage(error)).isEqualTo("engine died");
    assertThat(OpenAiCodec.errorMessage("<html>Bad gateway</html>")).isEqualTo("<html>Bad gateway</html>");
  }

  @Test
  void modelsRoundTripWithTheirContextLength() throws Exception {
    String json = OpenAiCodec.modelsJson(List.of(new Model("tiny.gguf", 1, "tars", 2048, null),
        new Model("embedder", 1, "tars", -1, 384)));

    assertThat(OpenAiCodec.models(json)).containsExactly(new Model("tiny.gguf", 1, "tars", 2048, null),
        new Model("embedder", 1, "tars", -1, 384));
    assertThat(OpenAiCodec.models("{\"data\":[{\"id\":\"x\",\"meta\":{\"n_ctx\":512}}]}").get(0).contextLength())
        .isEqualTo(512);
  }
}
