package dev.tars.bench.agenda;

import dev.tars.actions.Actions;
import dev.tars.actions.agenda.IcsReader;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.desktop.agenda.AgendaView;
import dev.tars.desktop.agenda.AgendaViewModel;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Agenda page's month view with {@code bench.events} events (default 10,000) in the six weeks it shows: from
 * asking for the month to the page laid out and rendered (occurrences expanded for those weeks only, grouped by
 * day, at most three chips a day plus "+N more", CSS, layout, a software-rendered snapshot). The reference,
 * interleaved in the same run, is the same month of an empty agenda: what drawing the grid alone costs. Runs on
 * a headless JavaFX (Monocle), on the JavaFX thread, as the window does (there the query runs on the UI work
 * thread first); prints the JavaFX thread's CPU time too, which a loaded machine does not inflate.
 */
public final class MonthViewBenchmark {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final LocalDate MONTH = LocalDate.of(2027, 3, 15);

  private MonthViewBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.getInteger("bench.events", 10_000);
    int rounds = Integer.getInteger("bench.rounds", 9);
    headless();
    Path dir = Files.createTempDirectory("tars-month-bench");
    try (Database busyDb = Database.open(dir.resolve("busy/db/tars"));
        Database emptyDb = Database.open(dir.resolve("empty/db/tars"))) {
      Actions busy = open(busyDb);
      Actions empty = open(emptyDb);
      busy.agenda().store(new IcsReader(MADRID).parse("month.ics", calendar(events)));
      CompletableFuture<Void> started = new CompletableFuture<>();
      Platform.startup(() -> started.complete(null));
      started.get(30, TimeUnit.SECONDS);
      onFx(() -> {
        javafx.application.Application.setUserAgentStylesheet(
            new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        return null;
      });
      Page busyPage = onFx(() -> Page.show(busy));
      Page emptyPage = onFx(() -> Page.show(empty));
      double[] withEvents = new double[rounds];
      double[] withEventsCpu = new double[rounds];
      double[] reference = new double[rounds];
      double[] queries = new double[rounds];
      for (int warm = 0; warm < 3; warm++) {
        onFx(busyPage::draw);
        onFx(emptyPage::draw);
      }
      for (int r = 0; r < rounds; r++) {
        reference[r] = onFx(emptyPage::draw);
        long cpu0 = fxCpu();
        withEvents[r] = onFx(busyPage::draw);
        withEventsCpu[r] = (fxCpu() - cpu0) / 1e6;
        long t0 = System.nanoTime();
        busy.agenda().occurrences(LocalDate.of(2027, 2, 22), LocalDate.of(2027, 4, 4));
        queries[r] = (System.nanoTime() - t0) / 1e6;
      }
      int shown = busy.agenda().occurrences(LocalDate.of(2027, 2, 22), LocalDate.of(2027, 4, 4)).occurrences().size();
      System.out.printf(Locale.ROOT, "Agenda month view: %,d events in the agenda, %,d occurrences in the six weeks"
          + " shown; %d rounds, load average %.1f on %d cores%n", events, shown, rounds, load(),
          Runtime.getRuntime().availableProcessors());
      print("  empty month (reference)", reference);
      print("  month with the events  ", withEvents);
      print("    CPU of the JavaFX thread", withEventsCpu);
      print("    the query alone (expand the six weeks)", queries);
      System.out.printf(Locale.ROOT, "  target: median <= 200 ms; added by the events %.0f ms%n",
          median(withEvents) - median(reference));
      Platform.exit();
    }
  }

  /** One Agenda page on its own stage, its view model working synchronously on the JavaFX thread. */
  private record Page(AgendaViewModel viewModel, Scene scene) {
    static Page show(Actions actions) {
      I18n i18n = I18n.forLanguage("en");
      Background now = new Background(Runnable::run, UiDispatcher.immediate());
      AgendaViewModel viewModel = new AgendaViewModel(actions.agenda(), actions.service(), now, i18n,
          Texts.of(Locale.UK), new Notices(), Clock.system(MADRID));
      AgendaView view = new AgendaView(viewModel, i18n);
      Scene scene = new Scene(view.root(), 1200, 760); // within Monocle's headless screen (1280 x 800)
      Stage stage = new Stage();
      stage.setScene(scene);
      stage.show();
      return new Page(viewModel, scene);
    }

    /** Milliseconds from asking for the month to its pixels. */
    double draw() {
      fxThread = Thread.currentThread().threadId();
      long t0 = System.nanoTime();
      viewModel.show(MONTH, AgendaViewModel.Mode.MONTH);
      scene.getRoot().applyCss();
      scene.getRoot().layout();
      scene.snapshot(null);
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  private static volatile long fxThread;

  /** CPU time of the JavaFX thread (where the page is drawn), so a busy machine's waiting is left out. */
  private static long fxCpu() {
    return ManagementFactory.getThreadMXBean().getThreadCpuTime(fxThread);
  }

  private static Actions open(Database db) {
    return Actions.open(db.dataSource(), new MemoryService(db.dataSource(), Clock.systemUTC()), Clock.system(MADRID),
        MADRID, DesktopNotifier.NONE);
  }

  /** Events in the six weeks around March 2027: mostly timed, one in ten weekly, one in twenty all day. */
  static String calendar(int events) {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder out = new StringBuilder(events * 250).append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        .append("PRODID:-//Tars//bench//EN\r\n");
    for (int i = 0; i < events; i++) {
      LocalDateTime start = LocalDateTime.of(2027, 2, 22, 7, 0).plusDays(random.nextInt(42))
          .plusMinutes(30L * random.nextInt(24));
      out.append("BEGIN:VEVENT\r\nUID:month-").append(i).append("@bench\r\nDTSTAMP:20270101T000000Z\r\n");
      AgendaBenchmark.appendTimes(out, i, start);
      if (i % 10 == 1) {
        out.append("RRULE:FREQ=WEEKLY;COUNT=6\r\n");
      }
      out.append("SUMMARY:Meeting ").append(i).append("\r\nLOCATION:Room ").append(i % 30).append("\r\nEND:VEVENT\r\n");
    }
    return out.append("END:VCALENDAR\r\n").toString();
  }

  private static void headless() {
    if (System.getProperty("glass.platform") == null) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("prism.text", "t2k");
    }
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(5, TimeUnit.MINUTES);
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static void print(String label, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: min %7.1f  median %7.1f  max %7.1f ms%n", label, sorted[0],
        sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
