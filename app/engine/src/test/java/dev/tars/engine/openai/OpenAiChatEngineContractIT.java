package dev.tars.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatEngineContract;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.testkit.EngineChild;
import dev.tars.testkit.TestModels;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI client against an engine child it did not start, as against any remote server. */
class OpenAiChatEngineContractIT extends ChatEngineContract {
  private static EngineChild server;
  private static OpenAiChatEngine engine;

  @BeforeAll
  static void start() {
    server = EngineChild.start(TestModels.tiny());
    engine = new OpenAiChatEngine(OpenAiChatEngine.Options.remote(
        URI.create(server.baseUri() + "/v1"), server.token(), null));
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

  @Test
  void wrongApiKeyIsExplained() {
    try (OpenAiChatEngine wrongKey = new OpenAiChatEngine(
        OpenAiChatEngine.Options.remote(server.baseUri(), "not-the-token", null))) {
      assertThatThrownBy(wrongKey::model).isInstanceOf(EngineException.class).hasMessageContaining("API key");
    }
  }

  @Test
  void unreachableServerFailsTheGenerationWithoutThrowing() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    try (OpenAiChatEngine nowhere = new OpenAiChatEngine(
        OpenAiChatEngine.Options.remote(URI.create("http://127.0.0.1:" + freePort), null, "some-model"))) {
      Completion completion = await(nowhere.generate(ask("hello", 3), text -> {}));

      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(completion.error().getMessage()).contains("Cannot reach the engine");
      assertThatThrownBy(nowhere::model).isInstanceOf(EngineException.class).hasMessageContaining("Cannot reach");
    }
  }

  @Test
  void serverWithoutTokenizerGetsAnEstimateThatErrsHigh() {
    var messages = java.util.List.of(dev.tars.engine.ChatMessage.system("You are Tars."),
        dev.tars.engine.ChatMessage.user("hello the world, how are you? ".repeat(20)));
    assertThat(OpenAiChatEngine.estimateTokens(messages)).isGreaterThanOrEqualTo(engineCount(messages));
  }

  private static int engineCount(java.util.List<dev.tars.engine.ChatMessage> messages) {
    try {
      return engine.countTokens(messages);
    } catch (EngineException e) {
      throw new AssertionError(e);
    }
  }
}
