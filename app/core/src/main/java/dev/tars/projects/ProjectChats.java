package dev.tars.projects;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.ChatService;
import dev.tars.chat.Conversation;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.Reply;
import dev.tars.chat.ReplyListener;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Sampling;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The chat service as seen from inside one project: the conversation list shows only that project's
 * conversations and a new conversation is created in it. Everything else (opening, answering a conversation
 * of any project) passes through unchanged, so a search result from another project still opens. The desktop
 * app uses it; the CLI and the local API keep the whole history. Thread-safe.
 */
public final class ProjectChats implements ChatService {
  private final ChatService chats;
  private final ProjectService projects;
  private volatile long projectId = Project.DEFAULT_ID;

  public ProjectChats(ChatService chats, ProjectService projects) {
    this.chats = chats;
    this.projects = projects;
  }

  /** The project whose conversations are listed from now on and where new conversations go. */
  public void setProject(long projectId) {
    this.projectId = projectId;
  }

  public long project() {
    return projectId;
  }

  @Override
  public List<Conversation> conversations(String titleFilter) {
    Set<Long> inProject = new HashSet<>(projects.conversationIds(projectId));
    return chats.conversations(titleFilter).stream().filter(c -> inProject.contains(c.id())).toList();
  }

  @Override
  public Optional<Conversation> conversation(long id) {
    return chats.conversation(id);
  }

  /**
   * Creates the conversation in the current project. If that project was deleted meanwhile, the conversation
   * stays in the default project rather than being lost.
   */
  @Override
  public Conversation create(String title) {
    Conversation created = chats.create(title);
    long target = projectId;
    if (target != Project.DEFAULT_ID) {
      try {
        projects.moveConversation(created.id(), target);
      } catch (NoSuchElementException e) {
        projectId = Project.DEFAULT_ID;
      }
    }
    return created;
  }

  @Override
  public Conversation rename(long id, String title) {
    return chats.rename(id, title);
  }

  @Override
  public Conversation updateSettings(long id, String systemPrompt, Sampling sampling) {
    return chats.updateSettings(id, systemPrompt, sampling);
  }

  @Override
  public void delete(long id) {
    chats.delete(id);
  }

  @Override
  public void restore(long id) {
    chats.restore(id);
  }

  @Override
  public List<Message> messages(long conversationId) {
    return chats.messages(conversationId);
  }

  @Override
  public Map<Long, List<AnswerSource>> sources(long conversationId) {
    return chats.sources(conversationId);
  }

  @Override
  public Reply send(long conversationId, String userText, ReplyListener listener) {
    return chats.send(conversationId, userText, listener);
  }

  @Override
  public Reply regenerate(long conversationId, ReplyListener listener) {
    return chats.regenerate(conversationId, listener);
  }

  @Override
  public Conversation recordExchange(String title, Sampling sampling, List<ChatMessage> turns,
      MessageStatus answerStatus) {
    return chats.recordExchange(title, sampling, turns, answerStatus);
  }
}
