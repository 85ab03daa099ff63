package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.ChatMessage;
import dev.tars.testkit.core.ScriptedEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextWindowTest {

  @Test
  void aPromptThatFitsEvenByBytesIsNotCountedByTheEngine() throws Exception {
    ScriptedEngine engine = countingEngine(4096);

    ContextWindow.Fitted fitted = new ContextWindow().fit(engine,
        List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello")), 512);

    assertThat(engine.countCalls()).isZero();
    assertThat(fitted.messages()).hasSize(2);
    assertThat(fitted.trim().trimmed()).isFalse();
  }

  @Test
  void aPromptNearTheLimitIsCountedAndTrimmed() throws Exception {
    ScriptedEngine engine = countingEngine(1024);
    String long300 = "x".repeat(300);

    ContextWindow.Fitted fitted = new ContextWindow().fit(engine, List.of(ChatMessage.system("s"),
        ChatMessage.user(long300), ChatMessage.assistant(long300), ChatMessage.user(long300)), 512);

    assertThat(engine.countCalls()).isPositive();
    assertThat(fitted.trim().droppedMessages()).isEqualTo(2);
    assertThat(fitted.trim().promptTokens()).isLessThanOrEqualTo(512);
  }

  @Test
  void theByteBoundCoversMultiByteText() {
    assertThat(ContextWindow.upperBound(List.of(ChatMessage.user("日本語"))))
        .isEqualTo(ContextWindow.TEMPLATE_BYTES_PER_PROMPT + ContextWindow.TEMPLATE_BYTES_PER_MESSAGE + 9);
  }

  /** Counts like a byte-level tokenizer at its worst (one token per byte) and remembers being asked. */
  private static ScriptedEngine countingEngine(int contextLength) {
    return new ScriptedEngine("", 0, contextLength).countingTokensWith(m -> m.content().length() + 8);
  }
}
