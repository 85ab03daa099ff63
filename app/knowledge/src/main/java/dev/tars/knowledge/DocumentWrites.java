package dev.tars.knowledge;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.lang.Language;
import dev.tars.knowledge.parse.ParsedDocument;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.knowledge.store.KnowledgeStore.StoredDocument;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every change that touches one document in both stores, H2 and Lucene, made under one lock: so "write chunks +
 * mark indexed" never interleaves with a removal or a re-queueing of the same document. Lucene is always written
 * first, H2 second (see {@link KnowledgeService} on crash safety).
 */
final class DocumentWrites {
  private final KnowledgeStore store;
  private final KnowledgeIndex index;
  private final ReentrantLock lock = new ReentrantLock();

  DocumentWrites(KnowledgeStore store, KnowledgeIndex index) {
    this.store = store;
    this.index = index;
  }

  /** Drops a document's chunks and puts it back in the queue with its new content. */
  void requeue(long id, String hash, long size, long modified) {
    lock.lock();
    try {
      index.delete(List.of(id));
      store.requeue(id, hash, size, modified);
    } finally {
      lock.unlock();
    }
  }

  /** Removes a document: its chunks and vectors leave the index and the database. */
  void remove(long id) {
    lock.lock();
    try {
      store.setStatus(id, DocumentStatus.REMOVING);
      index.delete(List.of(id));
      store.delete(id);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes a document's embedded chunks and marks it indexed, unless it left {@code EMBEDDING} meanwhile (a
   * removal or a re-add took it away).
   *
   * @return false when the document was taken away and nothing was written
   */
  boolean commitIndexed(StoredDocument doc, ParsedDocument parsed, Language language, List<Chunk> chunks,
      List<IndexedChunk> indexed) {
    lock.lock();
    try {
      Optional<StoredDocument> now = store.get(doc.id());
      if (now.isEmpty() || now.get().status() != DocumentStatus.EMBEDDING) {
        return false;
      }
      index.replace(doc.id(), doc.collectionId(), doc.path().toString(), language, indexed);
      store.markIndexed(doc.id(), parsed.mediaType(), parsed.pages(), chunks);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Fails a document that is still in {@code expected} and drops whatever the index holds of it. */
  void failIfStill(long id, DocumentStatus expected, NotIndexedReason reason) {
    lock.lock();
    try {
      if (store.transition(id, expected, DocumentStatus.FAILED)) {
        index.delete(List.of(id));
        store.fail(id, reason);
      }
    } finally {
      lock.unlock();
    }
  }
}
