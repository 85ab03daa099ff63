package dev.tars.actions.reminders;

import dev.tars.concurrent.NamedThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers reminders at their due time, exactly once. Every second it compares the wall clock with the
 * reminders' due times (not a timer armed for each one, which would sleep through a suspend: the JVM's timers
 * follow a clock that stops while the computer sleeps). A wall clock that moved more than the monotonic
 * clock, a resume or a clock change, is logged and due reminders fire at that tick.
 *
 * <p>Delivery: {@link ReminderStore#record} marks the reminder fired and writes the outbox row in one
 * transaction; then the notice is shown (desktop notification if there is a service, the in-app notice always)
 * and the row marked shown. At start, reminders that fell due while Tars was closed fire once as missed, and
 * rows recorded but never shown (a crash in between) are shown.
 */
public final class ReminderScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReminderScheduler.class);
  /** Later than this after its due time, a reminder is shown as missed. */
  static final Duration LATE = Duration.ofMinutes(1);
  /** A wall clock that moved this much more (or less) than the monotonic clock between ticks jumped. */
  static final Duration JUMP = Duration.ofSeconds(5);

  private final ReminderStore store;
  private final Clock clock;
  private final DesktopNotifier desktop;
  private final List<Consumer<Notice>> inApp = new CopyOnWriteArrayList<>();
  private final ReminderStore.BeforeCommit beforeCommit;
  private final Runnable afterCommit;
  private final ScheduledExecutorService appScheduler;
  private ScheduledExecutorService executor;
  private java.util.concurrent.ScheduledFuture<?> ticking;
  private Instant lastWall;
  private long lastMono;
  private volatile int jumps;

  /**
   * @param beforeCommit runs inside the recording transaction ({@code r -> {}} in the app; tests crash there)
   * @param afterCommit runs after recording, before showing (a no-op in the app; tests crash there)
   */
  public ReminderScheduler(ReminderStore store, Clock clock, DesktopNotifier desktop,
      ReminderStore.BeforeCommit beforeCommit, Runnable afterCommit) {
    this(store, clock, desktop, beforeCommit, afterCommit, null);
  }

  /**
   * @param appScheduler the app's scheduler to tick on (not shut down here), or null for a thread of its own
   */
  public ReminderScheduler(ReminderStore store, Clock clock, DesktopNotifier desktop,
      ReminderStore.BeforeCommit beforeCommit, Runnable afterCommit, ScheduledExecutorService appScheduler) {
    this.appScheduler = appScheduler;
    this.store = store;
    this.clock = clock;
    this.desktop = desktop;
    this.beforeCommit = beforeCommit;
    this.afterCommit = afterCommit;
  }

  public ReminderScheduler(ReminderStore store, Clock clock, DesktopNotifier desktop) {
    this(store, clock, desktop, r -> {}, () -> {});
  }

  /** The in-app notice: called for every reminder shown, on the scheduler's thread. */
  public void addListener(Consumer<Notice> listener) {
    inApp.add(listener);
  }

  /** Shows what a crash left unshown and what fell due while closed, then checks every second. */
  public synchronized void start() {
    if (ticking != null) {
      return;
    }
    catchUp();
    lastWall = clock.instant();
    lastMono = System.nanoTime();
    if (appScheduler == null) {
      executor = Executors.newSingleThreadScheduledExecutor(NamedThreads.named("reminders"));
    }
    ticking = (appScheduler == null ? executor : appScheduler)
        .scheduleWithFixedDelay(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    LOG.info("Reminders scheduled; next due {}", store.nextDue().map(Instant::toString).orElse("none"));
  }

  /** Delivers what is due now. Called every second; public so a caller that knows the time changed can ask. */
  public synchronized void tick() {
    Instant now = clock.instant();
    long mono = System.nanoTime();
    if (lastWall != null) {
      Duration wall = Duration.between(lastWall, now);
      Duration monotonic = Duration.ofNanos(mono - lastMono);
      if (wall.minus(monotonic).abs().compareTo(JUMP) > 0) {
        jumps++;
        LOG.info("The wall clock jumped by {} s (resume from suspend or a clock change); checking reminders",
            wall.minus(monotonic).toSeconds());
      }
    }
    lastWall = now;
    lastMono = mono;
    deliverDue(now);
  }

  /** How many wall-clock jumps were noticed (for the dashboard and tests). */
  public int jumps() {
    return jumps;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("Checking reminders failed; trying again in a second", e);
    }
  }

  private void catchUp() {
    for (ReminderStore.Delivery d : store.unshown()) {
      store.find(d.reminderId()).ifPresent(r -> show(new Notice(r.id(), r.text(), d.due(), true)));
      store.markShown(d.reminderId(), d.due());
    }
    deliverDue(clock.instant());
  }

  private void deliverDue(Instant now) {
    for (Reminder r : store.dueBy(now)) {
      boolean missed = Duration.between(r.due(), now).compareTo(LATE) > 0;
      if (!store.record(r, missed, beforeCommit)) {
        continue;
      }
      afterCommit.run();
      show(new Notice(r.id(), r.text(), r.due(), missed));
      store.markShown(r.id(), r.due());
    }
  }

  private void show(Notice notice) {
    boolean shown = false;
    try {
      shown = desktop.show(notice);
    } catch (RuntimeException e) {
      LOG.warn("The desktop notification failed; the notice is shown in the window", e);
    }
    LOG.info("Reminder {} delivered ({}{})", notice.reminderId(), shown ? "desktop and window" : "window",
        notice.missed() ? ", missed" : "");
    for (Consumer<Notice> listener : inApp) {
      try {
        listener.accept(notice);
      } catch (RuntimeException e) {
        LOG.warn("An in-app notice listener failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (ticking == null) {
      return;
    }
    ticking.cancel(false);
    ticking = null;
    if (executor == null) {
      LOG.info("Reminder checks stopped on the app's scheduler");
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
    LOG.info("Reminder scheduler stopped");
  }
}
