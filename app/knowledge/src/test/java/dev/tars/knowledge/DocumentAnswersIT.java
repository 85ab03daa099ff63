package dev.tars.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.Message;
import dev.tars.chat.ReplyListener;
import dev.tars.chat.StoredChatService;
import dev.tars.config.StoredSettings;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat answering from documents, end to end on real parts: H2, Tika parsing, the bge-small embedder, Lucene
 * and the stored chat service. Only the chat model is a stand-in that records the prompt it was given.
 */
class DocumentAnswersIT {
  @TempDir static Path home;
  static Database db;
  static OnnxEmbedder embedder;
  static KnowledgeService knowledge;
  static ConversationDocuments choices;
  /** Answers "ok" and keeps the prompts; tokens counted a little generously, as a real tokenizer would. */
  static ScriptedEngine engine = ScriptedEngine.answering("ok").countingTokensWith(m -> m.content().length() / 3 + 8);
  static StoredChatService chats;
  static long rivers;
  static long kitchen;

  @BeforeAll
  static void indexTwoCollections() throws Exception {
    db = TestDatabase.open(home);
    embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, home.resolve("models"), 2);
    knowledge = new KnowledgeService(new KnowledgeStore(db.dataSource()),
        new KnowledgeIndex(home.resolve("index")), embedder, new DocumentParser(null),
        Chunker.standard(), 2);
    Path docs = Files.createDirectories(home.resolve("docs"));
    Fixtures.pdf(docs.resolve("rivers.pdf"),
        "Rivers of Europe. The Danube flows through ten countries before it reaches the Black Sea.",
        "The Rhine is about 1230 kilometres long and carries barges from Basel to Rotterdam.");
    Fixtures.text(docs.resolve("bread.md"), "# Bread\n\nSourdough bread rises with a starter of flour and water"
        + " kept alive for years; bake it at 230 degrees for forty minutes.");
    knowledge.add("Geography", List.of(docs.resolve("rivers.pdf")));
    knowledge.add("Kitchen", List.of(docs.resolve("bread.md")));
    knowledge.start();
    assertThat(knowledge.awaitIdle(Duration.ofSeconds(90))).isTrue();
    rivers = collectionId("Geography");
    kitchen = collectionId("Kitchen");
    choices = new ConversationDocuments(db.dataSource());
    StoredSettings settings = new StoredSettings(db.dataSource());
    chats = new StoredChatService(new ConversationStore(db.dataSource(), Clock.systemUTC()), () -> engine, settings,
        List.of(new DocumentContext(knowledge, choices, () -> engine, () -> settings.get().contextSize())));
  }

  static long collectionId(String name) {
    return knowledge.collections().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
  }

  @AfterAll
  static void closeAll() {
    chats.close();
    knowledge.close();
    embedder.close();
    db.close();
  }

  @Test
  void withDocumentsOnTheAnswerReadsNumberedPassagesAndKeepsThemAsCitationsThatOpenThePassage() throws Exception {
    Conversation conversation = chats.create("");
    choices.choose(conversation.id(), new DocumentChoice(true, List.of()));
    List<ContextBlock> reported = new CopyOnWriteArrayList<>();

    Message answer = chats.send(conversation.id(), "How long is the Rhine?", new ReplyListener() {
      @Override
      public void contextUsed(List<ContextBlock> blocks) {
        reported.addAll(blocks);
      }
    }).done().get(30, TimeUnit.SECONDS);

    String system = engine.lastSystemPrompt();
    assertThat(system).contains("cite them like [1]").contains("[1] rivers.pdf, page 2\nThe Rhine is about 1230");
    assertThat(reported).isNotEmpty().extracting(ContextBlock::kind).containsOnly(DocumentContext.KIND);
    List<AnswerSource> kept = chats.sources(conversation.id()).get(answer.id());
    assertThat(kept).isNotEmpty().allMatch(s -> s.kind().equals(DocumentContext.KIND));
    assertThat(kept.getFirst().label()).isEqualTo("[1] rivers.pdf, page 2");

    PassageReference ref = PassageReference.parse(kept.getFirst().reference()).orElseThrow();
    CitedPassage cited = knowledge.citedPassage(ref, 400).orElseThrow();
    assertThat(cited.document().path().getFileName().toString()).isEqualTo("rivers.pdf");
    assertThat(cited.page()).isEqualTo(2);
    assertThat(cited.passage()).contains("The Rhine is about 1230 kilometres long");
    assertThat(cited.before()).contains("The Danube flows through ten countries");
  }

  @Test
  void withDocumentsOffThePromptHasNoPassagesAndTheAnswerNoSources() throws Exception {
    Conversation conversation = chats.create("");
    choices.choose(conversation.id(), DocumentChoice.OFF);

    Message answer = chats.send(conversation.id(), "How long is the Rhine?", new ReplyListener() {})
        .done().get(30, TimeUnit.SECONDS);

    assertThat(engine.lastSystemPrompt()).doesNotContain("rivers.pdf").doesNotContain("Rhine is about");
    assertThat(chats.sources(conversation.id())).doesNotContainKey(answer.id()).isEmpty();
    assertThat(choices.choice(conversation.id())).isEqualTo(DocumentChoice.OFF);
  }

  @Test
  void onlyTheChosenCollectionsAreSearched() throws Exception {
    Conversation conversation = chats.create("");
    choices.choose(conversation.id(), new DocumentChoice(true, List.of(kitchen)));

    chats.send(conversation.id(), "How long is the Rhine?", new ReplyListener() {}).done().get(30, TimeUnit.SECONDS);

    assertThat(engine.lastSystemPrompt()).contains("[1] bread.md").doesNotContain("rivers.pdf");
    assertThat(choices.choice(conversation.id())).isEqualTo(new DocumentChoice(true, List.of(kitchen)));
  }

  @Test
  void aNewConversationFollowsItsProjectsDefaultCollections() throws Exception {
    Jdbc jdbc = new Jdbc(db.dataSource());
    long project = jdbc.insert("INSERT INTO project (name, created_at) VALUES ('Travel', CURRENT_TIMESTAMP)");
    jdbc.update("INSERT INTO project_collection (project_id, collection_id) VALUES (?, ?)", project, rivers);
    Conversation conversation = chats.create("");
    assertThat(choices.choice(conversation.id())).isEqualTo(DocumentChoice.OFF);
    jdbc.update("UPDATE conversation SET project_id = ? WHERE id = ?", project, conversation.id());

    assertThat(choices.choice(conversation.id())).isEqualTo(new DocumentChoice(true, List.of(rivers)));
    chats.send(conversation.id(), "Which sea does the Danube reach?", new ReplyListener() {})
        .done().get(30, TimeUnit.SECONDS);
    assertThat(engine.lastSystemPrompt()).contains("[1] rivers.pdf, page 1").doesNotContain("bread.md");
  }

  @Test
  void aRemovedDocumentsCitationNoLongerOpens() throws Exception {
    Path other = Fixtures.text(home.resolve("docs/tea.txt"), "Green tea is steeped at eighty degrees.");
    knowledge.add("Kitchen", List.of(other));
    assertThat(knowledge.awaitIdle(Duration.ofSeconds(60))).isTrue();
    Passage tea = knowledge.search("green tea temperature", List.of(kitchen), 1).getFirst();
    assertThat(knowledge.citedPassage(PassageReference.of(tea), 100)).isPresent();

    knowledge.remove(tea.documentId());

    assertThat(knowledge.citedPassage(PassageReference.of(tea), 100)).isEmpty();
  }

  @Test
  void whenTheWindowIsTightTheWeakestPassagesAreLeftOutAndTheBestStays() throws Exception {
    Conversation conversation = chats.create("");
    choices.choose(conversation.id(), new DocumentChoice(true, List.of()));
    engine.contextLength(300);
    try {
      Message answer = chats.send(conversation.id(), "How long is the Rhine?", new ReplyListener() {})
          .done().get(30, TimeUnit.SECONDS);

      List<AnswerSource> kept = chats.sources(conversation.id()).get(answer.id());
      assertThat(engine.lastSystemPrompt()).contains("[1] rivers.pdf, page 2").doesNotContain("[3]");
      assertThat(kept).extracting(AnswerSource::label).startsWith("[1] rivers.pdf, page 2").hasSizeLessThan(3);
    } finally {
      engine.contextLength(4096);
    }
  }

  @Test
  void theBudgetIsAQuarterOfTheContextWindowWithinBounds() {
    assertThat(DocumentContext.budget(4096)).isEqualTo(1024);
    assertThat(DocumentContext.budget(512)).isEqualTo(DocumentContext.MIN_BUDGET);
    assertThat(DocumentContext.budget(128_000)).isEqualTo(DocumentContext.MAX_BUDGET);
  }

  /** A chat model stand-in: answers "ok" at once and keeps the prompts it was sent. */}
