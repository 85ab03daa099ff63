package dev.tars.search;

import dev.tars.memory.Memory;
import dev.tars.memory.MemoryService;
import java.util.ArrayList;
import java.util.List;

/** Searches memories (there are few: all are scored in memory). */
public final class MemorySearch implements SearchSource {
  private final MemoryService memories;

  public MemorySearch(MemoryService memories) {
    this.memories = memories;
  }

  @Override
  public List<SearchHit> search(Query query, int limit) {
    Matcher matcher = new Matcher(query);
    List<SearchHit> hits = new ArrayList<>();
    for (Memory m : memories.all()) {
      double score = matcher.score(m.text());
      if (score > 0) {
        hits.add(new SearchHit(SearchHit.Kind.MEMORY, "Memory", matcher.snippet(m.text()),
            m.sourceConversationId(), 0, "memory:" + m.id(), score, m.updatedAt()));
      }
    }
    hits.sort(SearchService.BEST_FIRST);
    return hits.subList(0, Math.min(limit, hits.size()));
  }
}
