package dev.tars.desktop.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.Action;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Agenda page's view model on a real H2 file, without a screen. */
class AgendaViewModelTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  // Wednesday 2 December 2026, 10:00 in Madrid.
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), MADRID);

  @TempDir Path dir;
  private Database database;
  private Actions actions;
  private final Notices notices = new Notices();

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir.resolve("db"));
    actions = Actions.open(database.dataSource(), new MemoryService(database.dataSource(), CLOCK), CLOCK, MADRID,
        DesktopNotifier.NONE);
  }

  @AfterEach
  void close() {
    actions.close();
    database.close();
  }

  private AgendaViewModel viewModel(Locale locale, String language) {
    return new AgendaViewModel(actions.agenda(), actions.service(), Background.direct(), I18n.forLanguage(language),
        Texts.of(locale), notices, CLOCK);
  }

  @Test
  void weekStartsOnTheLocalesFirstDayAndTheMonthShowsSixWholeWeeks() {
    AgendaViewModel us = viewModel(Locale.US, "en");
    us.refresh();
    assertThat(us.pageProperty().get().from()).isEqualTo(LocalDate.of(2026, 11, 29)); // a Sunday
    assertThat(us.pageProperty().get().to()).isEqualTo(LocalDate.of(2027, 1, 9));
    assertThat(us.title()).isEqualTo("December 2026");
    AgendaViewModel spain = viewModel(Locale.of("es", "ES"), "es");
    spain.modeProperty().set(AgendaViewModel.Mode.WEEK);
    assertThat(spain.pageProperty().get().from()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(spain.pageProperty().get().from().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(spain.title()).isEqualTo("30 nov – 6 dic 2026");
    spain.modeProperty().set(AgendaViewModel.Mode.MONTH);
    assertThat(spain.title()).isEqualTo("Diciembre 2026");
  }

  @Test
  void anEventOverMidnightAndAnAllDayTripAreOnEachOfTheirDays() {
    create("Night shift", LocalDateTime.of(2026, 12, 3, 22, 0), LocalDateTime.of(2026, 12, 4, 6, 0), false);
    create("Lisbon", LocalDateTime.of(2026, 12, 10, 0, 0), LocalDateTime.of(2026, 12, 13, 0, 0), true);
    AgendaViewModel vm = viewModel(Locale.UK, "en");
    vm.refresh();
    AgendaPage page = vm.pageProperty().get();
    assertThat(page.on(LocalDate.of(2026, 12, 3))).extracting(o -> o.title()).containsExactly("Night shift");
    assertThat(page.on(LocalDate.of(2026, 12, 4))).extracting(o -> o.title()).containsExactly("Night shift");
    assertThat(page.on(LocalDate.of(2026, 12, 5))).isEmpty();
    for (int day = 10; day <= 12; day++) {
      assertThat(page.on(LocalDate.of(2026, 12, day))).extracting(o -> o.title()).containsExactly("Lisbon");
    }
    assertThat(page.on(LocalDate.of(2026, 12, 13))).isEmpty();
  }

  @Test
  void navigationMovesByTheViewAndALinkOpensTheDayWithTheEventMarked() {
    AgendaViewModel vm = viewModel(Locale.UK, "en");
    vm.refresh();
    vm.next();
    assertThat(vm.anchorProperty().get()).isEqualTo(LocalDate.of(2027, 1, 2));
    vm.modeProperty().set(AgendaViewModel.Mode.WEEK);
    vm.previous();
    assertThat(vm.anchorProperty().get()).isEqualTo(LocalDate.of(2026, 12, 26));
    vm.goToday();
    assertThat(vm.anchorProperty().get()).isEqualTo(LocalDate.of(2026, 12, 2));
    vm.open(LocalDate.of(2026, 12, 24), 42);
    assertThat(vm.modeProperty().get()).isEqualTo(AgendaViewModel.Mode.DAY);
    assertThat(vm.pageProperty().get().from()).isEqualTo(LocalDate.of(2026, 12, 24));
    assertThat(vm.highlightedProperty().get()).isEqualTo(42L);
  }

  @Test
  void createOffersUndoAndUndoRemovesTheEvent() {
    AgendaViewModel vm = viewModel(Locale.UK, "en");
    vm.refresh();
    vm.create(new EventDraft("Dentist", LocalDateTime.of(2026, 12, 4, 10, 0), null, false, MADRID, "", "", null,
        List.of(60)));
    assertThat(actions.agenda().count()).isEqualTo(1);
    Notices.Notice done = notices.shown().getLast();
    assertThat(done.text()).isEqualTo("Added “Dentist” to the agenda.");
    assertThat(done.actionLabel()).isEqualTo("Undo");
    done.action().run();
    assertThat(actions.agenda().count()).isZero();
  }

  @Test
  void aBadFileGetsOneMessageNamingItAndNoPreview() throws Exception {
    Path bad = dir.resolve("broken.ics");
    java.nio.file.Files.writeString(bad, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n");
    AgendaViewModel vm = viewModel(Locale.UK, "en");
    vm.preview(bad);
    assertThat(vm.previewProperty().get()).isNull();
    assertThat(notices.shown()).extracting(Notices.Notice::text).containsExactly(
        "broken.ics is cut short: it does not end with END:VCALENDAR. Nothing was imported; copy or export the file"
            + " again.");
  }

  private void create(String title, LocalDateTime start, LocalDateTime end, boolean allDay) {
    actions.service().execute(new Action.CreateEvent(new EventDraft(title, start, end, allDay, MADRID, "", "", null,
        List.of())), Origin.WINDOW);
  }
}
