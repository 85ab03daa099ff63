package dev.tars.actions;

import dev.tars.actions.activity.ActivityLog;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.notes.NoteStore;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.actions.reminders.ReminderScheduler;
import dev.tars.actions.reminders.ReminderStore;
import dev.tars.memory.MemoryService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions feature put together over one database: notes, agenda, reminders (with their scheduler, not
 * started), the activity log and the {@link ActionService} every change goes through. A front end builds this
 * once and starts the scheduler only if it stays running (the window; not a one-shot command).
 */
public final class Actions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Actions.class);

  private final NoteStore notes;
  private final Agenda agenda;
  private final ReminderStore reminders;
  private final ActivityLog activity;
  private final ActionService service;
  private final ReminderScheduler scheduler;
  private final Clock clock;
  private final ZoneId zone;

  private Actions(DataSource dataSource, MemoryService memories, Clock clock, ZoneId zone,
      DesktopNotifier notifier, java.util.concurrent.ScheduledExecutorService appScheduler) {
    this.clock = clock;
    this.zone = zone;
    notes = new NoteStore(dataSource, clock);
    agenda = new Agenda(dataSource, clock, zone);
    reminders = new ReminderStore(dataSource, clock);
    activity = new ActivityLog(dataSource, clock);
    service = new ActionService(notes, agenda, reminders, memories, activity, clock);
    scheduler = new ReminderScheduler(reminders, clock, notifier, r -> {}, () -> {}, appScheduler);
  }

  /**
   * @param zone the person's time zone (agenda days, reminder times)
   * @param notifier desktop notifications, or {@link DesktopNotifier#NONE}; see {@link #desktopNotifier}
   */
  public static Actions open(DataSource dataSource, MemoryService memories, Clock clock, ZoneId zone,
      DesktopNotifier notifier) {
    return new Actions(dataSource, memories, clock, zone, notifier, null);
  }

  /** As {@link #open(DataSource, MemoryService, Clock, ZoneId, DesktopNotifier)}, ticking on the app's scheduler. */
  public static Actions open(DataSource dataSource, MemoryService memories, Clock clock, ZoneId zone,
      DesktopNotifier notifier, java.util.concurrent.ScheduledExecutorService appScheduler) {
    return new Actions(dataSource, memories, clock, zone, notifier, appScheduler);
  }

  /**
   * The freedesktop notifier when this session has one; its Done and Snooze buttons act through the
   * {@link ActionService} of {@code actions} (built afterwards, hence the holder).
   */
  public static DesktopNotifier desktopNotifier(Texts texts, ZoneId zone, java.util.function.Supplier<Actions> actions) {
    return dev.tars.actions.reminders.FreedesktopNotifier.detect(System.getenv(), texts, zone,
        (id, choice) -> actions.get().onNotificationChoice(id, choice));
  }

  public NoteStore notes() {
    return notes;
  }

  public Agenda agenda() {
    return agenda;
  }

  public ReminderStore reminders() {
    return reminders;
  }

  public ActivityLog activity() {
    return activity;
  }

  public ActionService service() {
    return service;
  }

  public ReminderScheduler scheduler() {
    return scheduler;
  }

  /** The clock every store stamps changes with. */
  public Clock clock() {
    return clock;
  }

  /** The person's time zone: agenda days and reminder times are read in it. */
  public ZoneId zone() {
    return zone;
  }

  /** Done or Snooze pressed on a reminder's notification. */
  void onNotificationChoice(long reminderId, String choice) {
    Action action = reminderChoice(reminderId, choice);
    if (action == null) {
      return;
    }
    try {
      service.execute(action, Origin.WINDOW);
    } catch (RuntimeException e) {
      LOG.warn("Acting on the notification of reminder {} failed", reminderId, e);
    }
  }

  /**
   * What a choice on a reminder's notice does, from now: {@code done}, {@code snooze10} (10 minutes),
   * {@code snoozeHour}, {@code snoozeTomorrow} (tomorrow at 09:00 in the person's zone); null for another
   * choice. The desktop notification and the window's notice offer the same choices.
   */
  public Action reminderChoice(long reminderId, String choice) {
    Instant now = clock.instant();
    return switch (choice) {
      case "done" -> new Action.CompleteReminder(reminderId);
      case "snooze10" -> new Action.SnoozeReminder(reminderId, now.plus(Duration.ofMinutes(10)));
      case "snoozeHour" -> new Action.SnoozeReminder(reminderId, now.plus(Duration.ofHours(1)));
      case "snoozeTomorrow" -> new Action.SnoozeReminder(reminderId,
          LocalDate.ofInstant(now, zone).plusDays(1).atTime(LocalTime.of(9, 0)).atZone(zone).toInstant());
      default -> null;
    };
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
