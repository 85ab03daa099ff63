package dev.tars.desktop.memory;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.desktop.fx.Notices;
import dev.tars.memory.MemoryExtractor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * When Tars reads conversations for facts. A conversation is read after it changed (an answer ended) or when
 * the person leaves it, but only once the chat has been quiet for a while: the local model answers one request
 * at a time, so reading for facts while the person is waiting for an answer would slow that answer down. When
 * reading found something, a notice says so and offers to review it. UI-thread only.
 */
public final class MemoryLearning {
  /** A timer the chat's quiet time is measured with (a JavaFX pause in the app, by hand in tests). */
  public interface QuietTimer {
    void restart();

    void stop();
  }

  private final LongFunction<CompletableFuture<MemoryExtractor.Extraction>> extract;
  private final Notices notices;
  private final I18n i18n;
  private final UiDispatcher ui;
  private final Runnable review;
  private final Set<Long> pending = new LinkedHashSet<>();
  private QuietTimer timer;
  private boolean answering;

  /**
   * @param extract starts reading one conversation (in the background)
   * @param review shows the Memory page
   */
  public MemoryLearning(LongFunction<CompletableFuture<MemoryExtractor.Extraction>> extract, Notices notices,
      I18n i18n, UiDispatcher ui, Runnable review) {
    this.extract = extract;
    this.notices = notices;
    this.i18n = i18n;
    this.ui = ui;
    this.review = review;
  }

  /** Set once, before the first event: {@link #quiet()} must run when it fires. */
  public void setTimer(QuietTimer timer) {
    this.timer = timer;
  }

  /** An answer started somewhere: wait with reading until the chat is quiet again. */
  public void answerStarted() {
    answering = true;
    if (timer != null) {
      timer.stop();
    }
  }

  /** An answer in {@code conversationId} ended: read it once the chat is quiet. */
  public void answerEnded(long conversationId) {
    answering = false;
    remember(conversationId);
  }

  /** The person left {@code conversationId} (opened another one, a new chat, another project). */
  public void left(long conversationId) {
    remember(conversationId);
  }

  /** The chat has been quiet long enough: reads every conversation waiting, then tells what was learned. */
  public void quiet() {
    if (answering || pending.isEmpty()) {
      return;
    }
    List<CompletableFuture<MemoryExtractor.Extraction>> reads = new ArrayList<>();
    for (long id : pending) {
      reads.add(extract.apply(id));
    }
    pending.clear();
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
      int proposed = 0;
      int remembered = 0;
      for (CompletableFuture<MemoryExtractor.Extraction> read : reads) {
        if (read.isDone() && !read.isCompletedExceptionally()) {
          MemoryExtractor.Extraction e = read.getNow(MemoryExtractor.Extraction.NOTHING);
          proposed += e.proposals().size();
          remembered += e.remembered().size();
        }
      }
      int newProposals = proposed;
      int kept = remembered;
      ui.run(() -> tell(newProposals, kept));
    });
  }

  private void remember(long conversationId) {
    if (conversationId <= 0) {
      return;
    }
    pending.add(conversationId);
    if (timer != null && !answering) {
      timer.restart();
    }
  }

  private void tell(int proposed, int remembered) {
    if (proposed > 0) {
      notices.post(new Notices.Notice(Notices.Kind.INFO, i18n.get("memory.learned", proposed),
          i18n.get("memory.learned.review"), review));
    } else if (remembered > 0) {
      notices.post(new Notices.Notice(Notices.Kind.INFO, i18n.get("memory.remembered", remembered),
          i18n.get("memory.remembered.show"), review));
    }
  }
}
