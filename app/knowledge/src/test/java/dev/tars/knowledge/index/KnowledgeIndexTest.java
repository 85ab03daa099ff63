package dev.tars.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.chunk.Chunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeIndexTest {
  private static final int DIM = 32;
  private static final int PER_DOC = 50;
  @TempDir Path dir;

  /** Clustered unit vectors (topics plus spread), in several committed documents, as ingestion writes them. */
  private static float[][] clusteredVectors(int n, Random random) {
    float[][] topics = new float[40][DIM];
    for (float[] t : topics) {
      for (int d = 0; d < DIM; d++) {
        t[d] = (float) random.nextGaussian();
      }
    }
    float[][] vectors = new float[n][DIM];
    for (int i = 0; i < n; i++) {
      float[] t = topics[random.nextInt(topics.length)];
      for (int d = 0; d < DIM; d++) {
        vectors[i][d] = t[d] + (float) random.nextGaussian() * 0.6f;
      }
      VectorUtil.l2normalize(vectors[i]);
    }
    return vectors;
  }

  private static void fill(KnowledgeIndex index, float[][] vectors) {
    for (int doc = 0; doc * PER_DOC < vectors.length; doc++) {
      List<IndexedChunk> chunks = new ArrayList<>();
      for (int j = 0; j < PER_DOC; j++) {
        chunks.add(new IndexedChunk(new Chunk(j, 1, j * 30, j * 30 + 20, "passage " + doc + " " + j), vectors[doc * PER_DOC + j]));
      }
      index.replace(doc, 1, "doc" + doc, chunks);
    }
  }

  private static Set<String> exactTop10(float[][] vectors, float[] q) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> Float.compare(VectorUtil.dotProduct(vectors[b], q), VectorUtil.dotProduct(vectors[a], q)));
    Set<String> ids = new HashSet<>();
    for (int i : order.subList(0, 10)) {
      ids.add((i / PER_DOC) + ":" + (i % PER_DOC));
    }
    return ids;
  }

  @Test
  void vectorSearchAtTheDefaultWidthFindsTheExactNearestNeighbours() {
    Random random = new Random(1);
    float[][] vectors = clusteredVectors(4000, random);
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      fill(index, vectors);
      index.optimize();
      double found = 0;
      int queries = 50;
      for (int q = 0; q < queries; q++) {
        float[] query = clusteredVectors(1, random)[0];
        Set<String> exact = exactTop10(vectors, query);
        found += index.vectorSearch(query, 10, KnowledgeIndex.Hnsw.DEFAULT.searchWidth()).stream()
            .filter(exact::contains).count();
      }
      assertThat(found / (queries * 10)).isGreaterThanOrEqualTo(0.98);
    }
  }

  @Test
  void hybridSearchReportsWhereItsTimeWentAndReadsOnlyTheKeptHits() {
    float[][] vectors = clusteredVectors(200, new Random(2));
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      fill(index, vectors);
      SearchTimings timings = new SearchTimings();

      List<Hit> hits = index.search(vectors[7], "passage 0 7", List.of(), 5, 100, timings);

      assertThat(hits).hasSize(5);
      assertThat(hits.getFirst().text()).isEqualTo("passage 0 7");
      assertThat(timings.vectorNanos()).isPositive();
      assertThat(timings.keywordNanos()).isPositive();
      assertThat(timings.fuseNanos()).isPositive();
    }
  }

  @Test
  void anIndexWrittenWithOtherHnswSettingsOpensWithPlainLuceneAndWithTheDefaults() throws Exception {
    float[][] vectors = clusteredVectors(100, new Random(3));
    try (KnowledgeIndex index = new KnowledgeIndex(dir, new KnowledgeIndex.Hnsw(8, 40, 20))) {
      fill(index, vectors);
    }
    try (FSDirectory d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
      assertThat(reader.numDocs()).isEqualTo(100);
    }
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      assertThat(index.vectorSearch(vectors[42], 1, 50)).containsExactly("0:42");
    }
  }
}
