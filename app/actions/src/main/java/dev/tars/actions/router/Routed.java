package dev.tars.actions.router;

import java.util.Map;

/**
 * What the router understood from one utterance.
 *
 * @param slots slot name to value: free text as the person wrote it, date-times as {@code YYYY-MM-DDTHH:MM}
 *     (local), days as {@code YYYY-MM-DD}; see {@code tars route --help} for each intent's slots
 * @param confidence 0 to 1
 * @param lang {@code en} or {@code es}
 */
public record Routed(Intent intent, Map<String, String> slots, double confidence, String lang) {
  public Routed {
    slots = Map.copyOf(slots);
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
    }
  }
}
