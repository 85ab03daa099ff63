package dev.tars.desktop.actions;

import dev.tars.actions.Actions;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.notes.NoteStore;
import dev.tars.actions.reminders.Reminder;
import dev.tars.actions.router.Routed;
import dev.tars.actions.router.Router;
import dev.tars.desktop.feature.ChatCard;
import dev.tars.desktop.feature.InputRouter;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the person sends in the chat goes through the router first: a command becomes an action card, a
 * question about the agenda or the notes is answered at once from them, and anything else ({@code none}) goes
 * on to the chat model. Routing and the queries run on {@code routing}'s thread, never on the JavaFX thread
 * (the second stage may wait seconds for the model).
 */
final class ChatRouting implements InputRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ChatRouting.class);
  /** Notes listed for a search in the chat; the Notes page has the rest. */
  static final int NOTES_SHOWN = 8;

  private final Router router;
  private final Actions actions;
  private final Background routing;
  private final Background writing;
  private final Moments moments;
  private final Navigation navigation;
  private final Notices notices;
  private final I18n i18n;

  /**
   * @param routing runs the router and the questions' queries (a thread of its own: the model may be slow)
   * @param writing runs what a card writes (the window's storage thread)
   */
  ChatRouting(Router router, Actions actions, Background routing, Background writing, Moments moments,
      Navigation navigation, Notices notices, I18n i18n) {
    this.router = router;
    this.actions = actions;
    this.routing = routing;
    this.writing = writing;
    this.moments = moments;
    this.navigation = navigation;
    this.notices = notices;
    this.i18n = i18n;
  }

  /** What the router understood and, for a question, what answers it (read in the background). */
  private record Understood(Routed routed, List<Occurrence> events, List<Reminder> reminders,
      List<NoteStore.Hit> notes) {}

  @Override
  public void route(String text, Consumer<ChatCard> done) {
    routing.run(() -> understand(text), understood -> done.accept(card(understood)), e -> {
      // Routing must never cost the person their message: it goes to the chat model instead.
      LOG.warn("Routing failed; the text goes to the chat model", e);
      done.accept(null);
    });
  }

  private LocalDateTime now() {
    return LocalDateTime.now(actions.clock().withZone(actions.zone()));
  }

  private Understood understand(String text) {
    Routed routed = router.route(text, now());
    LOG.info("Routed a chat message as {} ({}, confidence {})", routed.intent().id(), routed.lang(),
        routed.confidence());
    return switch (routed.intent()) {
      case AGENDA_QUERY -> {
        LocalDate from = LocalDate.parse(routed.slots().get("from"));
        LocalDate to = LocalDate.parse(routed.slots().getOrDefault("to", routed.slots().get("from")));
        List<Reminder> due = actions.reminders().all().stream()
            .filter(r -> r.status() == Reminder.Status.PENDING && r.due() != null)
            .filter(r -> {
              LocalDate day = LocalDate.ofInstant(r.due(), actions.zone());
              return !day.isBefore(from) && !day.isAfter(to);
            }).toList();
        yield new Understood(routed, actions.agenda().occurrences(from, to).occurrences(), due, List.of());
      }
      case NOTE_SEARCH -> new Understood(routed, List.of(), List.of(),
          actions.notes().search(routed.slots().getOrDefault("query", text), NOTES_SHOWN));
      default -> new Understood(routed, List.of(), List.of(), List.of());
    };
  }

  private ChatCard card(Understood understood) {
    Routed routed = understood.routed();
    return switch (routed.intent()) {
      case NONE -> null;
      case AGENDA_QUERY -> {
        LocalDate from = LocalDate.parse(routed.slots().get("from"));
        LocalDate to = LocalDate.parse(routed.slots().getOrDefault("to", routed.slots().get("from")));
        yield AnswerCardViewModel.agenda(from, to, understood.events(), understood.reminders(), moments, navigation,
            notices, i18n);
      }
      case NOTE_SEARCH -> AnswerCardViewModel.notes(routed.slots().getOrDefault("query", ""), understood.notes(),
          navigation, notices, i18n);
      case NOTE_CREATE, EVENT_CREATE, REMINDER_CREATE, MEMORY_REMEMBER -> new ActionCardViewModel(routed,
          actions.service(), writing, i18n, moments, this::now);
    };
  }
}
