package dev.tars.protocol.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Server-Sent Events of one streamed answer's text, one per token: byte for byte
 * {@code "data: " + OpenAiCodec.json(ChatCompletionChunk.text(id, created, model, text)) + "\n\n"}, but the parts
 * that never change within an answer (id, created, model, the choice around the text) are encoded once, so a
 * token costs one JSON string escape and one array copy instead of a JSON tree and a serializer.
 *
 * <p>Why it matters: the engine child writes one event per generated token while llama.cpp keeps every core
 * busy, and on two cores the CPU the JVM spends per token is taken from llama.cpp (decision 1430).
 */
public final class TextChunkEvents {
  private static final String EMPTY_CONTENT = "\"content\":\"\"";

  private final byte[] before;
  private final byte[] after;

  /** The events of the answer {@code id}, created at {@code created} (epoch seconds) by {@code model}. */
  public TextChunkEvents(String id, long created, String model) {
    String empty = "data: " + OpenAiCodec.json(ChatCompletionChunk.text(id, created, model, "")) + "\n\n";
    int at = empty.lastIndexOf(EMPTY_CONTENT);
    if (at < 0) {
      throw new IllegalStateException("a text chunk without a content field: " + empty);
    }
    int textStart = at + EMPTY_CONTENT.length() - 1;
    before = empty.substring(0, textStart).getBytes(StandardCharsets.UTF_8);
    after = empty.substring(textStart).getBytes(StandardCharsets.UTF_8);
  }

  /** The whole event for {@code text}, ready to write. */
  public byte[] event(String text) {
    // Escaped as chars, then encoded like the rest: a lone surrogate becomes '?' here as it did through the tree.
    byte[] escaped = new String(JsonStringEncoder.getInstance().quoteAsString(text)).getBytes(StandardCharsets.UTF_8);
    byte[] event = new byte[before.length + escaped.length + after.length];
    System.arraycopy(before, 0, event, 0, before.length);
    System.arraycopy(escaped, 0, event, before.length, escaped.length);
    System.arraycopy(after, 0, event, before.length + escaped.length, after.length);
    return event;
  }
}
