package dev.tars.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.search.Query;
import dev.tars.search.SearchHit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSearchTest {
  private final KnowledgeRetriever retriever = (query, collections, budget) -> List.of(
      new Passage(3, 1, Path.of("/docs/guide.pdf"), 4, 100, 180, "Hotels near the river in Lisbon are pricey.", 0.03),
      new Passage(5, 1, Path.of("/docs/notes.txt"), 0, 0, 40, "Accommodation by the Tagus costs more.", 0.02));

  @Test
  void passagesBecomeDocumentHitsWithNameAndPageAndMarkedMatches() {
    List<SearchHit> hits = new DocumentSearch(retriever).search(Query.of("lisbon hotels"), 10);
    assertThat(hits).extracting(SearchHit::title).containsExactly("guide.pdf, p. 4", "notes.txt");
    assertThat(hits.get(0).kind()).isEqualTo(SearchHit.Kind.DOCUMENT);
    assertThat(hits.get(0).reference()).isEqualTo("document:3:100");
    assertThat(hits.get(0).snippet().marked("[", "]")).isEqualTo("[Hotels] near the river in [Lisbon] are pricey.");
    assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    assertThat(hits.get(1).score()).as("a match by meaning only still counts").isPositive();
  }

  @Test
  void theLimitIsKept() {
    assertThat(new DocumentSearch(retriever).search(Query.of("lisbon"), 1)).hasSize(1);
  }
}
