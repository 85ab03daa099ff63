package dev.tars.knowledge.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEmbedderIT {

  @Test
  void relatedTextsLieCloserThanUnrelatedOnesAndVectorsAreUnitLength(@TempDir Path cache) {
    try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache, 2)) {
      List<float[]> v = embedder.embedPassages(List.of(
          "The cat sat on the warm windowsill and purred.",
          "Quarterly revenue grew by twelve percent thanks to strong exports.",
          "A kitten was napping in the sun by the window."));
      float[] q = embedder.embedQuery("where is the cat sleeping?");
      assertThat(v).hasSize(3).allSatisfy(x -> assertThat(x).hasSize(384));
      assertThat(dot(v.get(0), v.get(0))).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));
      assertThat(dot(v.get(0), v.get(2))).isGreaterThan(dot(v.get(0), v.get(1)));
      assertThat(dot(q, v.get(0))).isGreaterThan(dot(q, v.get(1)));
    }
  }

  @Test
  void theMultiThreadedQuerySessionGivesTheSameVectorAsAWorkerSession(@TempDir Path cache) {
    try (OnnxEmbedder threaded = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache, 1, 2);
        OnnxEmbedder single = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache, 1, 1)) {
      String query = "how do I configure the proxy for apt?";

      float[] a = threaded.embedQuery(query);
      float[] b = single.embedQuery(query);

      assertThat(dot(a, b)).isGreaterThan(0.9999f);
    }
  }

  @Test
  void aPassageGetsTheSameVectorAmongOthersAsAlone(@TempDir Path cache) {
    // The model quantises its activations at run time over the whole input: padding a batch would change them.
    List<String> texts = List.of("Short one.",
        "A much longer passage about configuring the network interfaces of a Debian system with ifupdown, "
            + "NetworkManager or systemd-networkd, and how each of them reads its configuration files.",
        "Medium length text about backups and where they are kept.");
    try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache, 2)) {
      List<float[]> together = embedder.embedPassages(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(embedder.embedPassages(List.of(texts.get(i))).getFirst()).containsExactly(together.get(i));
      }
    }
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
