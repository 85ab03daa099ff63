package dev.tars.desktop.feature;

import java.util.function.Consumer;

/**
 * Reads what the person sends before the chat model does (the actions feature: "remind me to ...").
 */
@FunctionalInterface
public interface InputRouter {
  /**
   * Called on the JavaFX thread with the text sent. Must call {@code done} exactly once, on the JavaFX thread:
   * with a card to show in the conversation instead of an answer, or with null to send the text to the chat
   * model as usual. Blocking work (routing, queries) belongs in the background.
   */
  void route(String text, Consumer<ChatCard> done);
}
