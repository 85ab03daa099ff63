package dev.tars.desktop.projects;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The project switcher: the projects, the current one (new conversations go there, the conversation list
 * shows its conversations), and creating, editing, deleting projects and moving conversations between them.
 * UI-thread only; storage runs in the background.
 */
public final class ProjectsViewModel {
  /** A document collection a project can search by default. */
  public record Collection(long id, String name) {}

  /** What the edit dialog offers: the document collections and the installed chat models (file paths). */
  public record EditChoices(List<Collection> collections, List<String> models) {}

  private final ProjectService projects;
  private final Background background;
  private final I18n i18n;
  private final Supplier<List<Collection>> collections;
  private final Supplier<List<String>> models;
  private final ObservableList<Project> list = FXCollections.observableArrayList();
  private final ObjectProperty<Project> current = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private long pendingSelection;

  public ProjectsViewModel(ProjectService projects, Background background, I18n i18n) {
    this(projects, background, i18n, List::of, List::of);
  }

  /**
   * @param collections the knowledge module's collections (called in the background)
   * @param models installed chat model files (called in the background)
   */
  public ProjectsViewModel(ProjectService projects, Background background, I18n i18n,
      Supplier<List<Collection>> collections, Supplier<List<String>> models) {
    this.projects = projects;
    this.background = background;
    this.i18n = i18n;
    this.collections = collections;
    this.models = models;
  }

  public ObservableList<Project> projects() {
    return list;
  }

  /** The project chosen in the switcher; never null once loaded. */
  public ObjectProperty<Project> currentProperty() {
    return current;
  }

  public Project current() {
    return current.get();
  }

  /** The last failure, in a person's words; empty when the last action worked. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public void refresh() {
    run(projects::projects, this::show);
  }

  /** Makes project {@code id} the current one (reloading the list if it is not known yet). */
  public void select(long id) {
    Project known = list.stream().filter(p -> p.id() == id).findFirst().orElse(null);
    if (known != null) {
      current.set(known);
    } else {
      run(() -> withSelection(id), this::show);
    }
  }

  public void create(String name) {
    run(() -> {
      Project created = projects.create(name);
      return withSelection(created.id());
    }, this::show);
  }

  /** Saves name, instructions and default model of a project, keeping its collections. */
  public void save(long id, String name, String instructions, String defaultModel) {
    run(() -> {
      Project p = projects.project(id);
      projects.update(id, name, instructions, defaultModel, p.collectionIds());
      return withSelection(id);
    }, this::show);
  }

  /** Saves everything the edit dialog shows. */
  public void save(long id, String name, String instructions, String defaultModel, List<Long> collectionIds) {
    run(() -> {
      projects.update(id, name, instructions, defaultModel, collectionIds);
      return withSelection(id);
    }, this::show);
  }

  /** Loads what the edit dialog offers, then hands it to {@code then} on the UI thread. */
  public void loadEditChoices(Consumer<EditChoices> then) {
    run(() -> new EditChoices(List.copyOf(collections.get()), List.copyOf(models.get())), then);
  }

  public void delete(long id) {
    run(() -> {
      projects.delete(id);
      return withSelection(Project.DEFAULT_ID);
    }, this::show);
  }

  /**
   * Moves a conversation to another project; {@code then} runs on the UI thread once it is stored, {@code failed}
   * with a message for a person otherwise.
   */
  public void moveConversation(long conversationId, long projectId, Runnable then, Consumer<String> failed) {
    background.run(() -> {
      projects.moveConversation(conversationId, projectId);
      return projects.projects();
    }, loaded -> {
      problem.set("");
      list.setAll(loaded);
      Project keep = current.get();
      current.set(loaded.stream().filter(p -> keep != null && p.id() == keep.id()).findFirst()
          .orElse(loaded.isEmpty() ? null : loaded.get(0)));
      then.run();
    }, e -> failed.accept(message(e)));
  }

  /** The project a conversation belongs to, found in the background and handed to {@code then}. */
  public void projectOf(long conversationId, Consumer<Long> then) {
    run(() -> projects.projectOf(conversationId), then);
  }

  private List<Project> withSelection(long id) {
    pendingSelection = id;
    return projects.projects();
  }

  private void show(List<Project> loaded) {
    problem.set("");
    long keep = pendingSelection != 0 ? pendingSelection : current.get() == null ? Project.DEFAULT_ID
        : current.get().id();
    pendingSelection = 0;
    Project chosen = loaded.stream().filter(p -> p.id() == keep).findFirst()
        .orElse(loaded.isEmpty() ? null : loaded.get(0));
    // The list is replaced with new records: select the fresh one, or listeners would keep the stale one.
    list.setAll(loaded);
    current.set(chosen);
  }

  private String message(Exception e) {
    return e instanceof IllegalArgumentException || e instanceof NoSuchElementException ? e.getMessage()
        : i18n.get("projects.failed");
  }

  private <T> void run(Callable<T> work, Consumer<T> done) {
    background.run(work, done, e -> problem.set(message(e)));
  }
}
