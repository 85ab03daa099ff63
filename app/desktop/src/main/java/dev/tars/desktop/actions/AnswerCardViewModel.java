package dev.tars.desktop.actions;

import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.notes.NoteStore;
import dev.tars.actions.reminders.Reminder;
import dev.tars.desktop.feature.ChatCard;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A question answered at once in the conversation ("what do I have on Friday?", "what did I note about the
 * wifi?"): a heading and the agenda items or notes found, each a link that opens it on its page.
 */
public final class AnswerCardViewModel implements ChatCard {
  /**
   * One line of the answer.
   *
   * @param detail when and where (agenda), or an excerpt (notes)
   */
  public record Item(String title, String detail, Navigation.Target target) {}

  private final String heading;
  private final String empty;
  private final List<Item> items;
  private final Navigation navigation;
  private final Notices notices;
  private final I18n i18n;

  private AnswerCardViewModel(String heading, String empty, List<Item> items, Navigation navigation,
      Notices notices, I18n i18n) {
    this.heading = heading;
    this.empty = empty;
    this.items = List.copyOf(items);
    this.navigation = navigation;
    this.notices = notices;
    this.i18n = i18n;
  }

  /** The agenda from {@code from} to {@code to}: events (repeating ones expanded) and pending reminders. */
  static AnswerCardViewModel agenda(LocalDate from, LocalDate to, List<Occurrence> events, List<Reminder> reminders,
      Moments moments, Navigation navigation, Notices notices, I18n i18n) {
    record Timed(LocalDateTime at, Item item) {}
    List<Timed> timed = new ArrayList<>();
    for (Occurrence o : events) {
      LocalDate day = o.allDay() ? o.startDay() : LocalDate.ofInstant(o.start(), moments.zone());
      LocalDateTime at = o.allDay() ? day.atStartOfDay() : LocalDateTime.ofInstant(o.start(), moments.zone());
      String when = o.allDay() ? i18n.get("card.allDay", moments.day(day))
          : moments.dateTime(at) + " – " + moments.time(LocalDateTime.ofInstant(o.end(), moments.zone()).toLocalTime());
      String detail = o.location().isBlank() ? when : when + " · " + o.location();
      timed.add(new Timed(at, new Item(o.title(), detail, new Navigation.Target(Navigation.Kind.EVENT, o.eventId(),
          day))));
    }
    for (Reminder r : reminders) {
      LocalDateTime at = LocalDateTime.ofInstant(r.due(), moments.zone());
      timed.add(new Timed(at, new Item(r.text(), i18n.get("answer.reminderAt", moments.dateTime(at)),
          new Navigation.Target(Navigation.Kind.REMINDER, r.id(), at.toLocalDate()))));
    }
    timed.sort(Comparator.comparing(Timed::at));
    String period = from.equals(to) ? moments.day(from) : i18n.get("answer.range", moments.day(from), moments.day(to));
    return new AnswerCardViewModel(i18n.get("answer.agenda", period), i18n.get("answer.agendaEmpty", period),
        timed.stream().map(Timed::item).toList(), navigation, notices, i18n);
  }

  /** Notes that match {@code query}, best first. */
  static AnswerCardViewModel notes(String query, List<NoteStore.Hit> hits, Navigation navigation, Notices notices,
      I18n i18n) {
    List<Item> items = hits.stream().map(hit -> new Item(hit.note().title(), hit.snippet().text().strip(),
        new Navigation.Target(Navigation.Kind.NOTE, hit.note().id(), null))).toList();
    return new AnswerCardViewModel(i18n.get("answer.notes", query), i18n.get("answer.notesEmpty", query), items,
        navigation, notices, i18n);
  }

  public String heading() {
    return heading;
  }

  /** What to say when nothing was found. */
  public String emptyText() {
    return empty;
  }

  public List<Item> items() {
    return items;
  }

  /** Opens the item on its page; says so when this window has no page for it. */
  public void open(Item item) {
    if (!navigation.open(item.target())) {
      notices.info(i18n.get("answer.noPage." + item.target().kind().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }
}
