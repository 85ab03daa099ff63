package dev.tars.knowledge.index;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.lang.Language;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The index's schema: how one chunk becomes a Lucene document and how a stored document is read back. The
 * writer ({@link KnowledgeIndex}) and the searcher ({@link HybridSearch}) both go through here, so a field is
 * named in one place.
 */
final class ChunkFields {
  static final String CHUNK = "chunk";
  static final String DOC = "doc";
  static final String COLLECTION = "collection";
  static final String PATH = "path";
  static final String ORDINAL = "ordinal";
  static final String PAGE = "page";
  static final String START = "start";
  static final String END = "end";
  /** The small unit's text as stored; its BM25 terms are in the field of its language ({@link Analysis}). */
  static final String UNIT = "unit";
  static final String CONTEXT = "context";
  static final String CONTEXT_START = "context_start";
  static final String CONTEXT_END = "context_end";
  static final String HEADING = "heading";
  static final String LANGUAGE = "language";
  static final String VECTOR = "vector";

  private ChunkFields() {
  }

  /** One chunk of a document as a Lucene document; its words are analysed for {@code language}. */
  static Document toDocument(long documentId, long collectionId, String path, Language language, IndexedChunk ic) {
    Chunk c = ic.chunk();
    Document d = new Document();
    d.add(new StringField(CHUNK, documentId + ":" + c.ordinal(), Field.Store.YES));
    d.add(new StringField(DOC, Long.toString(documentId), Field.Store.YES));
    d.add(new StringField(COLLECTION, Long.toString(collectionId), Field.Store.YES));
    d.add(new StoredField(PATH, path));
    d.add(new StoredField(ORDINAL, c.ordinal()));
    d.add(new StoredField(PAGE, c.page()));
    d.add(new StoredField(START, c.start()));
    d.add(new StoredField(END, c.end()));
    d.add(new StoredField(UNIT, c.text()));
    d.add(new StoredField(CONTEXT_START, c.contextStart()));
    d.add(new StoredField(CONTEXT_END, c.contextEnd()));
    d.add(new StoredField(CONTEXT, c.context()));
    d.add(new StoredField(HEADING, c.heading()));
    d.add(new StoredField(LANGUAGE, language.code()));
    // The title and headings are searched with the unit: a question names the topic more often than the
    // unit under it repeats it.
    d.add(new TextField(Analysis.field(language), titleOf(path) + "\n" + c.heading() + "\n" + c.text(),
        Field.Store.NO));
    d.add(new KnnFloatVectorField(VECTOR, ic.vector(), VectorSimilarityFunction.DOT_PRODUCT));
    return d;
  }

  /** A document's title as its file name gives it: "apt-cache.8.gz" and "Backups.part.html" become words. */
  static String titleOf(String path) {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    return name.replaceAll("\\.(gz|bz2|xz)$", "").replaceAll("\\.[A-Za-z0-9]{1,5}$", "")
        .replaceAll("\\.(part|[0-9][a-z]?)$", "").replace('_', ' ');
  }

  static int intField(Document d, String field) {
    return d.getField(field).numericValue().intValue();
  }
}
