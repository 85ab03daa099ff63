package dev.tars.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkEventsTest {

  private static byte[] throughTheTree(String id, long created, String model, String text) {
    return ("data: " + OpenAiCodec.json(ChatCompletionChunk.text(id, created, model, text)) + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyEventIsByteForByteWhatTheCodecWritesForTheSameChunk() {
    String id = "chatcmpl-\"quoted\" \\ id";
    String model = "qwen2.5-0.5b \u00e9 \"q4\".gguf";
    TextChunkEvents events = new TextChunkEvents(id, 1_764_000_000L, model);
    List<String> texts = List.of("", " the", "line\nbreak\ttab\r", "\"quotes\" and \\backslash\\", "\u0000\u0001\u001f",
        "configuraci\u00f3n", "\u4e2d\u6587", "emoji \ud83d\ude00", "lone \ud83d surrogate", "</script>", "\"content\":\"\"");
    for (String text : texts) {
      assertThat(events.event(text)).as(text).isEqualTo(throughTheTree(id, 1_764_000_000L, model, text));
    }
  }

  @Test
  void anEventReadsBackAsItsText() throws Exception {
    byte[] event = new TextChunkEvents("c1", 5, "m").event("a \"b\"\n");
    String data = new String(event, StandardCharsets.UTF_8);
    assertThat(data).startsWith("data: ").endsWith("\n\n");
    ChatCompletionChunk chunk = OpenAiCodec.chunk(data.substring(6).strip());
    assertThat(chunk.content()).isEqualTo("a \"b\"\n");
    assertThat(chunk.id()).isEqualTo("c1");
    assertThat(chunk.finishReason()).isNull();
  }
}
