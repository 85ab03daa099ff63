package dev.tars.desktop.projects;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import java.util.List;
import java.util.function.Consumer;
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
  private final ProjectService projects;
  private final Background background;
  private final ObservableList<Project> list = FXCollections.observableArrayList();
  private final ObjectProperty<Project> current = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  private final I18n i18n;

  public ProjectsViewModel(ProjectService projects, Background background, I18n i18n) {
    this.i18n = i18n;
    this.projects = projects;
    this.background = background;
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

  public void delete(long id) {
    run(() -> {
      projects.delete(id);
      return withSelection(Project.DEFAULT_ID);
    }, this::show);
  }

  public void moveConversation(long conversationId, long projectId, Runnable then) {
    run(() -> {
      projects.moveConversation(conversationId, projectId);
      return projects.projects();
    }, l -> then.run());
  }

  private List<Project> withSelection(long id) {
    pendingSelection = id;
    return projects.projects();
  }

  private volatile long pendingSelection;

  private void show(List<Project> loaded) {
    problem.set("");
    long keep = pendingSelection != 0 ? pendingSelection : current.get() == null ? Project.DEFAULT_ID
        : current.get().id();
    pendingSelection = 0;
    list.setAll(loaded);
    current.set(loaded.stream().filter(p -> p.id() == keep).findFirst()
        .orElse(loaded.isEmpty() ? null : loaded.get(0)));
  }

  private <T> void run(java.util.concurrent.Callable<T> work, Consumer<T> done) {
    background.run(work, done, e -> problem.set(e instanceof IllegalArgumentException
        || e instanceof java.util.NoSuchElementException ? e.getMessage()
        : i18n.get("projects.failed")));
  }
}
