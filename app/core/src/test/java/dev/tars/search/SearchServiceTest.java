package dev.tars.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {
  @TempDir Path home;
  private Database database;
  private ConversationStore store;
  private MemoryService memories;
  private SearchService search;

  @BeforeEach
  void fixture() throws Exception {
    database = TestDatabase.open(home);
    store = new ConversationStore(database.dataSource(), Clock.systemUTC());
    memories = new MemoryService(database.dataSource(), Clock.systemUTC());
    search = new SearchService(List.of(new ConversationSearch(database.dataSource(), Clock.systemUTC()),
        new MemorySearch(memories)));
    Conversation trip = store.create("Trip to Lisbon", "", Sampling.DEFAULTS);
    say(trip, Role.USER, "Which neighbourhood should I stay in?");
    say(trip, Role.ASSISTANT, "Alfama is charming; Baixa is central and has many hotels near the river.");
    Conversation work = store.create("Quarterly report", "", Sampling.DEFAULTS);
    say(work, Role.USER, "Summarize the hotel industry numbers for the report.");
    say(work, Role.ASSISTANT, "Hotel occupancy in Lisbon rose 4% while Porto stayed flat.");
    Conversation cooking = store.create("Dinner ideas", "", Sampling.DEFAULTS);
    say(cooking, Role.USER, "A recipe with cod, like they make it in Portugal?");
    memories.add(MemoryScope.GLOBAL, "Is planning a trip to Lisbon in May", false);
    store.markDeleted(store.create("Lisbon hotel bookings (deleted)", "", Sampling.DEFAULTS).id());
  }

  private void say(Conversation c, Role role, String text) {
    store.addMessage(c.id(), role, text, MessageStatus.COMPLETE);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void textContainingEveryWordRanksAboveTextWithSome() {
    List<SearchHit> hits = search.search("lisbon hotel", 10);
    assertThat(hits.get(0).kind()).isEqualTo(SearchHit.Kind.MESSAGE);
    assertThat(hits.get(0).snippet().text()).startsWith("Hotel occupancy in Lisbon");
    assertThat(hits).extracting(SearchHit::title).doesNotContain("Lisbon hotel bookings (deleted)", "Dinner ideas");
    assertThat(hits).extracting(SearchHit::kind).contains(SearchHit.Kind.CONVERSATION, SearchHit.Kind.MEMORY);
  }

  @Test
  void titleMatchesOutrankSingleWordMessageMatches() {
    List<SearchHit> hits = search.search("lisbon", 10);
    assertThat(hits.get(0).kind()).isEqualTo(SearchHit.Kind.CONVERSATION);
    assertThat(hits.get(0).title()).isEqualTo("Trip to Lisbon");
    assertThat(hits.get(0).messageId()).isZero();
  }

  @Test
  void resultsPointAtTheMessageAndMarkEveryMatch() {
    SearchHit hit = search.search("alfama", 5).get(0);
    assertThat(hit.title()).isEqualTo("Trip to Lisbon");
    assertThat(hit.messageId()).isPositive();
    assertThat(store.message(hit.messageId()).orElseThrow().conversationId()).isEqualTo(hit.conversationId());
    assertThat(hit.snippet().marked("[", "]")).startsWith("[Alfama] is charming");

    SearchHit plural = search.search("hotel", 10).stream()
        .filter(h -> h.snippet().text().startsWith("Alfama")).findFirst().orElseThrow();
    assertThat(plural.snippet().marked("[", "]")).contains("many [hotel]s near");
  }

  @Test
  void longTextsAreCutAroundTheMatch() {
    Conversation c = store.create("Long", "", Sampling.DEFAULTS);
    say(c, Role.ASSISTANT, "filler words ".repeat(100) + "the zeppelin landed " + "more filler ".repeat(100));
    Snippet snippet = search.search("zeppelin", 5).get(0).snippet();
    assertThat(snippet.text().length()).isLessThanOrEqualTo(Matcher.SNIPPET_LENGTH + 2);
    assertThat(snippet.text()).startsWith("…").endsWith("…");
    assertThat(snippet.marked("[", "]")).contains("[zeppelin]");
  }

  @Test
  void emptyOrPunctuationOnlyQueriesFindNothing() {
    assertThat(search.search("", 10)).isEmpty();
    assertThat(search.search("  ?! ", 10)).isEmpty();
    assertThat(search.search("100%_", 10)).isEmpty();
  }
}
