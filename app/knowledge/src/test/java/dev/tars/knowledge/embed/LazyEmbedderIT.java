package dev.tars.knowledge.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LazyEmbedderIT {

  @Test
  void theModelIsLoadedOnTheFirstTextOnceAndNotBefore(@TempDir Path cache) throws Exception {
    AtomicInteger loads = new AtomicInteger();
    OnnxEmbedder.ModelFiles files = OnnxEmbedder.BGE_SMALL_EN_V15_Q;
    try (LazyEmbedder lazy = new LazyEmbedder(files.name(), files.dimension(), () -> {
      loads.incrementAndGet();
      return OnnxEmbedder.load(files, cache, 2);
    })) {
      assertThat(lazy.modelName()).isEqualTo("bge-small-en-v1.5-q");
      assertThat(lazy.dimension()).isEqualTo(384);
      assertThat(lazy.isLoaded()).isFalse();
      assertThat(cache).isEmptyDirectory(); // not even unpacked

      ExecutorService callers = Executors.newFixedThreadPool(3);
      try {
        List<Future<float[]>> vectors = callers.invokeAll(List.of(
            () -> lazy.embedQuery("where is the cat?"),
            () -> lazy.embedPassages(List.of("The cat sleeps on the windowsill.")).get(0),
            () -> lazy.embedQuery("quarterly revenue")));
        for (Future<float[]> v : vectors) {
          assertThat(v.get()).hasSize(384);
        }
      } finally {
        callers.shutdown();
      }
      assertThat(loads).hasValue(1);
      assertThat(lazy.isLoaded()).isTrue();
    }
  }

  @Test
  void aModelThatCannotLoadFailsEveryCallWithItsMessageWithoutRetrying(@TempDir Path cache) throws Exception {
    Path notADirectory = Files.writeString(cache.resolve("file"), "x");
    AtomicInteger loads = new AtomicInteger();
    OnnxEmbedder.ModelFiles files = OnnxEmbedder.BGE_SMALL_EN_V15_Q;
    try (LazyEmbedder lazy = new LazyEmbedder(files.name(), files.dimension(), () -> {
      loads.incrementAndGet();
      return OnnxEmbedder.load(files, notADirectory, 1);
    })) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> lazy.embedQuery("anything"))
            .isInstanceOf(OnnxEmbedder.EmbedderUnavailableException.class)
            .hasMessageContaining("could not be loaded");
      }
      assertThat(loads).hasValue(1);
    }
  }

  @Test
  void preloadingLoadsOnceAndAFailureWaitsForTheCallThatNeedsTheModel() {
    AtomicInteger loads = new AtomicInteger();
    LazyEmbedder broken = new LazyEmbedder("m", 3, () -> {
      loads.incrementAndGet();
      throw new IllegalStateException("model file missing");
    });

    broken.preload();
    broken.preload();

    assertThat(loads).hasValue(1);
    assertThat(broken.isLoaded()).isFalse();
    assertThatThrownBy(() -> broken.embedQuery("now")).hasMessage("model file missing");
  }

  @Test
  void closingBeforeFirstUseLoadsNothing() {
    AtomicInteger loads = new AtomicInteger();
    LazyEmbedder lazy = new LazyEmbedder("m", 3, () -> {
      loads.incrementAndGet();
      throw new AssertionError("must not load");
    });

    lazy.close();

    assertThat(loads).hasValue(0);
    assertThatThrownBy(() -> lazy.embedQuery("late")).isInstanceOf(IllegalStateException.class);
  }
}
