package dev.tars.testkit.core;

import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.Role;
import dev.tars.engine.TokenSink;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The test kit's one fake {@link ChatEngine}: it streams scripted answers at a set pace and records what it was
 * asked. For the logic around an engine (ordering, flushing, trimming, statuses, prompts, screenshots of Markdown
 * answers a random-weight model cannot write). What a person meets of a real engine is tested against llama.cpp
 * in the engine contract suites and the ITs.
 *
 * <p>Each request takes the next answer (the last one repeats), streamed as its pieces, one every
 * {@code millisPerToken} on a named daemon thread. Tokens are counted as {@code 4 + characters / 4} per message
 * unless {@link #countingTokensWith} says otherwise.
 */
public final class ScriptedEngine implements ChatEngine {
  private final List<List<String>> answers;
  private final long millisPerToken;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger countCalls = new AtomicInteger();
  private final AtomicInteger cancellations = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(NamedThreads.named("scripted-engine"));
  private volatile String modelName = "scripted-demo.gguf";
  private volatile int contextLength;
  private volatile ToIntFunction<ChatMessage> tokensPerMessage = m -> 4 + m.content().length() / 4;
  private volatile int failAfterTokens = -1;
  private volatile FinishReason finishReason = FinishReason.STOP;
  private volatile Consumer<ChatRequest> onGenerate = request -> {};
  private volatile boolean neverAnswering;
  private volatile EngineException modelFailure;
  private volatile boolean closed;

  /** Streams {@code answer} word by word (spaces kept), one word every {@code millisPerWord}. */
  public ScriptedEngine(String answer, long millisPerWord) {
    this(answer, millisPerWord, 4096);
  }

  /** Like {@link #ScriptedEngine(String, long)} with a context window of {@code contextLength} tokens. */
  public ScriptedEngine(String answer, long millisPerWord, int contextLength) {
    this(millisPerWord, contextLength, List.of(words(answer)));
  }

  /** Streams exactly {@code tokens} for every request. */
  public ScriptedEngine(List<String> tokens, long millisPerToken, int contextLength) {
    this(millisPerToken, contextLength, List.<List<String>>of(List.copyOf(tokens)));
  }

  private ScriptedEngine(long millisPerToken, int contextLength, List<List<String>> answers) {
    this.answers = answers;
    this.millisPerToken = millisPerToken;
    this.contextLength = contextLength;
  }

  /** Answers the first request with the first answer, the second with the second, and so on; the last repeats. */
  public static ScriptedEngine answering(String... answers) {
    return new ScriptedEngine(0, 4096, Arrays.stream(answers).map(ScriptedEngine::words).toList());
  }

  private static List<String> words(String answer) {
    return List.of(answer.split("(?<=\\s)"));
  }

  /** Counts a message's tokens with {@code counter} instead of by its length. */
  public ScriptedEngine countingTokensWith(ToIntFunction<ChatMessage> counter) {
    this.tokensPerMessage = counter;
    return this;
  }

  /** Counts {@code 4 + words} tokens per message. */
  public ScriptedEngine countingWords() {
    return countingTokensWith(m -> 4 + m.content().split("\\s+").length);
  }

  public ScriptedEngine contextLength(int tokens) {
    this.contextLength = tokens;
    return this;
  }

  public ScriptedEngine modelName(String name) {
    this.modelName = name;
    return this;
  }

  /** Makes {@link #model()} throw {@code failure}, like a remote server that cannot be reached. */
  public ScriptedEngine failingModelInfo(EngineException failure) {
    this.modelFailure = failure;
    return this;
  }

  /** Ends every answer with an engine error after {@code tokens} tokens, like a crashed engine. */
  public ScriptedEngine failAfterTokens(int tokens) {
    this.failAfterTokens = tokens;
    return this;
  }

  /** Ends every answer that is streamed in full with {@code reason} (e.g. LENGTH for a cut-off answer). */
  public ScriptedEngine finishingWith(FinishReason reason) {
    this.finishReason = reason;
    return this;
  }

  /**
   * Streams nothing and never finishes by itself: each answer ends (empty, CANCELLED) only when it is
   * cancelled, like a model too slow for a timeout.
   */
  public ScriptedEngine neverAnswering() {
    this.neverAnswering = true;
    return this;
  }

  /** Runs {@code action} with each request as it arrives, before anything is streamed. */
  public ScriptedEngine onGenerate(Consumer<ChatRequest> action) {
    this.onGenerate = action;
    return this;
  }

  /** Every request so far, oldest first. */
  public List<ChatRequest> requests() {
    return requests;
  }

  /** The system prompt of the latest request, or "" when it had none. */
  public String lastSystemPrompt() {
    List<ChatMessage> messages = requests.getLast().messages();
    return messages.getFirst().role() == Role.SYSTEM ? messages.getFirst().content() : "";
  }

  /** How many answers were cancelled. */
  public int cancellations() {
    return cancellations.get();
  }

  /** How many times {@link #countTokens} was called. */
  public int countCalls() {
    return countCalls.get();
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public ModelInfo model() throws EngineException {
    if (modelFailure != null) {
      throw modelFailure;
    }
    return new ModelInfo(modelName, contextLength);
  }

  @Override
  public int countTokens(List<ChatMessage> messages) {
    countCalls.incrementAndGet();
    return messages.stream().mapToInt(tokensPerMessage).sum();
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    requests.add(request);
    onGenerate.accept(request);
    List<String> tokens = answers.get(Math.min(answered.getAndIncrement(), answers.size() - 1));
    CompletableFuture<Completion> result = new CompletableFuture<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    boolean silent = neverAnswering;
    if (!silent) {
      executor.execute(() -> result.complete(stream(tokens, sink, cancelled)));
    }
    return new Generation() {
      @Override
      public void cancel() {
        cancellations.incrementAndGet();
        cancelled.set(true);
        if (silent) {
          result.complete(new Completion("", FinishReason.CANCELLED, -1, 0, null));
        }
      }

      @Override
      public CompletableFuture<Completion> result() {
        return result;
      }
    };
  }

  private Completion stream(List<String> tokens, TokenSink sink, AtomicBoolean cancelled) {
    StringBuilder text = new StringBuilder();
    int emitted = 0;
    for (String token : tokens) {
      if (cancelled.get()) {
        return new Completion(text.toString(), FinishReason.CANCELLED, -1, emitted, null);
      }
      if (failAfterTokens >= 0 && emitted == failAfterTokens) {
        return new Completion(text.toString(), FinishReason.ERROR, -1, emitted,
            new EngineException("The engine stopped unexpectedly."));
      }
      sink.accept(token);
      text.append(token);
      emitted++;
      if (millisPerToken > 0) {
        try {
          TimeUnit.MILLISECONDS.sleep(millisPerToken);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Completion(text.toString(), FinishReason.CANCELLED, -1, emitted, null);
        }
      }
    }
    return new Completion(text.toString(), finishReason, -1, emitted, null);
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }
}
