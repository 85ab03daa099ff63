package dev.tars.chat;

import dev.tars.engine.ChatMessage;
import dev.tars.engine.Sampling;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations, their messages and answering them. The one place chat logic lives: the desktop app, the CLI
 * and the local API all use it. Thread-safe; methods that return data read committed storage.
 */
public interface ChatService {
  /** Conversations newest first, whose title contains {@code titleFilter} (case-insensitive; empty = all). */
  List<Conversation> conversations(String titleFilter);

  Optional<Conversation> conversation(long id);

  /** A new conversation with the default system prompt and sampling from Settings. */
  Conversation create(String title);

  Conversation rename(long id, String title);

  Conversation updateSettings(long id, String systemPrompt, Sampling sampling);

  /** Moves the conversation to the trash; {@link #restore} brings it back (undo). */
  void delete(long id);

  void restore(long id);

  List<Message> messages(long conversationId);

  /**
   * What the answers of a conversation were given to read (cited passages, memories, project instructions),
   * by message id; answers without any are absent. Services that keep no sources return an empty map.
   */
  default Map<Long, List<AnswerSource>> sources(long conversationId) {
    return Map.of();
  }

  /**
   * Commits the user's message, then streams an answer. The answer is committed while it streams (at least
   * every second) and at the end, so a crash loses at most the last second.
   */
  Reply send(long conversationId, String userText, ReplyListener listener);

  /** Replaces the last answer of the conversation with a new one. */
  Reply regenerate(long conversationId, ReplyListener listener);

  /**
   * Keeps an exchange that was answered elsewhere (a request to the local API) as a new conversation, so it
   * shows in the history.
   *
   * @param title shown in the conversation list
   * @param turns the messages as asked (system messages become the conversation's system prompt), then the
   *     answer last
   * @param answerStatus how complete the answer is (STOPPED when the client went away mid-answer)
   */
  Conversation recordExchange(String title, Sampling sampling, List<ChatMessage> turns, MessageStatus answerStatus);
}
