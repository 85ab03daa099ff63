package dev.tars.bench.agenda;

import dev.tars.actions.Action;
import dev.tars.actions.ActionService;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.CalendarFile;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Importing a calendar of {@code bench.events} events (default 10,000: a Google-style export in Europe/Madrid,
 * one in ten repeating weekly, one in twenty all-day) into a fresh database, read + check + store; and
 * expanding one month of that agenda (every occurrence, repeating events included). The reference measured in
 * the same run is parsing the same file with ical4j alone (no checks, no storage). Min, median and max of
 * {@code bench.rounds} runs (default 5), with the machine's load and the CPU time of the import.
 */
public final class AgendaBenchmark {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  private AgendaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.getInteger("bench.events", 10_000);
    Path dir = Files.createTempDirectory("tars-agenda-bench");
    Path file = dir.resolve("calendar.ics");
    Files.writeString(file, calendar(events), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "Agenda: %,d events, file %.1f MB%n", events, Files.size(file) / 1048576.0);

    int rounds = Integer.getInteger("bench.rounds", 5);
    double[] parseOnly = new double[rounds];
    double[] imports = new double[rounds];
    double[] reads = new double[rounds];
    double[] stores = new double[rounds];
    double[] importCpu = new double[rounds];
    double[] months = new double[rounds];
    int occurrences = 0;
    double loadBefore = MonthViewBenchmark.load();
    for (int run = 0; run < rounds; run++) {
      long t0 = System.nanoTime();
      new net.fortuna.ical4j.data.CalendarBuilder().build(Files.newBufferedReader(file, StandardCharsets.UTF_8));
      parseOnly[run] = (System.nanoTime() - t0) / 1e6;
      Path home = dir.resolve("run" + run);
      try (Database db = Database.open(home.resolve("db/tars"))) {
        Actions actions = Actions.open(db.dataSource(), new MemoryService(db.dataSource(), Clock.systemUTC()),
            Clock.systemUTC(), MADRID, DesktopNotifier.NONE);
        long cpu0 = processCpuNanos();
        long t1 = System.nanoTime();
        CalendarFile read = actions.agenda().read(file);
        long t1b = System.nanoTime();
        ActionService.Outcome outcome = actions.service().execute(new Action.ImportCalendar(read), Origin.CLI);
        long t1c = System.nanoTime();
        imports[run] = (t1c - t1) / 1e6;
        reads[run] = (t1b - t1) / 1e6;
        stores[run] = (t1c - t1b) / 1e6;
        importCpu[run] = (processCpuNanos() - cpu0) / 1e6;
        if (((ActionService.ImportSummary) outcome.subject()).events() != events) {
          throw new IllegalStateException("imported " + outcome.subject());
        }
        long t2 = System.nanoTime();
        Agenda.OccurrenceList month = actions.agenda().occurrences(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31));
        months[run] = (System.nanoTime() - t2) / 1e6;
        occurrences = month.occurrences().size();
      }
    }
    System.out.printf(Locale.ROOT, "  %d rounds, reference and import interleaved; load average %.1f before, %.1f after,"
        + " %d cores%n", rounds, loadBefore, MonthViewBenchmark.load(), Runtime.getRuntime().availableProcessors());
    MonthViewBenchmark.print("  parse with ical4j alone (reference)", parseOnly);
    MonthViewBenchmark.print("  import: read, check, store         ", imports);
    MonthViewBenchmark.print("    of which read and check          ", reads);
    MonthViewBenchmark.print("    of which store (one transaction) ", stores);
    MonthViewBenchmark.print("  import, CPU time of the process    ", importCpu);
    System.out.printf(Locale.ROOT, "  import / reference: %.2fx (median); target: import <= 5000 ms%n",
        median(imports) / median(parseOnly));
    MonthViewBenchmark.print(String.format(Locale.ROOT, "  expand March 2027 (%,d occurrences)", occurrences), months);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** A calendar spread over 2026-2027, like a busy work calendar exported from Google. */
  static String calendar(int events) {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder out = new StringBuilder(events * 400);
    out.append("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n")
        .append("BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n")
        .append("DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n")
        .append("BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\n")
        .append("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
    for (int i = 0; i < events; i++) {
      LocalDateTime start = LocalDateTime.of(2026, 1, 1, 8, 0).plusDays(random.nextInt(730))
          .plusMinutes(30L * random.nextInt(20));
      out.append("BEGIN:VEVENT\r\nUID:bench-").append(i).append("@example.com\r\nDTSTAMP:20260101T000000Z\r\n");
      appendTimes(out, i, start);
      if (i % 10 == 1) {
        out.append("RRULE:FREQ=WEEKLY;COUNT=").append(5 + random.nextInt(40)).append("\r\n");
      }
      out.append("SUMMARY:Meeting ").append(i).append(" with the team\\, agenda\\; notes\r\n")
          .append("LOCATION:Sala ").append(random.nextInt(30)).append("\r\n")
          .append("DESCRIPTION:Línea 1\\nLínea 2 of the notes for meeting ").append(i).append("\r\n")
          .append("ATTENDEE;CN=Person ").append(i % 97).append(":mailto:p").append(i % 97).append("@example.com\r\n")
          .append("X-GOOGLE-CONFERENCE:https://meet.google.com/").append(i).append("\r\nEND:VEVENT\r\n");
    }
    return out.append("END:VCALENDAR\r\n").toString();
  }

  /** DTSTART and DTEND of the {@code i}-th test event in Madrid: every twentieth is all day, the others 45 minutes. */
  static void appendTimes(StringBuilder out, int i, LocalDateTime start) {
    if (i % 20 == 0) {
      out.append("DTSTART;VALUE=DATE:").append(start.toLocalDate().toString().replace("-", "")).append("\r\n");
    } else {
      out.append("DTSTART;TZID=Europe/Madrid:").append(LOCAL.format(start)).append("\r\n")
          .append("DTEND;TZID=Europe/Madrid:").append(LOCAL.format(start.plusMinutes(45))).append("\r\n");
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
