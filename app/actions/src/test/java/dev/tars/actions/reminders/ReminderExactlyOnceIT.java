package dev.tars.actions.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.storage.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once delivery across crashes: a real child JVM is killed with SIGKILL between firing a reminder and
 * recording it (inside the transaction) or between recording and showing it, 50 times; each next start
 * delivers what the previous one left. In the end every reminder has one delivery row and was shown once.
 */
class ReminderExactlyOnceIT {
  private static final int ROUNDS = Integer.getInteger("reminders.rounds", 50);

  @TempDir Path dir;

  @Test
  void killNineBetweenFiringAndRecordingNeitherLosesNorRepeatsAReminder() throws Exception {
    Path db = dir.resolve("db/tars");
    Path shownLog = dir.resolve("shown.log");
    Files.createFile(shownLog);
    for (int i = 0; i < ROUNDS; i++) {
      String killPoint = i % 2 == 0 ? "before" : "after";
      Process child = start(db, shownLog, killPoint, "r" + i, i % 4 < 2 ? "now" : "later");
      String marker = awaitMarker(child);
      assertThat(marker).as("round %d", i).isEqualTo((killPoint.equals("before") ? "RECORDING r" : "RECORDED r") + i);
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Process drain = start(db, shownLog, "drain", "", "now");
    assertThat(awaitMarker(drain)).isEqualTo("DRAINED");
    assertThat(drain.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Map<String, Long> shownCounts = Files.readAllLines(shownLog).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    try (Database database = Database.open(db, ";REUSE_SPACE=FALSE")) {
      ReminderStore store = new ReminderStore(database.dataSource(), Clock.systemUTC());
      List<Reminder> all = store.all();
      assertThat(all).hasSize(ROUNDS);
      for (Reminder r : all) {
        assertThat(r.status()).as(r.text()).isEqualTo(Reminder.Status.FIRED);
        assertThat(store.deliveries(r.id())).as(r.text()).singleElement()
            .satisfies(d -> assertThat(d.shownAt()).isNotNull());
        assertThat(shownCounts.get(r.text())).as("times %s was shown", r.text()).isEqualTo(1L);
      }
    }
    assertThat(shownCounts).hasSize(ROUNDS);
  }

  private static Process start(Path db, Path shownLog, String killPoint, String text, String when) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    // A class-data archive made by the first child makes the next 50 start faster.
    Path archive = Path.of("target", "reminder-child.jsa").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:disable", "-Xlog:all=off",
        "-Dlogback.configurationFile=none", "-cp", System.getProperty("java.class.path"),
        ReminderChild.class.getName(), db.toString(), shownLog.toString(), killPoint, text, when));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String awaitMarker(Process child) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("RECORDING ") || line.startsWith("RECORDED ") || line.equals("DRAINED")) {
        return line;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("The child ended without reaching its kill point:\n" + seen);
  }
}
