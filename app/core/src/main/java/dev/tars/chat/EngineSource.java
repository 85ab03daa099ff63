package dev.tars.chat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;

/** Gives the engine that should answer right now (the local model or a remote server, per Settings). */
@FunctionalInterface
public interface EngineSource {
  /**
   * @throws EngineException with a message for a person when there is none (no model chosen, server down)
   */
  ChatEngine engine() throws EngineException;
}
