package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.config.StoredSettings;
import dev.tars.engine.EngineException;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredChatServiceTest {
  @TempDir Path home;
  private Database database;
  private StoredChatService service;

  private StoredChatService open(ScriptedEngine engine) throws Exception {
    database = TestDatabase.open(home);
    return open(engine, database);
  }

  private static StoredChatService open(ScriptedEngine engine, Database database) {
    return new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), () -> engine,
        new StoredSettings(database.dataSource()));
  }

  @AfterEach
  void closeAll() {
    if (service != null) {
      service.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private static List<String> words(int n) {
    return Collections.nCopies(n, "word ");
  }

  @Test
  void userMessageIsCommittedBeforeGenerationStarts() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(words(3), 1, 4096).countingWords();
    service = open(engine);
    Conversation conversation = service.create("");
    AtomicReference<List<Message>> seenByEngine = new AtomicReference<>();
    engine.onGenerate(request -> seenByEngine.set(service.messages(conversation.id())));

    Message answer = service.send(conversation.id(), "Hello there", new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);

    assertThat(seenByEngine.get()).extracting(Message::role, Message::content)
        .startsWith(org.assertj.core.groups.Tuple.tuple(Role.USER, "Hello there"));
    assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(answer.content()).isEqualTo("word word word ");
    assertThat(service.messages(conversation.id())).extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT);
  }

  @Test
  void streamingAnswerIsFlushedToTheDatabaseWhileItStreams() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(words(200), 10, 4096).countingWords();
    service = open(engine);
    Conversation conversation = service.create("");
    Reply reply = service.send(conversation.id(), "Tell me a long story", new ReplyListener() {});

    Thread.sleep(StoredChatService.FLUSH_INTERVAL.toMillis() * 3);
    Message midway = service.messages(conversation.id()).get(1);

    assertThat(midway.status()).isEqualTo(MessageStatus.STREAMING);
    assertThat(midway.content()).startsWith("word word");
    reply.stop();
    assertThat(reply.done().get(5, TimeUnit.SECONDS).status()).isEqualTo(MessageStatus.STOPPED);
  }

  @Test
  void stoppedAnswerKeepsItsTextAndIsMarkedStopped() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(words(1000), 5, 4096).countingWords();
    service = open(engine);
    Conversation conversation = service.create("");
    CountDownLatch someText = new CountDownLatch(5);
    Reply reply = service.send(conversation.id(), "Go", new ReplyListener() {
      @Override
      public void text(String delta) {
        someText.countDown();
      }
    });
    assertThat(someText.await(5, TimeUnit.SECONDS)).isTrue();
    reply.stop();

    Message answer = reply.done().get(5, TimeUnit.SECONDS);
    assertThat(answer.status()).isEqualTo(MessageStatus.STOPPED);
    assertThat(answer.status().isIncomplete()).isTrue();
    assertThat(answer.content()).startsWith("word word word word word");
    assertThat(answer.content().length()).isLessThan(1000 * 5);
  }

  @Test
  void engineFailureMidStreamKeepsThePartialAnswerMarkedInterrupted() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(words(50), 1, 4096).countingWords();
    engine.failAfterTokens(7);
    service = open(engine);
    Conversation conversation = service.create("");

    Message answer = service.send(conversation.id(), "Go", new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);

    assertThat(answer.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(answer.content()).isEqualTo("word ".repeat(7));
  }

  @Test
  void answerLeftStreamingByADeadAppIsMarkedInterruptedOnNextStart() throws Exception {
    database = TestDatabase.open(home);
    ConversationStore store = new ConversationStore(database.dataSource(), Clock.systemUTC());
    Conversation conversation = store.create("t", "", Sampling.DEFAULTS);
    store.addMessage(conversation.id(), Role.USER, "q", MessageStatus.COMPLETE);
    store.addMessage(conversation.id(), Role.ASSISTANT, "half an ans", MessageStatus.STREAMING);

    service = open(new ScriptedEngine(words(1), 1, 4096).countingWords(), database);

    assertThat(service.messages(conversation.id()).get(1))
        .extracting(Message::content, Message::status)
        .containsExactly("half an ans", MessageStatus.INTERRUPTED);
  }

  @Test
  void regenerateReplacesTheLastAnswer() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(List.of("first"), 1, 4096).countingWords();
    service = open(engine);
    Conversation conversation = service.create("");
    service.send(conversation.id(), "Question", new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);

    Message again = service.regenerate(conversation.id(), new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);

    List<Message> messages = service.messages(conversation.id());
    assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
    assertThat(messages.get(1).id()).isEqualTo(again.id());
    assertThat(engine.requests().get(1).messages()).extracting(m -> m.role()).doesNotContain(Role.ASSISTANT);
  }

  @Test
  void oldestTurnsAreDroppedToFitTheContextButTheSystemPromptIsKept() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(List.of("ok"), 1, 300).countingWords();
    service = open(engine);
    Conversation conversation = service.updateSettings(service.create("").id(), "Be brief.",
        new Sampling(0.7, 0.9, 50));
    String longText = "lorem ".repeat(60);
    for (int i = 0; i < 4; i++) {
      service.send(conversation.id(), i + " " + longText, new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);
    }
    List<ContextTrim> trims = new CopyOnWriteArrayList<>();

    service.send(conversation.id(), "last question", new ReplyListener() {
      @Override
      public void started(Message draft, ContextTrim trim) {
        trims.add(trim);
      }
    }).done().get(5, TimeUnit.SECONDS);

    var sent = engine.requests().get(engine.requests().size() - 1).messages();
    assertThat(sent.get(0).content()).isEqualTo("Be brief.");
    assertThat(sent.get(sent.size() - 1).content()).isEqualTo("last question");
    assertThat(trims.get(0).trimmed()).isTrue();
    assertThat(trims.get(0).promptTokens()).isLessThanOrEqualTo(300 - 50);
    assertThat(engine.countTokens(sent)).isLessThanOrEqualTo(250);
  }

  @Test
  void aMessageLongerThanTheContextFailsWithAClearReasonAndIsStillSaved() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(List.of("ok"), 1, 300).countingWords();
    service = open(engine);
    Conversation conversation = service.create("");
    AtomicReference<String> failure = new AtomicReference<>();

    Reply reply = service.send(conversation.id(), "word ".repeat(400), new ReplyListener() {
      @Override
      public void failed(String message) {
        failure.set(message);
      }
    });

    assertThatThrownBy(() -> reply.done().join()).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(EngineException.class);
    assertThat(failure.get()).contains("too long for this model");
    assertThat(service.messages(conversation.id())).extracting(Message::role).containsExactly(Role.USER);
  }

  @Test
  void aListenerThatThrowsNeitherStopsNorHangsTheAnswer() throws Exception {
    service = open(new ScriptedEngine(words(5), 1, 4096).countingWords());
    Conversation conversation = service.create("");

    Message answer = service.send(conversation.id(), "Hello", new ReplyListener() {
      @Override
      public void text(String delta) {
        throw new IllegalStateException("the view is gone");
      }

      @Override
      public void finished(Message answer) {
        throw new IllegalStateException("the view is gone");
      }
    }).done().get(5, TimeUnit.SECONDS);

    assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(service.messages(conversation.id()).get(1).content()).isEqualTo("word ".repeat(5));
  }

  @Test
  void anUnexpectedFailureEndsTheReplyWithAMessageAndNoAnswerIsLeftStreaming() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(words(5), 1, 4096).countingWords();
    engine.onGenerate(request -> {
      throw new IllegalStateException("engine bug");
    });
    service = open(engine);
    Conversation conversation = service.create("");
    AtomicReference<String> failure = new AtomicReference<>();

    Reply reply = service.send(conversation.id(), "Hello", new ReplyListener() {
      @Override
      public void failed(String message) {
        failure.set(message);
      }
    });

    assertThatThrownBy(() -> reply.done().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(failure.get()).contains("internal error").contains("try again").doesNotContain("engine bug");
    assertThat(service.messages(conversation.id())).extracting(Message::role, Message::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Role.USER, MessageStatus.COMPLETE),
        org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, MessageStatus.INTERRUPTED));
  }

  @Test
  void firstMessageNamesTheConversationAndTitlesCanBeFiltered() throws Exception {
    service = open(new ScriptedEngine(List.of("ok"), 1, 4096).countingWords());
    Conversation trip = service.create("");
    service.send(trip.id(), "Plan a weekend trip to Lisbon with kids please", new ReplyListener() {}).done().get();
    service.create("Tax questions");

    assertThat(service.conversation(trip.id()).orElseThrow().title()).isEqualTo("Plan a weekend trip to Lisbon…");
    assertThat(service.conversations("lisbon")).extracting(Conversation::id).containsExactly(trip.id());
    assertThat(service.conversations("")).hasSize(2).first().extracting(Conversation::title).isEqualTo("Tax questions");
  }

  @Test
  void deletedConversationDisappearsAndUndoBringsItBackWithItsMessages() throws Exception {
    service = open(new ScriptedEngine(List.of("ok"), 1, 4096).countingWords());
    Conversation conversation = service.create("Keep me");
    service.send(conversation.id(), "hi", new ReplyListener() {}).done().get();

    service.delete(conversation.id());
    assertThat(service.conversations("")).isEmpty();
    service.restore(conversation.id());

    assertThat(service.conversations("")).extracting(Conversation::title).containsExactly("Keep me");
    assertThat(service.messages(conversation.id())).hasSize(2);
  }

  @Test
  void noEngineGivesTheEnginesMessageAndKeepsTheQuestion() throws Exception {
    database = TestDatabase.open(home);
    service = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), () -> {
      throw new EngineException("No model is loaded. Choose a GGUF file to start chatting.");
    }, new StoredSettings(database.dataSource()));
    Conversation conversation = service.create("");
    AtomicReference<String> failure = new AtomicReference<>();

    service.send(conversation.id(), "hello?", new ReplyListener() {
      @Override
      public void failed(String message) {
        failure.set(message);
      }
    }).done().exceptionally(e -> null).get(5, TimeUnit.SECONDS);

    assertThat(failure.get()).isEqualTo("No model is loaded. Choose a GGUF file to start chatting.");
    assertThat(service.messages(conversation.id())).extracting(Message::content).containsExactly("hello?");
  }

  @Test
  void promptContextIsAddedToTheSystemPromptAndReportedAndAFailingOneIsSkipped() throws Exception {
    database = TestDatabase.open(home);
    ScriptedEngine engine = new ScriptedEngine(List.of("ok"), 1, 4096).countingWords();
    PromptContext memories = (conversation, text) -> List.of(new ContextBlock("memory",
        "Facts about the user: prefers metric units.", List.of(new ContextBlock.Source("prefers metric units", "7"))));
    PromptContext broken = (conversation, text) -> {
      throw new IllegalStateException("index unavailable");
    };
    service = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), () -> engine,
        new StoredSettings(database.dataSource()), List.of(broken, memories));
    Conversation conversation = service.updateSettings(service.create("").id(), "Be brief.", Sampling.DEFAULTS);
    List<ContextBlock> reported = new CopyOnWriteArrayList<>();

    service.send(conversation.id(), "How tall is Everest?", new ReplyListener() {
      @Override
      public void contextUsed(List<ContextBlock> blocks) {
        reported.addAll(blocks);
      }
    }).done().get(5, TimeUnit.SECONDS);

    assertThat(engine.requests().get(0).messages().get(0).content())
        .isEqualTo("Be brief.\n\nFacts about the user: prefers metric units.");
    assertThat(reported).extracting(ContextBlock::kind).containsExactly("memory");
  }

  @Test
  void sourcesOfTheContextAreKeptWithTheAnswerAndLeaveWithItWhenItIsRegenerated() throws Exception {
    database = TestDatabase.open(home);
    ScriptedEngine engine = new ScriptedEngine(List.of("ok"), 1, 4096).countingWords();
    PromptContext documents = (conversation, text) -> text.contains("Everest") ? List.of(new ContextBlock("knowledge",
        "[1] peaks.pdf, page 2\nEverest is 8849 m.", List.of(new ContextBlock.Source("[1] peaks.pdf, page 2",
            "document:4:100-180")))) : List.of();
    service = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), () -> engine,
        new StoredSettings(database.dataSource()), List.of(documents));
    Conversation conversation = service.create("");

    Message cited = service.send(conversation.id(), "How tall is Everest?", new ReplyListener() {})
        .done().get(5, TimeUnit.SECONDS);
    Message plain = service.send(conversation.id(), "Thanks!", new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);

    assertThat(service.sources(conversation.id())).containsOnlyKeys(cited.id());
    assertThat(service.sources(conversation.id()).get(cited.id())).containsExactly(
        new AnswerSource("knowledge", "[1] peaks.pdf, page 2", "document:4:100-180"));
    service.regenerate(conversation.id(), new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);
    assertThat(service.sources(conversation.id())).containsOnlyKeys(cited.id()).doesNotContainKey(plain.id());
  }

  @Test
  void contextThatDoesNotFitTheWindowIsLeftOutInsteadOfRefusingToAnswer() throws Exception {
    database = TestDatabase.open(home);
    ScriptedEngine engine = new ScriptedEngine(List.of("ok"), 1, 200).countingWords();
    PromptContext project = (conversation, text) -> List.of(new ContextBlock("project", "Be brief.",
        List.of(new ContextBlock.Source("Project: Travel", "project:2"))));
    PromptContext documents = (conversation, text) -> List.of(new ContextBlock("knowledge",
        String.join(" ", words(300)), List.of(new ContextBlock.Source("[1] big.pdf", "document:1:0-1200"))));
    service = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), () -> engine,
        new StoredSettings(database.dataSource()), List.of(project, documents));
    Conversation conversation = service.updateSettings(service.create("").id(), "", new Sampling(0.7, 0.9, 64));
    List<ContextBlock> reported = new CopyOnWriteArrayList<>();

    Message answer = service.send(conversation.id(), "Hello?", new ReplyListener() {
      @Override
      public void contextUsed(List<ContextBlock> blocks) {
        reported.addAll(blocks);
      }
    }).done().get(5, TimeUnit.SECONDS);

    assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(engine.requests().get(0).messages().get(0).content()).isEqualTo("Be brief.");
    assertThat(reported).extracting(ContextBlock::kind).containsExactly("project");
    assertThat(service.sources(conversation.id()).get(answer.id())).extracting(AnswerSource::kind)
        .containsExactly("project");
  }

  @Test
  void anExchangeAnsweredElsewhereIsKeptAsAConversationInTheHistory() throws Exception {
    service = open(new ScriptedEngine(words(1), 1, 4096).countingWords());

    Conversation kept = service.recordExchange("API: hello", new Sampling(0.2, 0.9, 64), List.of(
        dev.tars.engine.ChatMessage.system("be brief"), dev.tars.engine.ChatMessage.user("hello"),
        dev.tars.engine.ChatMessage.assistant("hi"), dev.tars.engine.ChatMessage.user("and?"),
        dev.tars.engine.ChatMessage.assistant("partial")), MessageStatus.STOPPED);

    assertThat(service.conversations("")).extracting(Conversation::id).contains(kept.id());
    assertThat(kept.title()).isEqualTo("API: hello");
    assertThat(kept.systemPrompt()).isEqualTo("be brief");
    assertThat(service.messages(kept.id())).extracting(Message::role, Message::content, Message::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Role.USER, "hello", MessageStatus.COMPLETE),
            org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "hi", MessageStatus.COMPLETE),
            org.assertj.core.groups.Tuple.tuple(Role.USER, "and?", MessageStatus.COMPLETE),
            org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "partial", MessageStatus.STOPPED));
  }
}
