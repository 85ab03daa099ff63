package dev.tars.desktop.shell;

import dev.tars.desktop.fx.I18n;
import dev.tars.engine.EngineStatus;

/** An engine status's detail in the person's language: {@code engine.reason.<key>} with the status's arguments. */
public final class EngineStatusText {
  private EngineStatusText() {}

  /** The translated detail, or the engine's English detail when it has no key (a remote server's own error). */
  public static String detail(EngineStatus status, I18n i18n) {
    String key = "engine.reason." + status.key();
    if (status.key() == null || !i18n.has(key)) {
      return status.detail();
    }
    return i18n.get(key, status.args().toArray());
  }
}
