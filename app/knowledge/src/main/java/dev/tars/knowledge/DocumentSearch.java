package dev.tars.knowledge;

import dev.tars.search.Matcher;
import dev.tars.search.Query;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents in the Ctrl+K search: passages from the knowledge index (hybrid vector + keyword retrieval),
 * scored on the same scale as conversations and memories. A passage's own keyword score (see {@link Matcher})
 * counts, plus up to 1 for its retrieval rank, so a passage that matches only by meaning still shows, below
 * exact matches.
 */
public final class DocumentSearch implements SearchSource {
  private static final int TOKEN_BUDGET = 4000;

  private final KnowledgeRetriever retriever;

  public DocumentSearch(KnowledgeRetriever retriever) {
    this.retriever = retriever;
  }

  @Override
  public List<SearchHit> search(Query query, int limit) {
    Matcher matcher = new Matcher(query);
    List<Passage> passages = retriever.retrieve(query.text(), List.of(), TOKEN_BUDGET);
    List<SearchHit> hits = new ArrayList<>();
    for (int rank = 0; rank < passages.size() && hits.size() < limit; rank++) {
      Passage p = passages.get(rank);
      String name = p.path().getFileName().toString() + (p.page() > 0 ? ", p. " + p.page() : "");
      double score = matcher.score(p.text()) + 1.0 / (1 + rank);
      hits.add(new SearchHit(SearchHit.Kind.DOCUMENT, name, matcher.snippet(p.text()), 0, 0,
          "document:" + p.documentId() + ":" + p.start(), score, null));
    }
    return hits;
  }
}
