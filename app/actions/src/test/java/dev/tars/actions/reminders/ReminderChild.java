package dev.tars.actions.reminders;

import dev.tars.storage.Database;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The process {@link ReminderExactlyOnceIT} kills: opens the data home, adds reminder {@code TEXT} due now (or
 * in 300 ms), and runs the scheduler. At the kill point it prints a marker and waits to be killed:
 * {@code before} = inside the recording transaction, {@code after} = recorded, not shown yet. {@code drain}
 * adds nothing and exits once nothing is left to deliver. Every notice shown is appended to the shown log.
 */
public final class ReminderChild {
  private ReminderChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path shownLog = Path.of(args[1]);
    String killPoint = args[2];
    String text = args.length > 3 ? args[3] : "";
    boolean later = args.length > 4 && args[4].equals("later");
    // Append-only H2: with space reuse, H2 2.5.252 loses every commit made after reuse starts when the process is
    // killed (reproduced by this test after ~45 s of kills; decision 1213). The outbox logic is what is tested.
    try (Database database = Database.open(db, ";REUSE_SPACE=FALSE");
        FileOutputStream shown = new FileOutputStream(shownLog.toFile(), true)) {
      ReminderStore store = new ReminderStore(database.dataSource(), Clock.systemUTC());
      if (!text.isEmpty()) {
        store.add(text + "@test", text, Instant.now().plus(Duration.ofMillis(later ? 300 : 0)), ZoneId.of("UTC"),
            Reminder.Status.PENDING, null);
      }
      ReminderStore.BeforeCommit before = r -> {
        if (killPoint.equals("before") && r.text().equals(text)) {
          waitForKill("RECORDING " + r.text());
        }
      };
      Runnable after = () -> {
        if (killPoint.equals("after")) {
          waitForKill("RECORDED " + text);
        }
      };
      ReminderScheduler scheduler = new ReminderScheduler(store, Clock.systemUTC(), DesktopNotifier.NONE, before,
          after);
      scheduler.addListener(notice -> {
        try {
          shown.write((notice.text() + "\n").getBytes(StandardCharsets.UTF_8));
          shown.getFD().sync();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      scheduler.start();
      while (!store.dueBy(Instant.now().plusSeconds(1)).isEmpty() || !store.unshown().isEmpty()) {
        Thread.sleep(50);
      }
      scheduler.close();
      System.out.println("DRAINED");
      System.out.flush();
    }
  }

  private static void waitForKill(String marker) {
    System.out.println(marker);
    System.out.flush();
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Never reached in the test: the parent kills the process first.
    Runtime.getRuntime().halt(3);
  }
}
