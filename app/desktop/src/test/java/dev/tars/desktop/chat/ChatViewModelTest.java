package dev.tars.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.feature.ChatCard;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.desktop.fx.Notices;
import dev.tars.engine.EngineException;
import dev.tars.engine.Role;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatViewModelTest {
  private static final String ANSWER = "Hello! Here is **bold** text and `code`.";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final TestUi ui = new TestUi();
  private final Notices notices = new Notices();
  private final List<Long> changed = new ArrayList<>();
  private final I18n i18n = I18n.forLanguage("en");
  private TestServices services;
  private ChatViewModel chat;

  private void start(ScriptedEngine engine) {
    services = new TestServices(dir, () -> engine);
    chat = new ChatViewModel(services.chats, ui.background(), i18n, notices, changed::add);
  }

  @AfterEach
  void close() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void sendingStreamsTheAnswerAndStoresTheNewConversation() {
    start(new ScriptedEngine(ANSWER, 1));
    chat.inputProperty().set("  What is Tars?  ");

    assertThat(chat.send()).isTrue();
    assertThat(chat.inputProperty().get()).isEmpty();
    assertThat(chat.state()).isEqualTo(ChatViewModel.State.GENERATING);
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);

    List<MessageItem> items = chat.messagesProperty();
    assertThat(items).extracting(MessageItem::role).containsExactly(Role.USER, Role.ASSISTANT);
    assertThat(items.get(0).content()).isEqualTo("What is Tars?");
    assertThat(items.get(1).content()).isEqualTo(ANSWER);
    assertThat(items.get(1).status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(chat.titleProperty().get()).isEqualTo("What is Tars?");
    assertThat(chat.canRegenerateProperty().get()).isTrue();
    long id = chat.conversationId();
    assertThat(changed).contains(id);
    assertThat(services.chats.messages(id)).extracting(Message::content).containsExactly("What is Tars?", ANSWER);
  }

  @Test
  void stopKeepsThePartialAnswerMarkedAsStopped() {
    start(new ScriptedEngine("word ".repeat(400), 10));
    chat.inputProperty().set("Talk a lot");
    chat.send();
    MessageItem answer = chat.messagesProperty().get(1);
    ui.runUntil(() -> !answer.content().isEmpty(), WAIT);

    chat.stop();
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);

    assertThat(answer.status()).isEqualTo(MessageStatus.STOPPED);
    assertThat(answer.content()).isNotEmpty().hasSizeLessThan(400 * 5);
    Message stored = services.chats.messages(chat.conversationId()).get(1);
    assertThat(stored.status()).isEqualTo(MessageStatus.STOPPED);
    assertThat(stored.content()).isEqualTo(answer.content());
  }

  @Test
  void regenerateReplacesTheLastAnswer() {
    start(new ScriptedEngine(ANSWER, 1));
    chat.inputProperty().set("Hi");
    chat.send();
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);
    MessageItem first = chat.messagesProperty().get(1);

    chat.regenerate();
    assertThat(chat.state()).isEqualTo(ChatViewModel.State.GENERATING);
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);

    assertThat(chat.messagesProperty()).hasSize(2).doesNotContain(first);
    assertThat(chat.messagesProperty().get(1).content()).isEqualTo(ANSWER);
    assertThat(services.chats.messages(chat.conversationId())).hasSize(2);
  }

  @Test
  void withoutAModelTheQuestionIsKeptAndThePersonIsToldWhatToDo() {
    services = new TestServices(dir, () -> {
      throw new EngineException("No model is chosen yet. Choose a GGUF model file or a server in Settings.");
    });
    chat = new ChatViewModel(services.chats, ui.background(), i18n, notices, changed::add);
    chat.inputProperty().set("Anyone there?");
    chat.send();
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);

    MessageItem answer = chat.messagesProperty().get(1);
    assertThat(answer.errorProperty().get()).contains("Choose a GGUF model file");
    assertThat(notices.shown()).extracting(Notices.Notice::kind).contains(Notices.Kind.ERROR);
    assertThat(services.chats.messages(chat.conversationId())).extracting(Message::content)
        .containsExactly("Anyone there?");
  }

  @Test
  void anAnswerKeepsStreamingIntoItsConversationWhileAnotherIsShown() {
    start(new ScriptedEngine("one two three four five six seven eight", 30));
    chat.inputProperty().set("Count");
    chat.send();
    ui.runUntil(() -> chat.conversationId() != null, WAIT);
    long first = chat.conversationId();

    chat.open(null);
    assertThat(chat.state()).isEqualTo(ChatViewModel.State.EMPTY);
    assertThat(chat.messagesProperty()).isEmpty();
    chat.open(first);
    assertThat(chat.state()).isEqualTo(ChatViewModel.State.GENERATING);

    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);
    assertThat(chat.messagesProperty().get(1).content()).isEqualTo("one two three four five six seven eight");
  }

  @Test
  void openingAConversationShowsItsStoredMessagesWithIncompleteAnswersMarked() {
    start(new ScriptedEngine("word ".repeat(200), 10));
    chat.inputProperty().set("Go");
    chat.send();
    ui.runUntil(() -> !chat.messagesProperty().get(1).content().isEmpty(), WAIT);
    chat.stop();
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);
    long id = chat.conversationId();

    ChatViewModel reopened = new ChatViewModel(services.chats, ui.background(), i18n, notices, changed::add);
    reopened.open(id);
    ui.runUntil(() -> reopened.state() == ChatViewModel.State.IDLE, WAIT);

    assertThat(reopened.messagesProperty()).extracting(MessageItem::status)
        .containsExactly(MessageStatus.COMPLETE, MessageStatus.STOPPED);
    assertThat(reopened.titleProperty().get()).isEqualTo("Go");
  }

  @Test
  void aLongConversationSaysThatOlderMessagesWereLeftOut() {
    start(new ScriptedEngine("x".repeat(200), 0, 300));
    for (int i = 0; i < 3; i++) {
      chat.inputProperty().set("question " + i + " " + "y".repeat(200));
      chat.send();
      ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);
    }
    assertThat(chat.trimNoticeProperty().get()).contains("left out");
  }

  @Test
  void whenTheConversationIsGoneTheQuestionGoesBackIntoTheInputBox() {
    start(new ScriptedEngine(ANSWER, 1));
    long id = services.chats.create("Soon gone").id();
    chat.open(id);
    ui.runUntil(() -> chat.state() == ChatViewModel.State.EMPTY, WAIT);
    services.chats.delete(id);

    chat.inputProperty().set("Still there?");
    chat.send();
    ui.runUntil(() -> chat.state() != ChatViewModel.State.GENERATING, WAIT);

    assertThat(chat.inputProperty().get()).isEqualTo("Still there?");
    assertThat(chat.messagesProperty()).isEmpty();
    assertThat(notices.shown()).extracting(Notices.Notice::text).anyMatch(t -> t.contains("could not be sent"));
  }

  @Test
  void blankInputIsNotSent() {
    start(new ScriptedEngine(ANSWER, 1));
    chat.inputProperty().set("   ");
    assertThat(chat.send()).isFalse();
    assertThat(chat.messagesProperty()).isEmpty();
  }

  @Test
  void titlesComeFromTheFirstLineAndAreShortened() {
    assertThat(ChatSession.titleFrom("Short question\nmore")).isEqualTo("Short question");
    String title = ChatSession.titleFrom("Please explain in great detail how the context window of a model works");
    assertThat(title).endsWith("…").hasSizeLessThanOrEqualTo(49);
  }

  @Test
  void anInputRouterCardTakesThePlaceOfTheAnswerAndNullSendsTheTextToTheModel() {
    start(new ScriptedEngine(ANSWER, 1));
    ChatCard card = new ChatCard() {};
    List<String> routed = new ArrayList<>();
    chat.setInputRouter((text, done) -> {
      routed.add(text);
      ui.run(() -> done.accept(text.startsWith("remind") ? card : null));
    });

    chat.inputProperty().set("remind me to stretch at 5pm");
    assertThat(chat.send()).isTrue();
    chat.inputProperty().set("a second text while the first is routed");
    assertThat(chat.send()).as("one text is routed at a time").isFalse();
    chat.inputProperty().set("");
    ui.runUntil(() -> chat.messagesProperty().size() == 2, WAIT);
    assertThat(chat.messagesProperty().get(0).content()).isEqualTo("remind me to stretch at 5pm");
    assertThat(chat.messagesProperty().get(1).card()).isSameAs(card);
    assertThat(chat.conversationId()).as("an action stores no conversation").isNull();

    chat.inputProperty().set("What is Tars?");
    chat.send();
    ui.runUntil(() -> chat.state() == ChatViewModel.State.IDLE, WAIT);
    assertThat(routed).containsExactly("remind me to stretch at 5pm", "What is Tars?");
    assertThat(chat.messagesProperty()).extracting(MessageItem::content).endsWith("What is Tars?", ANSWER);
    assertThat(services.chats.messages(chat.conversationId())).extracting(Message::content)
        .containsExactly("What is Tars?", ANSWER);
  }
}
