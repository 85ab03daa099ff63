package dev.tars.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.config.StoredSettings;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeServiceTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;
  private final java.util.List<Database> open = new java.util.ArrayList<>();

  /** Everything one Tars data folder holds, for round trips between two of them. */
  private final class Home {
    final Database database;
    final ConversationStore conversations;
    final ProjectService projects;
    final MemoryService memories;
    final ExchangeService exchange;

    Home(String name) throws Exception {
      database = TestDatabase.open(dir.resolve(name));
      open.add(database);
      conversations = new ConversationStore(database.dataSource(), Clock.systemUTC());
      projects = new ProjectService(database.dataSource(), Clock.systemUTC());
      memories = new MemoryService(database.dataSource(), Clock.systemUTC());
      exchange = new ExchangeService(database.dataSource(), conversations, projects, memories,
          new StoredSettings(database.dataSource()), CLOCK);
    }

    int conversationCount() {
      return conversations.list("").size();
    }
  }

  private Home home;

  @BeforeEach
  void openHome() throws Exception {
    home = new Home("a");
  }

  @AfterEach
  void closeAll() {
    open.forEach(Database::close);
  }

  private Project richProject(Home h) {
    Project p = h.projects.create("Acme migration");
    h.projects.update(p.id(), "Acme migration", "Answer tersely.\nUse **SQL** examples.", "/models/q.gguf", List.of(4L, 7L));
    h.memories.add(MemoryScope.project(p.id()), "Acme runs PostgreSQL 16", true);
    h.memories.add(MemoryScope.project(p.id()), "Deploys happen on Fridays", false);
    Conversation one = h.conversations.create("Schema plan", "You are Tars.", new Sampling(0.3, 0.9, 512));
    h.conversations.addMessage(one.id(), Role.USER, "How do I move 3 TB? Ünïcödé ✓ 🚀\n\n```sql\nSELECT 1;\n```",
        MessageStatus.COMPLETE);
    h.conversations.addMessage(one.id(), Role.ASSISTANT, "In batches — carefully.", MessageStatus.STOPPED);
    Conversation two = h.conversations.create("Empty one", "", Sampling.DEFAULTS);
    h.projects.moveConversation(one.id(), p.id());
    h.projects.moveConversation(two.id(), p.id());
    return h.projects.project(p.id());
  }

  @Test
  void projectExportImportsIntoAnotherTarsLosslessly() throws Exception {
    Project p = richProject(home);
    Path file = dir.resolve("acme.json");
    home.exchange.write(home.exchange.exportProject(p.id()), file);

    Home other = new Home("b");
    ExchangeService.ImportResult result = other.exchange.importFile(file, Project.DEFAULT_ID);

    assertThat(result.format()).isEqualTo("Tars");
    assertThat(result.conversationIds()).hasSize(2);
    assertThat(result.memories()).isEqualTo(2);
    String original = JsonExchange.write(home.exchange.exportProject(p.id()));
    String roundTripped = JsonExchange.write(other.exchange.exportProject(result.projectId()));
    assertThat(roundTripped).isEqualTo(original);
    assertThat(original).contains("Ünïcödé ✓ 🚀", "\"stopped\"", "Use **SQL** examples.");
  }

  @Test
  void importingAProjectWhoseNameIsTakenKeepsBoth() throws Exception {
    Project p = richProject(home);
    Path file = dir.resolve("acme.json");
    home.exchange.write(home.exchange.exportProject(p.id()), file);
    long imported = home.exchange.importFile(file, Project.DEFAULT_ID).projectId();
    assertThat(home.projects.project(imported).name()).isEqualTo("Acme migration (imported)");
    assertThat(home.projects.conversationIds(p.id())).hasSize(2);
  }

  @Test
  void aConversationExportImportsIntoTheChosenProject() throws Exception {
    Project p = richProject(home);
    long conversationId = home.projects.conversationIds(p.id()).stream()
        .filter(id -> home.conversations.find(id).orElseThrow().title().equals("Schema plan")).findFirst().orElseThrow();
    Path file = dir.resolve("chat.json");
    home.exchange.write(home.exchange.exportConversation(conversationId), file);
    Project target = home.projects.create("Inbox");

    long copy = home.exchange.importFile(file, target.id()).conversationIds().get(0);

    assertThat(home.projects.projectOf(copy)).isEqualTo(target.id());
    assertThat(home.conversations.messages(copy)).extracting(m -> m.content())
        .isEqualTo(home.conversations.messages(conversationId).stream().map(m -> m.content()).toList());
  }

  @Test
  void markdownExportReadsAsAConversation() throws Exception {
    Project p = richProject(home);
    Path file = dir.resolve("acme.md");
    home.exchange.write(home.exchange.exportProject(p.id()), file);
    String md = Files.readString(file);
    assertThat(md).startsWith("# Acme migration\n").contains("> Answer tersely.", "- Acme runs PostgreSQL 16 (pinned)",
        "## Schema plan", "### You\n\nHow do I move 3 TB?", "### Tars\n\nIn batches — carefully.");
  }

  @Test
  void chatGptExportImportsTheVisibleBranchOfEachConversation() throws Exception {
    String json = """
        [{"title": "Packing list", "create_time": 1714550400.5, "update_time": 1714550500.0,
          "current_node": "c",
          "mapping": {
            "root": {"id": "root", "message": null, "parent": null, "children": ["s"]},
            "s": {"id": "s", "parent": "root", "children": ["a"], "message": {"author": {"role": "system"},
                  "content": {"content_type": "text", "parts": [""]}}},
            "a": {"id": "a", "parent": "s", "children": ["b", "old"], "message": {"author": {"role": "user"},
                  "create_time": 1714550401.0, "content": {"content_type": "text", "parts": ["What to pack for Oslo?"]}}},
            "old": {"id": "old", "parent": "a", "children": [], "message": {"author": {"role": "assistant"},
                  "content": {"content_type": "text", "parts": ["(regenerated away)"]}}},
            "b": {"id": "b", "parent": "a", "children": ["t"], "message": {"author": {"role": "tool"},
                  "content": {"content_type": "text", "parts": ["browsing..."]}}},
            "t": {"id": "t", "parent": "b", "children": ["c"], "message": {"author": {"role": "assistant"},
                  "content": {"content_type": "multimodal_text", "parts": [{"asset": "img"}, "A warm coat."]}}},
            "c": {"id": "c", "parent": "t", "children": [], "message": {"author": {"role": "user"},
                  "create_time": 1714550499.0, "content": {"content_type": "text", "parts": ["Thanks!"]}}}
          }}]
        """;
    Path file = dir.resolve("conversations.json");
    Files.writeString(file, json);

    var result = home.exchange.importFile(file, Project.DEFAULT_ID);

    assertThat(result.format()).isEqualTo("ChatGPT");
    long id = result.conversationIds().get(0);
    assertThat(home.conversations.find(id).orElseThrow().title()).isEqualTo("Packing list");
    assertThat(home.conversations.messages(id)).extracting(m -> m.role(), m -> m.content()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Role.USER, "What to pack for Oslo?"),
        org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "A warm coat."),
        org.assertj.core.groups.Tuple.tuple(Role.USER, "Thanks!"));
    assertThat(home.conversations.messages(id).get(0).createdAt()).isEqualTo(Instant.ofEpochSecond(1714550401));
  }

  @Test
  void chatGptZipIsReadFromItsConversationsJson() throws Exception {
    Path zip = dir.resolve("chatgpt-export.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("chat.html"));
      out.write("<html></html>".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("conversations.json"));
      out.write(("[{\"title\": \"Hi\", \"create_time\": 1.0, \"mapping\": {\"a\": {\"parent\": null, \"children\": [],"
          + " \"message\": {\"author\": {\"role\": \"user\"}, \"content\": {\"parts\": [\"hello\"]}}}}}]")
          .getBytes(StandardCharsets.UTF_8));
    }
    long id = home.exchange.importFile(zip, Project.DEFAULT_ID).conversationIds().get(0);
    assertThat(home.conversations.messages(id)).extracting(m -> m.content()).containsExactly("hello");
  }

  private void assertRejected(String fileName, String content, String expectedMessagePart) throws IOException {
    Path file = dir.resolve(fileName);
    Files.writeString(file, content);
    int before = home.conversationCount();
    assertThatThrownBy(() -> home.exchange.importFile(file, Project.DEFAULT_ID)).isInstanceOf(ImportException.class)
        .hasMessageContaining(expectedMessagePart).hasMessageContaining("othing was imported");
    assertThat(home.conversationCount()).isEqualTo(before);
  }

  @Test
  void malformedFilesAreRefusedWithAClearMessageAndNothingImported() throws Exception {
    Project p = richProject(home);
    String good = JsonExchange.write(home.exchange.exportProject(p.id()));
    assertRejected("empty.json", "", "is empty");
    assertRejected("cut.json", good.substring(0, good.length() / 2), "is not valid JSON (line");
    assertRejected("other.json", "{\"hello\": 1}", "neither a Tars export nor a ChatGPT export");
    assertRejected("role.json", good.replace("\"role\" : \"assistant\"", "\"role\" : \"robot\""),
        "conversations[0].messages[1].role must be user, assistant or system, not \"robot\"");
    assertRejected("date.json", good.replaceFirst("\"createdAt\" : \"[^\"]+\"", "\"createdAt\" : \"yesterday\""),
        "is not a date and time (\"yesterday\")");
    assertRejected("missing.json", good.replace("\"systemPrompt\"", "\"prompt\""),
        "conversations[0].systemPrompt is missing");
    assertRejected("sampling.json", good.replace("\"maxTokens\" : 512", "\"maxTokens\" : 0"),
        "max tokens must be at least 1");
    assertRejected("loop.json", "[{\"title\": \"x\", \"current_node\": \"a\", \"mapping\": {"
        + "\"a\": {\"parent\": \"b\", \"message\": null}, \"b\": {\"parent\": \"a\", \"message\": null}}}]", "loop");
    Path newer = dir.resolve("newer.json");
    Files.writeString(newer, good.replace("\"version\" : 1", "\"version\" : 9"));
    assertThatThrownBy(() -> home.exchange.importFile(newer, Project.DEFAULT_ID))
        .hasMessage("This export was made by a newer Tars (format version 9). Update Tars to import it.");
  }

  @Test
  void missingFilesAndZipsWithoutConversationsAreExplained() throws Exception {
    assertThatThrownBy(() -> home.exchange.importFile(dir.resolve("gone.json"), Project.DEFAULT_ID))
        .hasMessage("gone.json does not exist (any more). Choose the file again.");
    Path zip = dir.resolve("photos.zip");
    try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
      out.putNextEntry(new ZipEntry("photo.jpg"));
      out.write(new byte[] {1, 2, 3});
    }
    assertThatThrownBy(() -> home.exchange.importFile(zip, Project.DEFAULT_ID))
        .hasMessageContaining("has no conversations.json inside");
  }
}
