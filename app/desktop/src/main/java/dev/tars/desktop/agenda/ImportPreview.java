package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.AgendaEvent;
import dev.tars.actions.agenda.CalendarFile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * What a dropped or chosen {@code .ics} file holds, shown before anything is stored.
 *
 * @param firstEvents the first events in time order, as "date time – title" lines
 */
public record ImportPreview(Path path, CalendarFile file, String fileName, String calendarName, int events,
    int tasks, List<String> firstEvents) {
  static final int SHOWN = 5;

  static ImportPreview of(Path path, CalendarFile file, AgendaFormats formats) {
    List<String> first = file.events().stream().sorted(Comparator.comparing(AgendaEvent::start)).limit(SHOWN)
        .map(e -> line(e, formats)).toList();
    return new ImportPreview(path, file, path.getFileName() == null ? path.toString() : path.getFileName().toString(),
        file.calendarName(), file.events().size(), file.tasks().size(), first);
  }

  private static String line(AgendaEvent e, AgendaFormats formats) {
    if (e.allDay()) {
      return formats.mediumDay(e.startDay()) + " – " + e.title();
    }
    return formats.mediumDay(LocalDate.ofInstant(e.start(), formats.zone())) + " " + formats.time(e.start()) + " – "
        + e.title();
  }
}
