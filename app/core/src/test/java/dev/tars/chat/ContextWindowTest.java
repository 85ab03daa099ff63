package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextWindowTest {

  /** Counts like a byte-level tokenizer at its worst (one token per byte) and remembers being asked. */
  private static final class CountingEngine implements ChatEngine {
    final AtomicInteger counts = new AtomicInteger();
    final int contextLength;

    CountingEngine(int contextLength) {
      this.contextLength = contextLength;
    }

    @Override
    public ModelInfo model() {
      return new ModelInfo("counting", contextLength);
    }

    @Override
    public int countTokens(List<ChatMessage> messages) {
      counts.incrementAndGet();
      return messages.stream().mapToInt(m -> m.content().length() + 8).sum();
    }

    @Override
    public Generation generate(ChatRequest request, TokenSink sink) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void aPromptThatFitsEvenByBytesIsNotCountedByTheEngine() throws Exception {
    CountingEngine engine = new CountingEngine(4096);

    ContextWindow.Fitted fitted = new ContextWindow().fit(engine,
        List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello")), 512);

    assertThat(engine.counts).hasValue(0);
    assertThat(fitted.messages()).hasSize(2);
    assertThat(fitted.trim().trimmed()).isFalse();
  }

  @Test
  void aPromptNearTheLimitIsCountedAndTrimmed() throws Exception {
    CountingEngine engine = new CountingEngine(1024);
    String long300 = "x".repeat(300);

    ContextWindow.Fitted fitted = new ContextWindow().fit(engine, List.of(ChatMessage.system("s"),
        ChatMessage.user(long300), ChatMessage.assistant(long300), ChatMessage.user(long300)), 512);

    assertThat(engine.counts.get()).isPositive();
    assertThat(fitted.trim().droppedMessages()).isEqualTo(2);
    assertThat(fitted.trim().promptTokens()).isLessThanOrEqualTo(512);
  }

  @Test
  void theByteBoundCoversMultiByteText() {
    assertThat(ContextWindow.upperBound(List.of(ChatMessage.user("日本語"))))
        .isEqualTo(ContextWindow.TEMPLATE_BYTES_PER_PROMPT + ContextWindow.TEMPLATE_BYTES_PER_MESSAGE + 9);
  }
}
