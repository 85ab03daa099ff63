package dev.tars.projects;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Projects: create, rename, change instructions, default model and collections, delete, and which project a
 * conversation belongs to. Thread-safe. Messages of exceptions are meant for a person.
 */
public final class ProjectService {
  static final int MAX_NAME = 200;
  static final int MAX_INSTRUCTIONS = 20_000;

  private final ProjectStore store;
  private final List<Consumer<List<Project>>> listeners = new CopyOnWriteArrayList<>();

  public ProjectService(DataSource dataSource, Clock clock) {
    this.store = new ProjectStore(dataSource, clock);
  }

  /** The default project first, then the others by name. */
  public List<Project> projects() {
    return store.list();
  }

  public Project project(long id) {
    return store.find(id).orElseThrow(() -> new NoSuchElementException("That project no longer exists."));
  }

  public Project create(String name) {
    String clean = validName(name, -1);
    Project created = project(store.create(clean, "", ""));
    changed();
    return created;
  }

  public Project update(long id, String name, String instructions, String defaultModel, List<Long> collectionIds) {
    project(id);
    String clean = validName(name, id);
    String text = instructions == null ? "" : instructions.strip();
    if (text.length() > MAX_INSTRUCTIONS) {
      throw new IllegalArgumentException("Project instructions can be at most " + MAX_INSTRUCTIONS
          + " characters long; these have " + text.length() + ". Shorten them.");
    }
    store.update(id, clean, text, defaultModel == null ? "" : defaultModel.strip(),
        collectionIds == null ? List.of() : collectionIds);
    changed();
    return project(id);
  }

  public Project rename(long id, String name) {
    Project p = project(id);
    return update(id, name, p.instructions(), p.defaultModel(), p.collectionIds());
  }

  public Project setInstructions(long id, String instructions) {
    Project p = project(id);
    return update(id, p.name(), instructions, p.defaultModel(), p.collectionIds());
  }

  /** Deletes a project; its conversations and memories move to the default project, so nothing is lost. */
  public void delete(long id) {
    if (id == Project.DEFAULT_ID) {
      throw new IllegalArgumentException("The Default project cannot be deleted; rename it if you like.");
    }
    project(id);
    store.deleteMovingContentTo(id, Project.DEFAULT_ID);
    changed();
  }

  /** The project of a conversation (also of one in the trash); the default project if it is unknown. */
  public long projectOf(long conversationId) {
    return store.projectOf(conversationId).orElse(Project.DEFAULT_ID);
  }

  public void moveConversation(long conversationId, long projectId) {
    project(projectId);
    if (store.moveConversation(conversationId, projectId) == 0) {
      throw new NoSuchElementException("That conversation no longer exists.");
    }
    changed();
  }

  /** Ids of the live conversations of a project, most recently active first. */
  public List<Long> conversationIds(long projectId) {
    return store.conversationIds(projectId);
  }

  /** Called on the changing thread after any change to projects or membership. */
  public void addListener(Consumer<List<Project>> listener) {
    listeners.add(listener);
  }

  private void changed() {
    if (listeners.isEmpty()) {
      return;
    }
    List<Project> now = projects();
    listeners.forEach(l -> l.accept(now));
  }

  private String validName(String name, long self) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("A project needs a name.");
    }
    if (clean.length() > MAX_NAME) {
      throw new IllegalArgumentException("A project name can be at most " + MAX_NAME + " characters long.");
    }
    store.findByName(clean).filter(other -> other.id() != self).ifPresent(other -> {
      throw new IllegalArgumentException("There is already a project called \"" + other.name()
          + "\". Choose another name.");
    });
    return clean;
  }
}
