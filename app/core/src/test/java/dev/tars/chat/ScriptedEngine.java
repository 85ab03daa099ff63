package dev.tars.chat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A deterministic engine for the chat service's own logic (ordering, flushing, trimming, statuses). Whatever
 * a user meets of the real engine is tested against llama.cpp in the engine contract suite and the ITs.
 * One token per word; a token every {@code delayMillis}.
 */
final class ScriptedEngine implements ChatEngine {
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> tokens;
  private final long delayMillis;
  private final int contextLength;
  volatile int failAfterTokens = -1;
  volatile Consumer<ChatRequest> onGenerate = r -> {};

  ScriptedEngine(List<String> tokens, long delayMillis, int contextLength) {
    this.tokens = tokens;
    this.delayMillis = delayMillis;
    this.contextLength = contextLength;
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo("scripted", contextLength);
  }

  @Override
  public int countTokens(List<ChatMessage> messages) {
    int count = 0;
    for (ChatMessage message : messages) {
      count += 4 + message.content().split("\\s+").length;
    }
    return count;
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    requests.add(request);
    onGenerate.accept(request);
    CompletableFuture<Completion> result = new CompletableFuture<>();
    var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    Thread.ofVirtual().name("scripted-engine").start(() -> {
      StringBuilder text = new StringBuilder();
      List<String> emitted = new ArrayList<>();
      for (String token : tokens) {
        if (cancelled.get()) {
          result.complete(new Completion(text.toString(), FinishReason.CANCELLED, -1, emitted.size(), null));
          return;
        }
        if (failAfterTokens >= 0 && emitted.size() == failAfterTokens) {
          result.complete(new Completion(text.toString(), FinishReason.ERROR, -1, emitted.size(),
              new EngineException("The engine stopped unexpectedly.")));
          return;
        }
        sink.accept(token);
        text.append(token);
        emitted.add(token);
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      result.complete(new Completion(text.toString(), FinishReason.STOP, -1, emitted.size(), null));
    });
    return new Generation() {
      @Override
      public void cancel() {
        cancelled.set(true);
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
