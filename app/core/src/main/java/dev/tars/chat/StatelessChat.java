package dev.tars.chat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.EngineException;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.Sampling;
import dev.tars.engine.TokenSink;
import java.util.List;

/**
 * Answers a whole message list that the caller keeps (the local API's OpenAI requests), with the same engine
 * choice and the same context trimming as {@link StoredChatService}, but storing nothing. Thread-safe.
 */
public final class StatelessChat {
  private final EngineSource engines;
  private final ContextWindow contextWindow = new ContextWindow();

  public StatelessChat(EngineSource engines) {
    this.engines = engines;
  }

  /**
   * An answer under way.
   *
   * @param model the model answering
   * @param trim what was left out of {@code messages} to fit the context window
   * @param prompt the messages actually sent
   * @param generation the streaming generation; cancel it to free the engine
   */
  public record Answer(ModelInfo model, ContextTrim trim, List<ChatMessage> prompt, Generation generation) {}

  /** The model the current engine serves; blocks while it loads. */
  public ModelInfo model() throws EngineException {
    return engines.engine().model();
  }

  /**
   * Fits {@code messages} to the model's context window (oldest turns first, never the system prompt nor the
   * last message) and starts streaming the answer to {@code sink}.
   *
   * @throws EngineException with a message for a person: no engine, or the last message alone is too long
   */
  public Answer answer(List<ChatMessage> messages, Sampling sampling, List<String> stop, TokenSink sink)
      throws EngineException {
    return answer(messages, sampling, stop, "", sink);
  }

  /** As {@link #answer(List, Sampling, List, TokenSink)}, the answer following {@code responseSchema} when given. */
  public Answer answer(List<ChatMessage> messages, Sampling sampling, List<String> stop, String responseSchema,
      TokenSink sink) throws EngineException {
    ChatEngine engine = engines.engine();
    ModelInfo model = engine.model();
    ContextWindow.Fitted fitted = contextWindow.fit(engine, messages, sampling.maxTokens());
    Generation generation = engine.generate(new ChatRequest(fitted.messages(), sampling, stop, responseSchema), sink);
    return new Answer(model, fitted.trim(), fitted.messages(), generation);
  }
}
