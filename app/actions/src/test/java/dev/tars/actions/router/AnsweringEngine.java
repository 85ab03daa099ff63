package dev.tars.actions.router;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An engine that gives one fixed answer, for the second stage's decision logic; or never answers, for the
 * timeout. What the real engine does with the schema is tested in {@link SecondStageRouterIT}.
 */
final class AnsweringEngine implements ChatEngine {
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  final AtomicBoolean cancelled = new AtomicBoolean();
  private final String answer;
  private final FinishReason finish;

  AnsweringEngine(String answer, FinishReason finish) {
    this.answer = answer;
    this.finish = finish;
  }

  static AnsweringEngine answering(String answer) {
    return new AnsweringEngine(answer, FinishReason.STOP);
  }

  static AnsweringEngine silent() {
    return new AnsweringEngine(null, null);
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo("answering", 4096);
  }

  @Override
  public int countTokens(List<ChatMessage> messages) {
    return messages.stream().mapToInt(m -> m.content().length() / 3 + 4).sum();
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    requests.add(request);
    CompletableFuture<Completion> result = new CompletableFuture<>();
    if (answer != null) {
      result.complete(new Completion(answer, finish, 10, 10, null));
    }
    return new Generation() {
      @Override
      public void cancel() {
        cancelled.set(true);
        result.complete(new Completion("", FinishReason.CANCELLED, 10, 0, null));
      }

      @Override
      public CompletableFuture<Completion> result() {
        return result;
      }
    };
  }

  @Override
  public void close() {}
}
