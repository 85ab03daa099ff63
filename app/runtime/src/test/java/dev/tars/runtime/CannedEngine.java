package dev.tars.runtime;

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

/**
 * Answers every request with the next canned text, for the extraction's own logic (what is sent, how answers
 * are validated). The grammar path is tested on real llama.cpp in {@code MemoryExtractionIT}.
 */
// A copy of core's memory CannedEngine until engine fakes have a home in the test kit (core's tests cannot share
// their classes with this module).
final class CannedEngine implements ChatEngine {
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> answers;
  private final int contextLength;
  private volatile boolean closed;

  CannedEngine(int contextLength, String... answers) {
    this.contextLength = contextLength;
    this.answers = new CopyOnWriteArrayList<>(answers);
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo("canned", contextLength);
  }

  @Override
  public int countTokens(List<ChatMessage> messages) {
    return messages.stream().mapToInt(m -> 4 + m.content().length() / 4).sum();
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    requests.add(request);
    String text = answers.size() > 1 ? answers.remove(0) : answers.get(0);
    sink.accept(text);
    CompletableFuture<Completion> done = CompletableFuture.completedFuture(
        new Completion(text, FinishReason.STOP, -1, -1, null));
    return new Generation() {
      @Override
      public void cancel() {}

      @Override
      public CompletableFuture<Completion> result() {
        return done;
      }
    };
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
