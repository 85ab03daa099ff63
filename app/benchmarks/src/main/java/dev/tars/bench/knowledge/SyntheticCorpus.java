package dev.tars.bench.knowledge;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.util.VectorUtil;

/**
 * The corpus the 100k-chunk index of {@link KnowledgeBench} holds: {@link RealCorpus real passages with real
 * embeddings}, topped up by derived passages. Vectors are numbered globally; passage {@code g} is chunk
 * {@code g % PER_DOC} of document {@code g / PER_DOC}, so a hit's chunk id leads back to its vector.
 */
record SyntheticCorpus(float[][] vectors, String[] texts) {
  /** Chunks per indexed document: the index gets one commit per document, as ingestion does. */
  static final int PER_DOC = 100;
  static final int NEIGHBOURS = 10;

  /**
   * Derived passages stay inside the space real embeddings occupy: a weighted mix of a real passage (50-100%)
   * and a partner plus a little isotropic noise, re-normalised. With {@code partner = neighbour} the partner is
   * one of the passage's {@link #NEIGHBOURS} nearest real passages, so a derived passage reads like another text
   * on the same topic (as more documents of a kind fill in the space between existing ones); with {@code random}
   * it is any real passage, a harsher stress case of unrelated topics glued together. Uniform random vectors
   * would be the worst case for HNSW and unlike anything a text embedding model produces.
   */
  static SyntheticCorpus synthesize(RealCorpus real, int total, String partner, double noise, Random random) {
    int n = real.size();
    int dim = real.vectors[0].length;
    int[][] near = partner.equals("random") ? null : nearestReal(real.vectors);
    float[][] vectors = new float[total][];
    String[] texts = new String[total];
    for (int g = 0; g < total; g++) {
      if (g < n) {
        vectors[g] = real.vectors[g];
        texts[g] = real.texts.get(g);
        continue;
      }
      int a = random.nextInt(n);
      int b = near == null ? random.nextInt(n) : near[a][random.nextInt(NEIGHBOURS)];
      float w = 0.5f + 0.5f * random.nextFloat();
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = w * real.vectors[a][d] + (1 - w) * real.vectors[b][d] + (float) (random.nextGaussian() * noise);
      }
      normalise(v);
      vectors[g] = v;
      String ta = real.texts.get(a);
      String tb = real.texts.get(b);
      texts[g] = ta.substring(0, ta.length() / 2) + " " + tb.substring(tb.length() / 2);
    }
    return new SyntheticCorpus(vectors, texts);
  }

  private static int[][] nearestReal(float[][] real) {
    int[][] near = new int[real.length][NEIGHBOURS];
    for (int i = 0; i < real.length; i++) {
      float[] best = new float[NEIGHBOURS];
      Arrays.fill(best, Float.NEGATIVE_INFINITY);
      for (int j = 0; j < real.length; j++) {
        if (j == i) {
          continue;
        }
        float s = VectorUtil.dotProduct(real[i], real[j]);
        if (s > best[NEIGHBOURS - 1]) {
          int pos = NEIGHBOURS - 1;
          while (pos > 0 && best[pos - 1] < s) {
            best[pos] = best[pos - 1];
            near[i][pos] = near[i][pos - 1];
            pos--;
          }
          best[pos] = s;
          near[i][pos] = j;
        }
      }
    }
    return near;
  }

  int size() {
    return vectors.length;
  }

  /** The vector number of a chunk id ("doc:ordinal") of this corpus's index. */
  static int indexOf(String chunkId) {
    int colon = chunkId.indexOf(':');
    return Integer.parseInt(chunkId.substring(0, colon)) * PER_DOC + Integer.parseInt(chunkId.substring(colon + 1));
  }

  /** Writes the corpus into {@code index}, one commit per {@value #PER_DOC}-chunk document. */
  void writeTo(KnowledgeIndex index) {
    int total = size();
    for (int docStart = 0; docStart < total; docStart += PER_DOC) {
      List<IndexedChunk> batch = new ArrayList<>(PER_DOC);
      for (int j = 0; j < PER_DOC && docStart + j < total; j++) {
        String t = texts[docStart + j];
        batch.add(new IndexedChunk(new Chunk(j, 0, 0, t.length(), t), vectors[docStart + j]));
      }
      index.replace(docStart / PER_DOC, 1, "bench-" + docStart, batch);
    }
  }

  private static void normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float n = (float) Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
  }
}
