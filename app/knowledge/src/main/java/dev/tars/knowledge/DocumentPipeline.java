package dev.tars.knowledge;

import dev.tars.embedding.Embedder;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.lang.Language;
import dev.tars.knowledge.lang.LanguageGuesser;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.parse.ParsedDocument;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.knowledge.store.KnowledgeStore.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed document through parse (with OCR), chunk, embed and index, moving its status along as it
 * goes. Between steps it asks the queue whether to go on ({@link Job#checkpoint}); a paused job puts the document
 * back in the queue, a cancelled one fails it. A document that fails says why, in words for the person.
 */
final class DocumentPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentPipeline.class);
  static final NotIndexedReason CANCELLED = NotIndexedReason.of(NotIndexedReason.Key.CANCELLED);
  private static final int EMBED_SLICE = 32;

  /** What the pipeline needs from the queue that runs it. */
  interface Job {
    /** Throws when the document must be put back (pause, shutdown) or dropped (cancel). */
    void checkpoint() throws Abandon;

    boolean shuttingDown();

    void documentChanged(long id);
  }

  /** Thrown at a checkpoint when the document must be put back (pause) or dropped (cancel, removal). */
  static final class Abandon extends Exception {
    private final boolean cancelled;

    Abandon(boolean cancelled) {
      super(null, null, false, false);
      this.cancelled = cancelled;
    }
  }

  private final KnowledgeStore store;
  private final DocumentWrites writes;
  private final Embedder embedder;
  private final DocumentParser parser;
  private final Chunker chunker;

  DocumentPipeline(KnowledgeStore store, DocumentWrites writes, Embedder embedder, DocumentParser parser,
      Chunker chunker) {
    this.store = store;
    this.writes = writes;
    this.embedder = embedder;
    this.parser = parser;
    this.chunker = chunker;
  }

  void process(StoredDocument doc, Job job) {
    long id = doc.id();
    job.documentChanged(id);
    DocumentStatus[] current = {DocumentStatus.PARSING};
    try {
      ParsedDocument parsed = parser.parse(doc.path(), () -> {
        if (store.transition(id, DocumentStatus.PARSING, DocumentStatus.OCR)) {
          current[0] = DocumentStatus.OCR;
          job.documentChanged(id);
        }
      });
      job.checkpoint();
      List<Chunk> chunks = chunker.chunk(parsed.blocks());
      Language language = LanguageGuesser.guess(Chunker.fullText(parsed.blocks()));
      if (!store.transition(id, current[0], DocumentStatus.EMBEDDING)) {
        return;
      }
      current[0] = DocumentStatus.EMBEDDING;
      job.documentChanged(id);
      List<IndexedChunk> indexed = embed(chunks, job);
      job.checkpoint();
      if (writes.commitIndexed(doc, parsed, language, chunks, indexed)) {
        LOG.debug("Indexed {} ({} chunks)", doc.path(), chunks.size());
      }
    } catch (DocumentRejectedException e) {
      LOG.info("Not indexed: {}: {}", doc.path(), e.reason());
      writes.failIfStill(id, current[0], e.reason());
    } catch (Abandon a) {
      if (a.cancelled) {
        writes.failIfStill(id, current[0], CANCELLED);
      } else {
        store.transition(id, current[0], DocumentStatus.QUEUED);
      }
    } catch (OutOfMemoryError e) {
      LOG.error("Out of memory while indexing {}", doc.path(), e);
      writes.failIfStill(id, current[0], NotIndexedReason.of(NotIndexedReason.Key.OUT_OF_MEMORY));
    } catch (RuntimeException e) {
      if (job.shuttingDown()) {
        // Shutting down interrupted the embedding: not the document's fault, so it waits for the next start.
        LOG.info("Indexing {} interrupted by shutdown; it stays queued", doc.path());
        store.transition(id, current[0], DocumentStatus.QUEUED);
        return;
      }
      LOG.error("Unexpected failure while indexing {}", doc.path(), e);
      writes.failIfStill(id, current[0], NotIndexedReason.of(NotIndexedReason.Key.UNEXPECTED, e.getMessage()));
    }
  }

  /** Embeds in slices, checking between them so that a pause or cancel does not wait for a long document. */
  private List<IndexedChunk> embed(List<Chunk> chunks, Job job) throws Abandon {
    List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
    for (int from = 0; from < chunks.size(); from += EMBED_SLICE) {
      job.checkpoint();
      List<Chunk> slice = chunks.subList(from, Math.min(chunks.size(), from + EMBED_SLICE));
      List<float[]> vectors = embedder.embedPassages(slice.stream().map(DocumentPipeline::embeddedText).toList());
      for (int i = 0; i < slice.size(); i++) {
        indexed.add(new IndexedChunk(slice.get(i), vectors.get(i)));
      }
    }
    return indexed;
  }

  /** What is embedded for a unit: its section's headings give a short unit the topic it belongs to. */
  static String embeddedText(Chunk chunk) {
    return chunk.heading().isEmpty() ? chunk.text() : chunk.heading() + "\n" + chunk.text();
  }
}
