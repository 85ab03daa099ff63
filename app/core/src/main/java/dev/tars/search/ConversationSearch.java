package dev.tars.search;

import dev.tars.storage.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Searches conversation titles and message text of live conversations. Candidates are found with SQL
 * {@code LIKE} (any word), newest first and capped, then scored by {@link Matcher}; at most
 * {@link #PER_CONVERSATION} messages of one conversation are returned so one long chat does not crowd out the
 * rest. Title matches weigh more than message matches; recent items get a small boost.
 */
public final class ConversationSearch implements SearchSource {
  static final int CANDIDATES = 500;
  static final int PER_CONVERSATION = 2;
  static final double TITLE_WEIGHT = 1.3;

  private final Jdbc jdbc;
  private final Clock clock;

  public ConversationSearch(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  private record Row(long conversationId, long messageId, String title, String content, Instant when) {}

  @Override
  public List<SearchHit> search(Query query, int limit) {
    if (query.isEmpty()) {
      return List.of();
    }
    Matcher matcher = new Matcher(query);
    List<String> patterns = query.likePatterns();
    List<SearchHit> hits = new ArrayList<>();
    String titleWhere = patterns.stream().map(p -> "LOWER(title) LIKE ? ESCAPE '\\'")
        .collect(Collectors.joining(" OR "));
    for (Row row : jdbc.query("SELECT id, title, updated_at FROM conversation WHERE deleted_at IS NULL AND ("
        + titleWhere + ") ORDER BY updated_at DESC LIMIT " + CANDIDATES,
        r -> new Row(r.getLong(1), 0, r.getString(2), r.getString(2), r.getObject(3, OffsetDateTime.class).toInstant()),
        patterns.toArray())) {
      double score = matcher.score(row.title());
      if (score > 0) {
        hits.add(new SearchHit(SearchHit.Kind.CONVERSATION, row.title(), matcher.snippet(row.title()),
            row.conversationId(), 0, "", TITLE_WEIGHT * score + recency(row.when()), row.when()));
      }
    }
    String messageWhere = patterns.stream().map(p -> "LOWER(m.content) LIKE ? ESCAPE '\\'")
        .collect(Collectors.joining(" OR "));
    List<SearchHit> messageHits = new ArrayList<>();
    for (Row row : jdbc.query("SELECT m.conversation_id, m.id, c.title, m.content, m.created_at FROM message m"
        + " JOIN conversation c ON c.id = m.conversation_id WHERE c.deleted_at IS NULL AND (" + messageWhere
        + ") ORDER BY m.id DESC LIMIT " + CANDIDATES,
        r -> new Row(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
            r.getObject(5, OffsetDateTime.class).toInstant()),
        patterns.toArray())) {
      double score = matcher.score(row.content());
      if (score > 0) {
        messageHits.add(new SearchHit(SearchHit.Kind.MESSAGE, row.title(), matcher.snippet(row.content()),
            row.conversationId(), row.messageId(), "", score + recency(row.when()), row.when()));
      }
    }
    messageHits.sort(SearchService.BEST_FIRST);
    Map<Long, Integer> perConversation = new HashMap<>();
    for (SearchHit hit : messageHits) {
      if (perConversation.merge(hit.conversationId(), 1, Integer::sum) <= PER_CONVERSATION) {
        hits.add(hit);
      }
    }
    hits.sort(SearchService.BEST_FIRST);
    return hits.subList(0, Math.min(limit, hits.size()));
  }

  /** Up to 0.2 for today, halving about every three weeks: a tie-breaker, never more than one word's worth. */
  private double recency(Instant when) {
    double days = Math.max(0, Duration.between(when, clock.instant()).toHours() / 24.0);
    return 0.2 * Math.exp(-days / 30);
  }
}
