package dev.tars.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.Action;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.notes.Note;
import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.ReplyListener;
import dev.tars.config.AppPaths;
import dev.tars.engine.ChatMessage;
import dev.tars.knowledge.DocumentChoice;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes chosen as a source reach the prompt through the runtime's one chat service (the window's and
 * {@code tars ask}'s), numbered and cited like document passages; unchosen, or unrelated, they stay out.
 */
class NotesAsASourceTest {
  @TempDir Path home;

  @Test
  void aChosenMatchingNoteIsANumberedCitedSourceOfTheAnswer() throws Exception {
    RuntimeOptions options = RuntimeOptions.of(new AppPaths(home), "test")
        .withEngineFactory((settings, sink) -> ScriptedEngine.answering("Es el 4512 [1]."));
    try (TarsRuntime runtime = TarsRuntime.open(options)) {
      runtime.settings().save(runtime.settings().get().withModelPath("/models/scripted.gguf"));
      Note portal = (Note) runtime.actions().service().execute(new Action.CreateNote(new Note.Draft("Portal",
          "El código del portal es 4512", List.of("casa"), null)), Origin.CLI).subject();
      runtime.actions().service().execute(new Action.CreateNote(Note.Draft.of("Buy coffee beans")), Origin.CLI);

      Conversation chosen = runtime.chats().create("");
      runtime.knowledge().conversationDocuments().choose(chosen.id(), new DocumentChoice(true, List.of(), true));
      Answer answer = ask(runtime, chosen, "¿Cuál es el código del portal?");
      assertThat(answer.sources()).containsExactly("[1] Note: Portal -> note:" + portal.id());
      assertThat(answer.system()).contains("[1] Note: Portal\nEl código del portal es 4512\n#casa");

      Conversation unrelated = runtime.chats().create("");
      runtime.knowledge().conversationDocuments().choose(unrelated.id(), new DocumentChoice(true, List.of(), true));
      assertThat(ask(runtime, unrelated, "What is the capital of Peru?").sources()).isEmpty();

      Conversation notChosen = runtime.chats().create("");
      runtime.knowledge().conversationDocuments().choose(notChosen.id(), new DocumentChoice(true, List.of()));
      assertThat(ask(runtime, notChosen, "¿Cuál es el código del portal?").sources()).isEmpty();
    }
  }

  private record Answer(List<String> sources, String system) {}

  private static Answer ask(TarsRuntime runtime, Conversation conversation, String question) throws Exception {
    List<String> sources = new CopyOnWriteArrayList<>();
    StringBuilder system = new StringBuilder();
    runtime.chats().send(conversation.id(), question, new ReplyListener() {
      @Override
      public void contextUsed(List<ContextBlock> blocks) {
        blocks.forEach(b -> b.sources().forEach(s -> sources.add(s.label() + " -> " + s.reference())));
      }

      @Override
      public void prompt(List<ChatMessage> messages) {
        system.append(messages.getFirst().content());
      }
    }).done().get(60, TimeUnit.SECONDS);
    return new Answer(List.copyOf(sources), system.toString());
  }
}
