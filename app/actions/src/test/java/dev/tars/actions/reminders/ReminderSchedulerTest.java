package dev.tars.actions.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.i18n.Texts;
import dev.tars.storage.Database;
import dev.tars.testkit.MutableClock;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reminders fire once, late ones are shown as missed, and the in-app notice is always shown. */
class ReminderSchedulerTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final Instant NOW = Instant.parse("2026-12-17T08:00:00Z");

  @TempDir Path dir;
  private Database database;
  private final MutableClock clock = new MutableClock(NOW);
  private ReminderStore store;
  private final List<Notice> shown = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir);
    store = new ReminderStore(database.dataSource(), clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private ReminderScheduler scheduler(DesktopNotifier notifier) {
    ReminderScheduler scheduler = new ReminderScheduler(store, clock, notifier);
    scheduler.addListener(shown::add);
    return scheduler;
  }

  @Test
  void reminderDueWhileClosedIsShownOnceAsMissedAtTheNextStart() {
    Reminder r = store.add("a@tars", "call the dentist", NOW.minus(Duration.ofHours(3)), MADRID,
        Reminder.Status.PENDING, null);
    try (ReminderScheduler first = scheduler(DesktopNotifier.NONE)) {
      first.start();
    }
    assertThat(shown).containsExactly(new Notice(r.id(), "call the dentist", r.due(), true));
    try (ReminderScheduler second = scheduler(DesktopNotifier.NONE)) {
      second.start();
      second.tick();
    }
    assertThat(shown).hasSize(1);
    assertThat(store.deliveries(r.id())).singleElement().satisfies(d -> assertThat(d.shownAt()).isNotNull());
    assertThat(store.find(r.id()).orElseThrow().status()).isEqualTo(Reminder.Status.FIRED);
  }

  @Test
  void wallClockJumpOfAResumeIsNoticedAndDueRemindersFire() throws Exception {
    Reminder r = store.add("b@tars", "take the pills", NOW.plus(Duration.ofHours(1)), MADRID,
        Reminder.Status.PENDING, null);
    try (ReminderScheduler scheduler = scheduler(DesktopNotifier.NONE)) {
      scheduler.start();
      Thread.sleep(1500);
      assertThat(shown).isEmpty();
      clock.advance(Duration.ofHours(2));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (shown.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(shown).containsExactly(new Notice(r.id(), "take the pills", r.due(), true));
      assertThat(scheduler.jumps()).isPositive();
    }
  }

  @Test
  void ticksOnTheAppsSchedulerAndLeavesItRunning() throws Exception {
    var app = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
        dev.tars.concurrent.NamedThreads.named("test-app-scheduler"));
    try {
      Reminder r = store.add("f@tars", "stand up", NOW.plusSeconds(30), MADRID, Reminder.Status.PENDING, null);
      ReminderScheduler scheduler = new ReminderScheduler(store, clock, DesktopNotifier.NONE, x -> {}, () -> {}, app);
      scheduler.addListener(shown::add);
      scheduler.start();
      clock.advance(Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (shown.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      scheduler.close();
      assertThat(shown).extracting(Notice::reminderId).containsExactly(r.id());
      assertThat(app.isShutdown()).isFalse();
    } finally {
      app.shutdownNow();
    }
  }

  @Test
  void snoozedReminderFiresAgainAtItsNewTime() {
    Reminder r = store.add("c@tars", "stretch", NOW, MADRID, Reminder.Status.PENDING, null);
    try (ReminderScheduler scheduler = scheduler(DesktopNotifier.NONE)) {
      scheduler.start();
      store.update(r.id(), r.text(), NOW.plus(Duration.ofMinutes(10)), Reminder.Status.PENDING);
      scheduler.tick();
      assertThat(shown).hasSize(1);
      clock.advance(Duration.ofMinutes(10));
      scheduler.tick();
      assertThat(shown).hasSize(2);
      assertThat(shown.get(1).missed()).isFalse();
    }
    assertThat(store.deliveries(r.id())).hasSize(2);
  }

  @Test
  void withoutANotificationServiceOrWhenItFailsTheInAppNoticeIsShown() {
    Texts texts = Texts.of(Locale.ENGLISH);
    assertThat(FreedesktopNotifier.detect(Map.of("PATH", "/usr/bin:/bin"), texts, MADRID, (id, c) -> {}))
        .isSameAs(DesktopNotifier.NONE);
    store.add("d@tars", "water the plants", NOW, MADRID, Reminder.Status.PENDING, null);
    DesktopNotifier broken = notice -> {
      throw new IllegalStateException("D-Bus went away");
    };
    try (ReminderScheduler scheduler = scheduler(broken)) {
      scheduler.start();
    }
    assertThat(shown).extracting(Notice::text).containsExactly("water the plants");
  }

  @Test
  void freedesktopNotificationGoesThroughNotifySendAndItsButtonComesBack() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path args = dir.resolve("args.txt");
    Path fake = bin.resolve("notify-send");
    // Stands in for libnotify's notify-send: keeps its arguments and answers as if Done was pressed.
    Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\necho done\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> choices = new CopyOnWriteArrayList<>();
    DesktopNotifier notifier = FreedesktopNotifier.detect(Map.of("PATH", bin.toString(),
        "DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"), Texts.of(Locale.forLanguageTag("es")), MADRID,
        (id, choice) -> choices.add(id + " " + choice));
    Reminder r = store.add("e@tars", "llamar al dentista", NOW.minus(Duration.ofHours(1)), MADRID,
        Reminder.Status.PENDING, null);
    try (ReminderScheduler scheduler = scheduler(notifier)) {
      scheduler.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (choices.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    assertThat(choices).containsExactly(r.id() + " done");
    assertThat(Files.readAllLines(args)).contains("--app-name=Tars", "--action=done=Hecho",
        "Recordatorio perdido").anySatisfy(line -> assertThat(line).startsWith("llamar al dentista (vencía"));
    assertThat(shown).hasSize(1);
  }
}
