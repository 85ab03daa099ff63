package dev.tars.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.lang.Language;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 with each language's analysis, the reranker's sentence, and the index format, on a real Lucene index. */
class LanguageAwareSearchTest {
  @TempDir Path dir;

  private static float[] axis(int i) {
    float[] v = new float[8];
    v[i] = 1;
    return v;
  }

  private static IndexedChunk unit(int ordinal, int start, String text, String context, int contextStart, int axis) {
    return new IndexedChunk(new Chunk(ordinal, 0, start, start + text.length(), text, contextStart,
        contextStart + context.length(), context, "Red"), axis(axis));
  }

  private void fill(KnowledgeIndex index) {
    String es = "Las configuraciones de red se guardan en el menú Sistema. Después pulse Aplicar.";
    index.replace(1, 1, "/docs/es/Redes.part.html", Language.SPANISH, List.of(unit(0, 0, es, es, 0, 1)));
    String en = "Network settings are saved in the System menu. Then press Apply.";
    index.replace(2, 1, "/docs/en/Networks.part.html", Language.ENGLISH, List.of(unit(0, 0, en, en, 0, 2)));
    String other = "The garden needs water every morning in summer. Roses like sun.";
    index.replace(3, 1, "/docs/en/Garden.txt", Language.ENGLISH, List.of(unit(0, 0, other, other, 0, 3)));
  }

  @Test
  void spanishWordFormsAndMissingAccentsFindTheSpanishPassage() {
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      fill(index);
      // A question vector that points nowhere in particular: BM25 and the reranker's word overlap decide.
      List<Hit> hits = index.search(axis(7), "¿dónde se guarda la configuracion?", List.of(), 3, 10);
      assertThat(hits.getFirst().documentId()).isEqualTo(1);
      assertThat(hits.getFirst().context().substring(hits.getFirst().highlightStart(), hits.getFirst().highlightEnd()))
          .isEqualTo("Las configuraciones de red se guardan en el menú Sistema.");
    }
  }

  @Test
  void englishQuestionsStillUseTheEnglishAnalysis() {
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      fill(index);
      List<Hit> hits = index.search(axis(7), "Where are the network settings saved?", List.of(), 3, 10);
      assertThat(hits.getFirst().documentId()).isEqualTo(2);
      assertThat(hits.getFirst().text().substring(hits.getFirst().highlightStart(), hits.getFirst().highlightEnd()))
          .isEqualTo("Network settings are saved in the System menu.");
    }
  }

  @Test
  void anIndexWrittenBeforePassageShapesWereVersionedNeedsARebuild() throws Exception {
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var writer = new org.apache.lucene.index.IndexWriter(directory,
            new org.apache.lucene.index.IndexWriterConfig())) {
      org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
      d.add(new org.apache.lucene.document.StringField("doc", "1", org.apache.lucene.document.Field.Store.YES));
      writer.addDocument(d);
      writer.commit();
    }
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      assertThat(index.needsRebuild()).isTrue();
    }
  }

  @Test
  void anIndexOfTheCurrentFormatNeedsNoRebuild() {
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      fill(index);
    }
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      assertThat(index.needsRebuild()).isFalse();
      assertThat(index.size()).isEqualTo(3);
    }
  }
}
