package dev.tars.engine;

import java.util.List;

/**
 * Something that answers chat requests: the local llama.cpp engine (a supervised child process) or a remote
 * OpenAI-compatible server. Every implementation passes the same contract test suite.
 *
 * <p>Implementations are thread-safe. Generations may be queued by the engine; callers should not start a
 * second one on the same conversation while the first runs.
 */
public interface ChatEngine extends AutoCloseable {
  /** The model being served. Blocks until the engine is ready or fails. */
  ModelInfo model() throws EngineException;

  /**
   * Counts the tokens of {@code messages} after the chat template is applied, as the prompt would be. An
   * engine that cannot tokenize returns an estimate that errs high.
   */
  int countTokens(List<ChatMessage> messages) throws EngineException;

  /**
   * Starts streaming an answer. Text goes to {@code sink} as it is generated; the returned generation's
   * result completes when it ends. Failures after the start are reported through the result, not thrown.
   */
  Generation generate(ChatRequest request, TokenSink sink);

  /** Stops the engine and frees what it holds. Bounded in time. */
  @Override
  void close();
}
