package dev.tars.desktop.feature;

/**
 * Something a feature shows in the conversation in the place of an answer (an action card, a list of agenda
 * items). The chat only keeps it in its message list; the view the feature gave to
 * {@link ChatHooks#setCardView} draws it.
 */
public interface ChatCard {}
