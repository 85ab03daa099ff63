package dev.tars.desktop;

import dev.tars.concurrent.NamedThreads;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An engine that streams a fixed answer word by word at a set pace: for screenshots of Markdown answers,
 * which a random-weight test model cannot write.
 */
public final class ScriptedEngine implements ChatEngine {
  private final String answer;
  private final long millisPerWord;
  private final int contextLength;
  private volatile boolean closed;
  private final ExecutorService executor = Executors.newCachedThreadPool(NamedThreads.named("scripted-engine"));

  public ScriptedEngine(String answer, long millisPerWord) {
    this(answer, millisPerWord, 4096);
  }

  /** @param contextLength the context window it claims; tokens are counted as characters / 4 */
  public ScriptedEngine(String answer, long millisPerWord, int contextLength) {
    this.answer = answer;
    this.millisPerWord = millisPerWord;
    this.contextLength = contextLength;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo("scripted-demo.gguf", contextLength);
  }

  @Override
  public int countTokens(List<ChatMessage> messages) {
    return messages.stream().mapToInt(m -> m.content().length() / 4 + 4).sum();
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    CompletableFuture<Completion> result = new CompletableFuture<>();
    var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    executor.execute(() -> {
      StringBuilder sent = new StringBuilder();
      String[] pieces = answer.split("(?<=\\s)");
      for (String piece : pieces) {
        if (cancelled.get()) {
          result.complete(new Completion(sent.toString(), FinishReason.CANCELLED, -1, -1, null));
          return;
        }
        sink.accept(piece);
        sent.append(piece);
        try {
          TimeUnit.MILLISECONDS.sleep(millisPerWord);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      result.complete(new Completion(sent.toString(), FinishReason.STOP, -1, pieces.length, null));
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
  public void close() {
    closed = true;
    executor.shutdownNow();
  }
}
