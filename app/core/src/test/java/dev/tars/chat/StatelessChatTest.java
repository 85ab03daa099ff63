package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.engine.ChatMessage;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.testkit.core.ScriptedEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatelessChatTest {

  @Test
  void answersTheGivenMessagesWithTheirSamplingAndStopStrings() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(List.of("a ", "b "), 1, 4096).countingWords();
    StatelessChat chat = new StatelessChat(() -> engine);
    StringBuilder streamed = new StringBuilder();

    StatelessChat.Answer answer = chat.answer(List.of(ChatMessage.system("be brief"), ChatMessage.user("hi")),
        new Sampling(0.1, 0.5, 7), List.of("\n\n"), streamed::append);
    Completion completion = answer.generation().result().get(5, TimeUnit.SECONDS);

    assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(streamed.toString()).isEqualTo("a b ");
    assertThat(answer.model().id()).isEqualTo("scripted-demo.gguf");
    assertThat(answer.trim().trimmed()).isFalse();
    var sent = engine.requests().get(0);
    assertThat(sent.sampling()).isEqualTo(new Sampling(0.1, 0.5, 7));
    assertThat(sent.stop()).containsExactly("\n\n");
    assertThat(sent.messages()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER);
  }

  @Test
  void trimsTheOldestTurnsLikeStoredConversationsButKeepsTheSystemPrompt() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(List.of("ok"), 1, 200).countingWords();
    StatelessChat chat = new StatelessChat(() -> engine);
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system("system"));
    for (int i = 0; i < 10; i++) {
      messages.add(ChatMessage.user(String.join(" ", Collections.nCopies(10, "question"))));
      messages.add(ChatMessage.assistant(String.join(" ", Collections.nCopies(10, "answer"))));
    }
    messages.add(ChatMessage.user("last"));

    StatelessChat.Answer answer = chat.answer(messages, new Sampling(0.7, 0.9, 50), List.of(), t -> {});
    answer.generation().result().get(5, TimeUnit.SECONDS);

    assertThat(answer.trim().trimmed()).isTrue();
    assertThat(answer.prompt().get(0)).isEqualTo(ChatMessage.system("system"));
    assertThat(answer.prompt().get(answer.prompt().size() - 1)).isEqualTo(ChatMessage.user("last"));
    assertThat(answer.prompt().size()).isEqualTo(messages.size() - answer.trim().droppedMessages());
  }

  @Test
  void noEngineGivesThePersonMessageAndStartsNothing() {
    StatelessChat chat = new StatelessChat(() -> {
      throw new EngineException("No model is chosen yet.");
    });

    assertThatThrownBy(() -> chat.answer(List.of(ChatMessage.user("hi")), Sampling.DEFAULTS, List.of(), t -> {}))
        .isInstanceOf(EngineException.class).hasMessage("No model is chosen yet.");
  }
}
