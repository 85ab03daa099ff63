package dev.tars.actions.reminders;

import java.time.Instant;

/**
 * A reminder being shown to the person.
 *
 * @param missed it fell due while Tars was closed or the computer slept, and is shown late
 */
public record Notice(long reminderId, String text, Instant due, boolean missed) {}
