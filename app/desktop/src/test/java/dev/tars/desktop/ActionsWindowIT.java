package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Notification;
import dev.tars.actions.Action;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.actions.reminders.Reminder;
import dev.tars.memory.MemoryService;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Tars acting through its window (TestFX, headless Monocle) on a real data home: the whole runtime over H2, the
 * on-device router, the action service and the reminder scheduler; a scripted engine stands in for the model.
 * The test machine has no notification service, so reminders reach the person through the in-app notice.
 */
class ActionsWindowIT {
  private static final String ANSWER = "A scripted answer from the model.";
  private static final ZoneId ZONE = ZoneId.systemDefault();

  @TempDir Path home;
  @RegisterExtension final AppWindow window = new AppWindow(() -> home);
  private TarsApp app;
  private final FxRobot robot = new FxRobot();

  /** Settings (a model is chosen: the scripted engine answers) and {@code seed} written before the app opens. */
  private void openApp(String language, java.util.function.Consumer<Actions> seed) throws Exception {
    window.chooseScriptedModel(language);
    window.seed(db -> {
      try (Actions actions = Actions.open(db.dataSource(), new MemoryService(db.dataSource(), Clock.systemUTC()),
          Clock.system(ZONE), ZONE, DesktopNotifier.NONE)) {
        seed.accept(actions);
      }
    });
    app = window.open((settings, status) -> new ScriptedEngine(ANSWER, 0));
  }

  private Actions actions() {
    return app.runtime().actions();
  }

  private void say(String sentence) {
    robot.clickOn(".composer-input").write(sentence);
    robot.type(KeyCode.ENTER);
  }

  // The helpers below read the scene graph: call them on the JavaFX thread (inside fx(...) or waitUntil).
  private Node lastCard(String styleClass) {
    List<Node> cards = List.copyOf(robot.lookup(styleClass).queryAll());
    return cards.isEmpty() ? null : cards.getLast();
  }

  private static String text(Node card, String styleClass) {
    return ((Label) card.lookup(styleClass)).getText().replace('\u202f', ' ');
  }

  private static Button button(Node root, String text) {
    return root.lookupAll(".button").stream().map(Button.class::cast)
        .filter(b -> b.isVisible() && text.equals(b.getText())).findFirst().orElse(null);
  }

  private static String shownText(Node node) {
    if (node instanceof javafx.scene.text.Text text) {
      return text.getText();
    }
    if (node instanceof javafx.scene.Parent parent) {
      return String.join("", parent.getChildrenUnmodifiable().stream().map(ActionsWindowIT::shownText).toList());
    }
    return "";
  }

  private Node noticeWith(String start) {
    return robot.lookup(".notice").queryAll().stream().filter(n -> n instanceof Notification notice
        && notice.getMessage() != null && notice.getMessage().startsWith(start)).findFirst().orElse(null);
  }

  @Test
  void aReminderIsEditedConfirmedFoundOnTheActivityPageAndUndone() throws Exception {
    openApp("en", actions -> {});
    say("remind me to call the dentist tomorrow at 10am");
    waitUntil(20, () -> lastCard(".action-card") != null);
    Node card = fx(() -> lastCard(".action-card"));
    LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
    assertThat(fx(() -> text(card, ".action-card-kind"))).isEqualTo("Reminder");
    assertThat(fx(() -> text(card, ".action-card-text"))).isEqualTo("call the dentist");
    assertThat(fx(() -> text(card, ".action-card-when"))).contains(tomorrow.getDayOfWeek().getDisplayName(
        java.time.format.TextStyle.FULL, java.util.Locale.US)).contains("10:00 AM");

    robot.clickOn(fx(() -> button(card, "Edit")));
    TextField field = fx(() -> (TextField) card.lookup("#textField"));
    robot.interact(() -> field.setText("call the dentist about the crown"));
    robot.clickOn(fx(() -> button(card, "Confirm")));
    waitUntil(20, () -> text(card, ".action-card-outcome").startsWith("Reminder set"));
    Reminder stored = actions().reminders().all().getFirst();
    assertThat(stored.text()).isEqualTo("call the dentist about the crown");
    assertThat(stored.due()).isEqualTo(tomorrow.atTime(10, 0).atZone(ZONE).toInstant());
    assertThat(fx(() -> robot.lookup(".user-bubble").queryAll().size())).isEqualTo(1);
    assertThat(fx(() -> robot.lookup(".markdown").tryQuery().isPresent()))
        .as("an action is not sent to the model").isFalse();

    openActivityPage();
    waitUntil(20, () -> robot.lookup(".activity-summary").tryQuery()
        .map(n -> ((Label) n).getText().equals("call the dentist about the crown")).orElse(false));
    assertThat(fx(() -> ((Label) robot.lookup(".activity-what").query()).getText())).isEqualTo("Reminder set");
    robot.clickOn(".activity-undo");
    waitUntil(20, () -> actions().reminders().all().isEmpty());
    waitUntil(20, () -> robot.lookup(".activity-what").queryAll().stream()
        .anyMatch(n -> ((Label) n).getText().equals("Undone: Reminder set")));
  }

  @Test
  void aSpanishEventGetsItsPlaceInTheCardAndUndoRemovesIt() throws Exception {
    openApp("es", actions -> {});
    say("pon una cita con Sara el jueves a las 13:30");
    waitUntil(20, () -> lastCard(".action-card") != null);
    Node card = fx(() -> lastCard(".action-card"));
    assertThat(fx(() -> text(card, ".action-card-kind"))).isEqualTo("Cita");
    assertThat(fx(() -> text(card, ".action-card-when"))).contains("jueves").contains("13:30");

    robot.clickOn(fx(() -> button(card, "Editar")));
    TextField place = fx(() -> (TextField) card.lookup("#placeField"));
    robot.interact(() -> place.setText("Casa Lola"));
    robot.clickOn(fx(() -> button(card, "Confirmar")));
    waitUntil(20, () -> text(card, ".action-card-outcome").startsWith("Añadida a tu agenda"));
    LocalDate thursday = LocalDate.now(ZONE).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
    List<Occurrence> onThursday = actions().agenda().occurrences(thursday, thursday).occurrences();
    assertThat(onThursday).singleElement().satisfies(o -> {
      assertThat(o.location()).isEqualTo("Casa Lola");
      assertThat(LocalDateTime.ofInstant(o.start(), ZONE).toLocalTime()).isEqualTo(LocalTime.of(13, 30));
    });

    // Found on the Agenda page: the answer to "what do I have on Thursday?" links to the event's day there.
    say("¿qué tengo el jueves?");
    waitUntil(20, () -> lastCard(".answer-card") != null);
    Node answer = fx(() -> lastCard(".answer-card"));
    Hyperlink event = fx(() -> answer.lookupAll(".answer-card-link").stream().map(Hyperlink.class::cast)
        .filter(link -> link.getText().contains("Sara")).findFirst().orElseThrow());
    robot.clickOn(event);
    waitUntil(20, () -> robot.lookup(".agenda-page").tryQuery()
        .filter(page -> page.isVisible() && shownText(page).contains("Sara")).isPresent());

    // Undo (from the Activity page, the card's conversation is behind the Agenda page now) removes it.
    openActivityPage();
    robot.clickOn(".activity-undo");
    waitUntil(20, () -> actions().agenda().occurrences(thursday, thursday).occurrences().isEmpty());
  }

  @Test
  void theCardsUndoRemovesWhatItConfirmed() throws Exception {
    openApp("es", actions -> {});
    say("apunta que el código del portal es 4512");
    waitUntil(20, () -> lastCard(".action-card") != null);
    Node card = fx(() -> lastCard(".action-card"));
    robot.clickOn(fx(() -> button(card, "Confirmar")));
    waitUntil(20, () -> actions().notes().all().size() == 1);
    robot.clickOn(fx(() -> button(card, "Deshacer")));
    waitUntil(20, () -> text(card, ".action-card-outcome").startsWith("Deshecho"));
    assertThat(actions().notes().all()).isEmpty();
  }

  private void openActivityPage() {
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
    waitUntil(20, () -> robot.lookup(".activity-page").tryQuery().map(Node::isVisible).orElse(false));
  }

  @Test
  void anHourWithoutAmOrPmIsAskedAboutQuestionsAreAnsweredAndChatGoesToTheModel() throws Exception {
    LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
    openApp("en", actions -> actions.service().execute(new Action.CreateEvent(new EventDraft("Dentist",
        tomorrow.atTime(9, 0), null, false, ZONE, "Calle Mayor 3", "", null, List.of())), Origin.CLI));

    say("remind me to water the plants at 3");
    waitUntil(20, () -> lastCard(".action-card") != null);
    Node card = fx(() -> lastCard(".action-card"));
    assertThat(fx(() -> card.lookup(".action-card-question").isVisible())).isTrue();
    List<Button> readings = fx(() -> card.lookupAll(".action-card-reading").stream().map(Button.class::cast)
        .toList());
    assertThat(readings).hasSize(2);
    assertThat(fx(() -> button(card, "Confirm"))).as("no Confirm while the time is in question").isNull();
    robot.clickOn(readings.get(1));
    robot.clickOn(fx(() -> button(card, "Confirm")));
    waitUntil(20, () -> actions().reminders().all().size() == 1);

    say("what do I have tomorrow?");
    waitUntil(20, () -> lastCard(".answer-card") != null);
    Node answer = fx(() -> lastCard(".answer-card"));
    Hyperlink dentist = fx(() -> answer.lookupAll(".answer-card-link").stream().map(Hyperlink.class::cast)
        .filter(link -> link.getText().equals("Dentist")).findFirst().orElseThrow());
    String detail = fx(() -> text(dentist.getParent(), ".answer-card-detail"));
    assertThat(detail).contains("9:00 AM").contains("Calle Mayor 3");
    robot.clickOn(dentist);
    waitUntil(20, () -> robot.lookup(".agenda-page").tryQuery().map(Node::isVisible).orElse(false));
    robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);

    say("hello, how are you?");
    waitUntil(30, () -> robot.lookup(".assistant-body").queryAll().stream().anyMatch(n ->
        shownText(n).contains("scripted answer")));
  }

  @Test
  void remindersReachTheWindowWithoutANotificationServiceAndDoneAndSnoozeWork() throws Exception {
    Instant yesterday = Instant.now().minus(Duration.ofDays(1));
    openApp("en", actions -> actions.service().execute(new Action.CreateReminder("pay the rent", yesterday, ZONE),
        Origin.CLI));
    // The notice's buttons exist once its skin is built, a pulse after the notice itself.
    waitUntil(30, () -> noticeWith("Missed while Tars was closed: pay the rent") != null
        && button(noticeWith("Missed while Tars was closed: pay the rent"), "Done") != null);
    robot.clickOn(fx(() -> button(noticeWith("Missed while Tars was closed: pay the rent"), "Done")));
    waitUntil(20, () -> actions().reminders().all().getFirst().status() == Reminder.Status.DONE);

    Instant soon = Instant.now().plusSeconds(2);
    Reminder due = (Reminder) actions().service().execute(new Action.CreateReminder("stretch your legs", soon, ZONE),
        Origin.CLI).subject();
    waitUntil(30, () -> noticeWith("Reminder: stretch your legs") != null
        && button(noticeWith("Reminder: stretch your legs"), "10 min") != null);
    Instant clicked = Instant.now();
    robot.clickOn(fx(() -> button(noticeWith("Reminder: stretch your legs"), "10 min")));
    waitUntil(20, () -> actions().reminders().find(due.id()).orElseThrow().status() == Reminder.Status.PENDING);
    Instant snoozedTo = actions().reminders().find(due.id()).orElseThrow().due();
    assertThat(snoozedTo).isBetween(clicked.plus(Duration.ofMinutes(10)).minusSeconds(5),
        Instant.now().plus(Duration.ofMinutes(10)));
  }
}
