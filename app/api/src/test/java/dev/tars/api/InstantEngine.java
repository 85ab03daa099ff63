package dev.tars.api;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An engine that answers "ok" at once. Only for tests whose subject is the HTTP and JSON layer and that send
 * thousands of requests (the fuzz test): there the real engine would only add minutes.
 */
final class InstantEngine implements ChatEngine {
  static final String MODEL = "instant";

  @Override
  public ModelInfo model() {
    return new ModelInfo(MODEL, 4096);
  }

  @Override
  public int countTokens(List<ChatMessage> messages) {
    return messages.stream().mapToInt(m -> 4 + m.content().length() / 4).sum();
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    sink.accept("ok");
    CompletableFuture<Completion> done = CompletableFuture.completedFuture(
        new Completion("ok", FinishReason.STOP, 3, 1, null));
    return new Generation() {
      @Override
      public void cancel() {}

      @Override
      public CompletableFuture<Completion> result() {
        return done;
      }
    };
  }

  @Override
  public void close() {}
}
