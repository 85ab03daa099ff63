package dev.tars.engine.openai;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatEngineContract;
import dev.tars.testkit.EngineChild;
import dev.tars.testkit.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine child's short path (one thread, plain loopback socket) passes the same contract as the JDK client. */
class EngineChildLoopbackContractIT extends ChatEngineContract {
  private static EngineChild server;
  private static OpenAiChatEngine engine;

  @BeforeAll
  static void start() {
    server = EngineChild.start(TestModels.tiny());
    engine = new OpenAiChatEngine(OpenAiChatEngine.Options.engineChild(server.baseUri(), server.token()));
  }

  @AfterAll
  static void stop() {
    engine.close();
    server.close();
  }

  @Override
  protected ChatEngine engine() {
    return engine;
  }
}
