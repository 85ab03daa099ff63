package dev.tars.actions.router;

import java.util.Map;

/**
 * What the router understood from one utterance.
 *
 * @param slots slot name to value: free text as the person wrote it, date-times as {@code YYYY-MM-DDTHH:MM}
 *     (local), days as {@code YYYY-MM-DD}; see {@code tars route --help} for each intent's slots
 * @param confidence 0 to 1
 * @param lang {@code en} or {@code es}
 * @param otherReadings for an hour said without am/pm or a part of the day ("at 3"), the same date-time slots
 *     read the other way (03:00 instead of 15:00); empty when the time was clear. A card asks the person
 *     when this is not empty. Not part of {@code tars route --json}.
 */
public record Routed(Intent intent, Map<String, String> slots, double confidence, String lang,
    Map<String, String> otherReadings) {
  public Routed {
    slots = Map.copyOf(slots);
    otherReadings = Map.copyOf(otherReadings);
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
    }
  }

  /** A result whose times, if any, were clear. */
  public Routed(Intent intent, Map<String, String> slots, double confidence, String lang) {
    this(intent, slots, confidence, lang, Map.of());
  }

  /** Whether a date-time slot could be read two ways (see {@link #otherReadings()}). */
  public boolean isAmbiguous() {
    return !otherReadings.isEmpty();
  }
}
