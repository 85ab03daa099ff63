package dev.tars.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.tars.actions.Action;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.StoredChatService;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.agenda.AgendaFeature;
import dev.tars.desktop.fx.I18n;
import dev.tars.runtime.EngineHost;
import dev.tars.runtime.MemorySystem;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window on the Agenda page with a realistic month of events, for looking at it and taking screenshots:
 * {@code -Ddemo.language=es -Ddemo.mode=WEEK -Ddemo.drop=/path/file.ics} (the drop shows the import preview).
 */
public final class AgendaDemo extends Application {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @Override
  public void start(Stage stage) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Path home = Files.createTempDirectory("tars-agenda-demo");
    Database database = TestDatabase.open(home.resolve("db"));
    StoredSettings settings = new StoredSettings(database.dataSource());
    String language = System.getProperty("demo.language", "en");
    settings.save(settings.get().withModelPath("/models/demo.gguf").withLanguage(language));
    EngineHost engines = TestServices.scriptedEngines("Fine.");
    engines.apply(settings.get());
    Clock clock = Clock.system(MADRID);
    ConversationStore store = new ConversationStore(database.dataSource(), clock);
    MemorySystem memory = new MemorySystem(database.dataSource(), store, settings, engines::engine, clock, null,
        List.of());
    StoredChatService chats = new StoredChatService(store, engines::engine, settings, memory.promptContexts());
    Actions actions = Actions.open(database.dataSource(), memory.memories(), clock, MADRID, DesktopNotifier.NONE);
    seed(actions, LocalDate.now(clock));
    DesktopShell shell = new DesktopShell(new DesktopServices(chats, settings, engines, null, null, null, memory,
        null, null, null, () -> {}, null, null, actions, null), I18n.forLanguage(language));
    shell.show(stage);
    stage.setX(0);
    stage.setY(0);
    PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
    settle.setOnFinished(e -> {
      shell.viewModel().showPage(AgendaFeature.PAGE_ID);
      String mode = System.getProperty("demo.mode", "MONTH").toLowerCase(java.util.Locale.ROOT);
      shell.agendaLink().open(LocalDate.now(clock), 0);
      ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#" + mode + "Mode")).fire();
      String drop = System.getProperty("demo.drop", "");
      if (!drop.isEmpty()) {
        shell.filesDropped(List.of(Path.of(drop)));
      }
      // Tells a screenshot script the page is drawn (the data loads in the background first).
      PauseTransition drawn = new PauseTransition(Duration.seconds(4));
      drawn.setOnFinished(done -> {
        try {
          Files.writeString(Path.of(System.getProperty("demo.ready", home.resolve("ready").toString())), "ready");
        } catch (java.io.IOException ex) {
          throw new java.io.UncheckedIOException(ex);
        }
      });
      drawn.play();
    });
    settle.play();
  }

  /** A working month in Madrid: stand-ups, a weekly class, lunches, a trip, a holiday and a few one-offs. */
  private static void seed(Actions actions, LocalDate today) {
    LocalDate monday = today.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    add(actions, "Stand-up", monday.atTime(9, 30), 15, false, "Sala Ágora", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        List.of(5));
    add(actions, "Yoga", monday.plusDays(1).atTime(19, 0), 60, false, "Gimnasio Central", "FREQ=WEEKLY;BYDAY=TU,TH",
        List.of());
    add(actions, "Lunch with Sara", monday.plusDays(3).atTime(13, 30), 90, false, "Casa Lola", null, List.of(30));
    add(actions, "Dentist", today.plusDays(2).atTime(10, 0), 45, false, "Clínica Dental Sol", null, List.of(60));
    add(actions, "Quarterly review", today.plusDays(1).atTime(11, 0), 120, false, "Room 4", null, List.of(15));
    add(actions, "1:1 with Marta", today.atTime(16, 0), 30, false, "", "FREQ=WEEKLY", List.of());
    add(actions, "Flight to Lisbon", today.plusDays(9).atTime(8, 10), 95, false, "MAD T4", null, List.of(120));
    add(actions, "Lisbon trip", today.plusDays(9).atStartOfDay(), 0, true, "Lisboa", null, List.of());
    add(actions, "Inmaculada Concepción", today.withDayOfMonth(8).atStartOfDay(), 0, true, "", null, List.of());
    add(actions, "Christmas", today.withDayOfMonth(25).atStartOfDay(), 0, true, "", null, List.of());
    add(actions, "Pay rent", today.withDayOfMonth(1).atTime(9, 0), 15, false, "", "FREQ=MONTHLY", List.of(0));
    add(actions, "Team dinner", today.plusDays(4).atTime(21, 0), 150, false, "La Bodega", null, List.of());
    add(actions, "Pick up the parcel", today.plusDays(1).atTime(17, 45), 15, false, "Correos", null, List.of());
    add(actions, "Call mum", today.plusDays(5).atTime(18, 30), 30, false, "", null, List.of());
    add(actions, "Book club", today.plusDays(6).atTime(19, 30), 90, false, "Biblioteca", null, List.of());
    add(actions, "Sprint planning", monday.plusWeeks(1).atTime(10, 0), 60, false, "Room 2", "FREQ=WEEKLY;INTERVAL=2",
        List.of(10));
  }

  private static void add(Actions actions, String title, LocalDateTime start, int minutes, boolean allDay,
      String place, String repeat, List<Integer> alerts) {
    LocalDateTime end = allDay ? start.plusDays(title.contains("trip") ? 4 : 1) : start.plusMinutes(minutes);
    actions.service().execute(new Action.CreateEvent(new EventDraft(title, start, end, allDay, MADRID, place, "",
        repeat, alerts)), Origin.WINDOW);
  }

  /** Launches the demo from a plain class, as JavaFX on the classpath requires. */
  public static final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
      Application.launch(AgendaDemo.class, args);
    }
  }
}
