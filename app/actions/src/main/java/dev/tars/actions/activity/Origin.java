package dev.tars.actions.activity;

import java.util.Locale;

/** Where an action came from. */
public enum Origin {
  /** The person, in the desktop window. */
  WINDOW,
  /** The on-device router understood it from a sentence and the person confirmed. */
  ROUTER,
  /** The command line. */
  CLI,
  /** The local API. */
  API,
  /** Another program through MCP ({@code tars mcp} or the local API's {@code /mcp}); the entry names the client. */
  MCP,
  /** Tars itself (a reminder's Done button on a notification, the scheduler). */
  TARS,
  /** The model, calling a built-in tool in a conversation after the person allowed the call. */
  TOOL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
