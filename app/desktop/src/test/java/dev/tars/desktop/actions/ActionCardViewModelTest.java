package dev.tars.desktop.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.actions.reminders.Reminder;
import dev.tars.actions.router.Routed;
import dev.tars.actions.router.Routers;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The action card's view model on the real action service over H2, with the clock fixed. */
class ActionCardViewModelTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  /** Wednesday, 2 December 2026, 10:00 in Madrid. */
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);

  @TempDir Path home;
  private Database database;
  private Actions actions;
  private final I18n english = I18n.forLanguage("en");

  @BeforeEach
  void open() {
    database = TestDatabase.open(home);
    Clock clock = Clock.fixed(NOW.atZone(MADRID).toInstant(), MADRID);
    actions = Actions.open(database.dataSource(), new MemoryService(database.dataSource(), clock), clock, MADRID,
        DesktopNotifier.NONE);
  }

  @AfterEach
  void close() {
    actions.close();
    database.close();
  }

  private ActionCardViewModel card(String sentence, I18n i18n) {
    Routed routed = Routers.firstStage().route(sentence, NOW);
    return new ActionCardViewModel(routed, actions.service(), Background.direct(), i18n, new Moments(i18n, MADRID),
        () -> NOW);
  }

  @Test
  void aReminderShowsItsDayInWordsAndIsWrittenOnConfirmAndRemovedOnUndo() {
    ActionCardViewModel card = card("remind me to call the dentist tomorrow at 10am", english);
    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.READY);
    assertThat(card.kindText()).isEqualTo("Reminder");
    assertThat(card.textProperty().get()).isEqualTo("call the dentist");
    // Java's locale data puts a narrow no-break space before AM/PM.
    assertThat(card.whenProperty().get().replace('\u202f', ' ')).isEqualTo("Thursday, December 3, 2026 at 10:00 AM");
    assertThat(card.warningProperty().get()).isEmpty();

    card.edit();
    card.textProperty().set("call the dentist about the crown");
    card.confirm();

    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.DONE);
    Reminder stored = actions.reminders().all().getFirst();
    assertThat(stored.text()).isEqualTo("call the dentist about the crown");
    assertThat(stored.due()).isEqualTo(LocalDateTime.of(2026, 12, 3, 10, 0).atZone(MADRID).toInstant());
    assertThat(actions.activity().find(card.activityId()).orElseThrow().origin()).isEqualTo(Origin.WINDOW);

    card.undo();
    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.UNDONE);
    assertThat(actions.reminders().all()).isEmpty();
  }

  @Test
  void aSpanishEventIsDescribedInSpanishAndKeepsTheEditedPlaceAndRepeat() {
    I18n spanish = I18n.forLanguage("es");
    ActionCardViewModel card = card("pon una cita con Sara el jueves a las 13:30", spanish);
    assertThat(card.kindText()).isEqualTo("Cita");
    assertThat(card.whenProperty().get()).startsWith("jueves, 3 de diciembre de 2026 a las 13:30");

    card.edit();
    card.locationProperty().set("Casa Lola");
    card.repeatProperty().set(ActionCardViewModel.Repeat.WEEKLY);
    assertThat(card.whenProperty().get()).contains("Casa Lola").contains("Cada semana");
    card.confirm();

    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.DONE);
    List<Occurrence> thursdays = actions.agenda().occurrences(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 10))
        .occurrences();
    assertThat(thursdays).hasSize(2).allSatisfy(o -> assertThat(o.location()).isEqualTo("Casa Lola"));
    assertThat(LocalDateTime.ofInstant(thursdays.getFirst().start(), MADRID).toLocalTime())
        .isEqualTo(LocalTime.of(13, 30));
  }

  @Test
  void anHourWithoutAmOrPmIsAskedAboutAndTheChosenReadingIsWritten() {
    ActionCardViewModel card = card("remind me to water the plants at 3", english);
    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.ASKING);
    assertThat(card.readings()).hasSize(2);
    card.confirm();
    assertThat(actions.reminders().all()).as("nothing is written while the time is in question").isEmpty();

    ActionCardViewModel.Reading other = card.readings().get(1);
    card.choose(other);
    card.confirm();

    assertThat(actions.reminders().all()).singleElement().satisfies(r -> assertThat(r.due())
        .isEqualTo(other.date().atTime(other.time()).atZone(MADRID).toInstant()));
  }

  @Test
  void aReminderInThePastIsSaidToBeSoAndCancelWritesNothing() {
    ActionCardViewModel card = card("remind me to call mom at 5pm", english);
    card.edit();
    card.dateProperty().set(LocalDate.of(2026, 12, 1));
    assertThat(card.warningProperty().get()).contains("already passed");

    card.cancel();
    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.CANCELLED);
    assertThat(actions.reminders().all()).isEmpty();
    assertThat(actions.activity().recent(10)).isEmpty();
  }

  @Test
  void aReminderWithoutATimeOpensForEditingAndIsNotWrittenUntilOneIsGiven() {
    ActionCardViewModel card = card("remind me to buy bread", english);
    assertThat(card.state()).isEqualTo(ActionCardViewModel.State.EDITING);
    card.confirm();
    assertThat(actions.reminders().all()).isEmpty();
    assertThat(card.warningProperty().get()).isNotEmpty();

    card.dateProperty().set(LocalDate.of(2026, 12, 4));
    card.timeProperty().set("9.30");
    card.confirm();
    assertThat(actions.reminders().all()).singleElement().satisfies(r -> assertThat(r.due())
        .isEqualTo(LocalDateTime.of(2026, 12, 4, 9, 30).atZone(MADRID).toInstant()));
  }

  @Test
  void timesAreReadInTheUsualWrittenForms() {
    assertThat(ActionCardViewModel.parseTime("14:30")).isEqualTo(LocalTime.of(14, 30));
    assertThat(ActionCardViewModel.parseTime("9:05")).isEqualTo(LocalTime.of(9, 5));
    assertThat(ActionCardViewModel.parseTime("9")).isEqualTo(LocalTime.of(9, 0));
    assertThat(ActionCardViewModel.parseTime("")).isNull();
  }
}
