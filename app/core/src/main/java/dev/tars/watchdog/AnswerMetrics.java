package dev.tars.watchdog;

import dev.tars.chat.EngineSource;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records the speed of every answer for the dashboard by wrapping the engines the chat service answers with:
 * time to first token (from the request to the first text) and generation speed (tokens after the first, per
 * second after the first). Sitting between the chat service and the engine keeps the chat logic unaware of
 * metrics, and counts exactly the answers a person waited for (not the memory review's background prompts).
 */
public final class AnswerMetrics implements EngineSource {
  private final EngineSource engines;
  private final Metrics metrics;
  private final LongSupplier nanoTime;

  public AnswerMetrics(EngineSource engines, Metrics metrics) {
    this(engines, metrics, System::nanoTime);
  }

  AnswerMetrics(EngineSource engines, Metrics metrics, LongSupplier nanoTime) {
    this.engines = engines;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  @Override
  public ChatEngine engine() throws EngineException {
    return new Metered(engines.engine());
  }

  private final class Metered implements ChatEngine {
    private final ChatEngine engine;

    Metered(ChatEngine engine) {
      this.engine = engine;
    }

    @Override
    public ModelInfo model() throws EngineException {
      return engine.model();
    }

    @Override
    public int countTokens(List<ChatMessage> messages) throws EngineException {
      return engine.countTokens(messages);
    }

    @Override
    public Generation generate(ChatRequest request, TokenSink sink) {
      long started = nanoTime.getAsLong();
      AtomicLong firstText = new AtomicLong(-1);
      AtomicInteger deltas = new AtomicInteger();
      Generation generation = engine.generate(request, delta -> {
        if (!delta.isEmpty()) {
          firstText.compareAndSet(-1, nanoTime.getAsLong());
          deltas.incrementAndGet();
        }
        sink.accept(delta);
      });
      generation.result().thenAccept(done -> record(done, started, firstText.get(), deltas.get()));
      return generation;
    }

    private void record(Completion done, long started, long first, int deltas) {
      if (done.finishReason() == FinishReason.ERROR || first < 0) {
        return;
      }
      long ended = nanoTime.getAsLong();
      // Engines that do not report usage stream about one token per event.
      int tokens = done.completionTokens() > 0 ? done.completionTokens() : deltas;
      if (tokens < 2 || ended <= first) {
        return;
      }
      double tokensPerSecond = (tokens - 1) / ((ended - first) / 1e9);
      String model;
      try {
        model = engine.model().id();
      } catch (EngineException | RuntimeException e) {
        model = "";
      }
      metrics.answer(tokensPerSecond, Duration.ofNanos(first - started), model);
    }

    @Override
    public void close() {
      // The engine belongs to its host, which closes it; this wrapper is made per answer.
    }
  }
}
