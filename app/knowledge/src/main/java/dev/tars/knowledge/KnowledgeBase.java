package dev.tars.knowledge;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.embedding.Embedder;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.LazyEmbedder;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.ocr.ChildProcessOcr;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the knowledge feature for the app, the CLI and benchmarks: the embedding model (two workers, loaded on
 * first use), the OCR child process (started on first image) and the {@link KnowledgeService}. Files live under
 * {@link AppPaths#knowledge()}: {@code index/} (Lucene), {@code embedding-models/} (unpacked model) and
 * {@code ocr/} (the OCR process's private temp folder; its log goes to {@link AppPaths#logs()}). Closing stops
 * them in reverse order.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);
  public static final int EMBEDDING_WORKERS = 2;
  public static final Duration OCR_TIMEOUT = Duration.ofSeconds(120);

  private final Embedder embedder;
  private final ChildProcessOcr ocr;
  private final KnowledgeService service;
  private final ConversationDocuments conversationDocuments;

  private KnowledgeBase(Embedder embedder, ChildProcessOcr ocr, KnowledgeService service,
      ConversationDocuments conversationDocuments) {
    this.embedder = embedder;
    this.ocr = ocr;
    this.service = service;
    this.conversationDocuments = conversationDocuments;
  }

  /**
   * @param dataSource the app's migrated database ({@code dev.tars.storage.Database#dataSource()})
   * @param ocrLanguages Tesseract language codes joined by {@code +}, e.g. {@code eng}
   */
  public static KnowledgeBase open(AppPaths paths, DataSource dataSource, String ocrLanguages) {
    Path root = paths.knowledge();
    // Loaded on the first document or search, not at start: see LazyEmbedder.
    Embedder embedder = LazyEmbedder.onnx(OnnxEmbedder.BGE_SMALL_EN_V15_Q, root.resolve("embedding-models"),
        EMBEDDING_WORKERS);
    ChildProcessOcr ocr = new ChildProcessOcr(root.resolve("ocr"), paths.logs(), ocrLanguages, OCR_TIMEOUT);
    KnowledgeIndex index = null;
    try {
      index = new KnowledgeIndex(root.resolve("index"));
      KnowledgeService service = new KnowledgeService(new KnowledgeStore(dataSource), index, embedder,
          new DocumentParser(ocr), Chunker.standard(), EMBEDDING_WORKERS);
      return new KnowledgeBase(embedder, ocr, service, new ConversationDocuments(dataSource));
    } catch (RuntimeException e) {
      if (index != null) {
        index.close();
      }
      ocr.close();
      embedder.close();
      throw e;
    }
  }

  public KnowledgeService service() {
    return service;
  }

  /** The embedding model (owned by this knowledge base): the local API's embeddings and memory matching use it. */
  public Embedder embedder() {
    return embedder;
  }

  /**
   * Loads the embedding model in the background if it is not loaded yet: called when the person opens search or
   * turns on answers from documents, so the first query does not wait a second or two for it.
   */
  public void prepareForSearch() {
    if (embedder instanceof LazyEmbedder lazy && !lazy.isLoaded()) {
      NamedThreads.named("embedder-preload").newThread(lazy::preload).start();
    }
  }

  /** What chat calls; the same object as {@link #service()}. */
  public KnowledgeRetriever retriever() {
    return service;
  }

  /** Which conversations answer from documents, and from which collections. */
  public ConversationDocuments conversationDocuments() {
    return conversationDocuments;
  }

  /**
   * For {@code StoredChatService}, after project instructions and memories: passages of the person's documents
   * for conversations that answer from them.
   *
   * @param engines the engine that answers (its model's context window sets the passages' budget)
   * @param configuredTokens the context size in Settings, for when the engine does not say
   */
  public DocumentContext documentContext(dev.tars.chat.EngineSource engines,
      java.util.function.IntSupplier configuredTokens) {
    return new DocumentContext(service, conversationDocuments, engines, configuredTokens);
  }

  /** As {@link #documentContext(dev.tars.chat.EngineSource, java.util.function.IntSupplier)}, with the notes. */
  public DocumentContext documentContext(dev.tars.chat.EngineSource engines,
      java.util.function.IntSupplier configuredTokens, NoteSource notes) {
    return new DocumentContext(service, conversationDocuments, engines, configuredTokens, notes);
  }

  @Override
  public void close() {
    service.close();
    ocr.close();
    embedder.close();
    LOG.info("Knowledge base closed");
  }
}
