package dev.tars.desktop.actions;

import dev.tars.actions.Action;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.reminders.Notice;
import dev.tars.actions.reminders.Reminder;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A due reminder in the window: a notice that stays until the person answers it, with Done and Snooze (10 min,
 * 1 hour, tomorrow), whatever the desktop notification did (the runtime's {@code ReminderScheduler} shows that
 * one when the session has a notification service). A reminder missed while Tars was closed says so.
 */
final class ReminderNotices {
  /** The choices, as {@code Actions.reminderChoice} names them, in the order they are shown. */
  static final List<String> CHOICES = List.of("done", "snooze10", "snoozeHour", "snoozeTomorrow");

  private final Actions actions;
  private final Background background;
  private final Notices notices;
  private final Moments moments;
  private final I18n i18n;

  ReminderNotices(Actions actions, Background background, Notices notices, Moments moments, I18n i18n) {
    this.actions = actions;
    this.background = background;
    this.notices = notices;
    this.moments = moments;
    this.i18n = i18n;
  }

  /** Shows {@code notice} (UI thread). */
  void show(Notice notice) {
    String due = moments.dateTime(LocalDateTime.ofInstant(notice.due(), moments.zone()));
    String text = notice.missed() ? i18n.get("reminder.missed", notice.text(), due)
        : i18n.get("reminder.due", notice.text());
    List<Notices.Choice> choices = CHOICES.stream().map(choice -> new Notices.Choice(
        i18n.get("reminder.choice." + choice), () -> answer(notice.reminderId(), choice))).toList();
    notices.post(Notices.Notice.asking(notice.missed() ? Notices.Kind.WARNING : Notices.Kind.INFO, text, choices));
  }

  /** Done or a snooze, written through the action service (it shows on the Activity page). */
  void answer(long reminderId, String choice) {
    Action action = actions.reminderChoice(reminderId, choice);
    if (action == null) {
      return;
    }
    background.run(() -> actions.service().execute(action, Origin.WINDOW), outcome -> {
      if (outcome.subject() instanceof Reminder r && r.status() == Reminder.Status.PENDING) {
        notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("reminder.snoozed", r.text(),
            moments.dateTime(LocalDateTime.ofInstant(r.due(), moments.zone())))));
      } else {
        notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("reminder.doneNotice")));
      }
    }, e -> notices.error(i18n.get("reminder.answerFailed")));
  }
}
