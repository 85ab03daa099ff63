package dev.tars.actions.reminders;

import java.time.Instant;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.Due;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;

/** A reminder as iCalendar VTODO text, for export. */
public final class Vtodo {
  private Vtodo() {}

  /** The imported VTODO when there was one, else one made from the reminder (due time in UTC). */
  public static String text(Reminder reminder) {
    if (reminder.ics() != null) {
      return reminder.ics();
    }
    VToDo todo = new VToDo(false);
    todo.add(new Uid(reminder.uid()));
    todo.add(new net.fortuna.ical4j.model.property.DtStamp(Instant.now()));
    todo.add(new Summary(reminder.text()));
    if (reminder.due() != null) {
      todo.add(new Due<>(reminder.due()));
    }
    todo.add(switch (reminder.status()) {
      case DONE -> new Status("COMPLETED");
      case CANCELLED -> new Status("CANCELLED");
      default -> new Status("NEEDS-ACTION");
    });
    return todo.toString();
  }
}
