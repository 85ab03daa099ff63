package dev.tars.desktop.dashboard;

import dev.tars.desktop.fx.I18n;
import dev.tars.watchdog.Problem;

/** A watchdog problem in the person's language: {@code watchdog.<key>} with the problem's arguments. */
public final class ProblemText {
  private ProblemText() {}

  /** The translated text, or the watchdog's English message for a problem that has no key. */
  public static String of(Problem problem, I18n i18n) {
    if (problem.key() == null || !i18n.has("watchdog." + problem.key())) {
      return problem.message();
    }
    return i18n.get("watchdog." + problem.key(), problem.args().toArray());
  }
}
