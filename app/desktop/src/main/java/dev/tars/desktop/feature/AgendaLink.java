package dev.tars.desktop.feature;

import java.time.LocalDate;

/**
 * A navigation request to the Agenda page: show {@code day} with the event {@code eventId} marked (0 = none).
 * The shell hands one to features that link to the agenda (an answer about Friday, an action card); it does
 * nothing when the agenda is not there.
 */
@FunctionalInterface
public interface AgendaLink {
  AgendaLink NONE = (day, eventId) -> {};

  void open(LocalDate day, long eventId);
}
