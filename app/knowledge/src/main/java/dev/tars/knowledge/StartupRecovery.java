package dev.tars.knowledge;

import dev.tars.embedding.Embedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.knowledge.store.KnowledgeStore.StoredDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the knowledge base does once at start, before any worker runs: re-indexes everything when the embedding
 * model or the index format changed, and makes H2 and Lucene agree after an unclean stop (see
 * {@link KnowledgeService} on crash safety).
 */
final class StartupRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(StartupRecovery.class);

  private final KnowledgeStore store;
  private final KnowledgeIndex index;
  private final DocumentWrites writes;

  StartupRecovery(KnowledgeStore store, KnowledgeIndex index, DocumentWrites writes) {
    this.store = store;
    this.index = index;
    this.writes = writes;
  }

  void run(Embedder embedder) {
    checkModel(embedder);
    recover();
  }

  /** Re-embeds everything when the configured embedding model differs from the one the index was built with. */
  private void checkModel(Embedder embedder) {
    Optional<String[]> stored = store.indexModel();
    String model = embedder.modelName();
    int dimension = embedder.dimension();
    if (stored.isPresent() && (!stored.get()[0].equals(model) || Integer.parseInt(stored.get()[1]) != dimension)) {
      LOG.warn("Embedding model changed from {} ({}-d) to {} ({}-d): re-embedding every document",
          stored.get()[0], stored.get()[1], model, dimension);
      index.deleteAll();
      store.requeueAll();
    }
    store.setIndexModel(model, dimension);
    if (index.needsRebuild()) {
      // Passages cut and analysed by an older version: index every document again (the Knowledge page shows the
      // queue's progress as for any ingestion; searches meanwhile find what is already redone).
      LOG.warn("The knowledge index was built by an older version of Tars (format other than {}): indexing every "
          + "document again", KnowledgeIndex.FORMAT);
      index.deleteAll();
      store.requeueAll();
    }
  }

  /**
   * Puts every document that was in flight back in the queue, finishes removals, drops from Lucene whatever H2
   * does not call indexed, and re-indexes documents whose chunk counts disagree.
   */
  private void recover() {
    for (StoredDocument d : store.withStatus(DocumentStatus.REMOVING)) {
      index.delete(List.of(d.id()));
      store.delete(d.id());
    }
    int requeued = 0;
    for (DocumentStatus s : DocumentStatus.values()) {
      if (s.inFlight()) {
        for (StoredDocument d : store.withStatus(s)) {
          store.transition(d.id(), s, DocumentStatus.QUEUED);
          requeued++;
        }
      }
    }
    Map<Long, Integer> inIndex = index.chunksPerDocument();
    Set<Long> indexedIds = new HashSet<>();
    List<Long> stale = new ArrayList<>();
    for (DocumentInfo d : store.documents(OptionalLong.empty())) {
      if (d.status() == DocumentStatus.INDEXED) {
        indexedIds.add(d.id());
        if (inIndex.getOrDefault(d.id(), 0) != d.chunks()) {
          LOG.warn("Index holds {} chunks of {} but the database {}: re-indexing it",
              inIndex.getOrDefault(d.id(), 0), d.path(), d.chunks());
          stale.add(d.id());
        }
      }
    }
    List<Long> orphans = inIndex.keySet().stream().filter(id -> !indexedIds.contains(id)).toList();
    index.delete(orphans);
    for (long id : stale) {
      store.get(id).ifPresent(d -> writes.requeue(d.id(), d.contentHash(), d.sizeBytes(), d.modifiedMs()));
    }
    if (requeued + orphans.size() + stale.size() > 0) {
      LOG.info("Recovered the knowledge base: {} documents back in the queue, {} partial documents dropped "
          + "from the index, {} re-indexed", requeued, orphans.size(), stale.size());
    }
  }
}
