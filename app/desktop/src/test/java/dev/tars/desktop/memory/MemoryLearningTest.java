package dev.tars.desktop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.desktop.fx.Notices;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryExtractor;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.Proposal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryLearningTest {
  private final List<Long> read = new ArrayList<>();
  private final Map<Long, CompletableFuture<MemoryExtractor.Extraction>> answers = new HashMap<>();
  private final Notices notices = new Notices();
  private final AtomicInteger reviews = new AtomicInteger();
  private final AtomicInteger timerRestarts = new AtomicInteger();
  private final AtomicInteger timerStops = new AtomicInteger();
  private MemoryLearning learning;

  @BeforeEach
  void create() {
    learning = new MemoryLearning(id -> {
      read.add(id);
      return answers.getOrDefault(id, CompletableFuture.completedFuture(MemoryExtractor.Extraction.NOTHING));
    }, notices, I18n.forLanguage("en"), UiDispatcher.immediate(), reviews::incrementAndGet);
    learning.setTimer(new MemoryLearning.QuietTimer() {
      @Override
      public void restart() {
        timerRestarts.incrementAndGet();
      }

      @Override
      public void stop() {
        timerStops.incrementAndGet();
      }
    });
  }

  @Test
  void conversationsAreReadOnceEachWhenTheChatIsQuietAndNewFactsAreAnnounced() {
    answers.put(1L, CompletableFuture.completedFuture(proposed("Prefers metric units", "Lives in Oslo")));
    answers.put(2L, CompletableFuture.completedFuture(proposed("Works on the Acme migration")));

    learning.answerEnded(1);
    learning.left(1);
    learning.left(2);
    assertThat(read).isEmpty();
    assertThat(timerRestarts).hasValue(3);

    learning.quiet();

    assertThat(read).containsExactly(1L, 2L);
    Notices.Notice notice = notices.shown().getFirst();
    assertThat(notice.text()).isEqualTo("Tars learned 3 things about you");
    assertThat(notice.actionLabel()).isEqualTo("Review");
    notice.action().run();
    assertThat(reviews).hasValue(1);

    learning.quiet();
    assertThat(read).hasSize(2);
  }

  @Test
  void nothingIsReadWhileAnAnswerIsStreaming() {
    learning.left(7);
    learning.answerStarted();
    assertThat(timerStops).hasValue(1);

    learning.quiet();
    assertThat(read).isEmpty();

    learning.answerEnded(8);
    learning.quiet();
    assertThat(read).containsExactly(7L, 8L);
  }

  @Test
  void factsKeptByAutoAcceptAreAnnouncedAsRemembered() {
    Memory kept = new Memory(5, MemoryScope.GLOBAL, "Is vegetarian", false, 3, Instant.EPOCH, Instant.EPOCH, null);
    answers.put(3L, CompletableFuture.completedFuture(new MemoryExtractor.Extraction(List.of(), List.of(),
        List.of(kept))));

    learning.left(3);
    learning.quiet();

    assertThat(notices.shown()).extracting(Notices.Notice::text)
        .containsExactly("Tars remembered 1 new thing about you");
  }

  @Test
  void aFailedOrEmptyReadingStaysQuiet() {
    answers.put(4L, CompletableFuture.failedFuture(new IllegalStateException("engine gone")));

    learning.left(4);
    learning.left(5);
    learning.quiet();

    assertThat(read).containsExactly(4L, 5L);
    assertThat(notices.shown()).isEmpty();
  }

  private static MemoryExtractor.Extraction proposed(String... texts) {
    List<Proposal> proposals = new ArrayList<>();
    for (String text : texts) {
      proposals.add(new Proposal(proposals.size() + 1, MemoryScope.GLOBAL, text, "conversation", 1, Instant.EPOCH));
    }
    return new MemoryExtractor.Extraction(List.of(), proposals, List.of());
  }
}
