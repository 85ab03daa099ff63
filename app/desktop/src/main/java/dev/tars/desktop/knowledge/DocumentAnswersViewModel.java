package dev.tars.desktop.knowledge;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.knowledge.ConversationDocuments;
import dev.tars.knowledge.DocumentChoice;
import dev.tars.knowledge.CollectionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "answer from documents" switch of the open conversation and the collections it answers from. A new
 * conversation not stored yet keeps the person's choice here until it is stored ({@link #beforeFirstMessage}).
 * UI thread only; storage runs through {@link Background}.
 */
public final class DocumentAnswersViewModel {
  /** A collection the person can pick. */
  public record CollectionOption(long id, String name, int documents) {}

  private final ConversationDocuments choices;
  private final Supplier<List<CollectionInfo>> knowledgeCollections;
  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper notes = new ReadOnlyBooleanWrapper();
  private boolean notesAvailable;
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ObservableList<CollectionOption> collections = FXCollections.observableArrayList();
  private final ObservableList<Long> selected = FXCollections.observableArrayList();
  private Long conversationId;
  private LongSupplier currentProject;
  private int loads;
  /**
   * The person's choice for the next new conversation, null while they have not touched the switch (the
   * conversation then follows its project); read by the chat's background thread when it is stored.
   */
  private volatile DocumentChoice pending;

  /** @param collections reads the knowledge base's collections (blocking: called in the background) */
  public DocumentAnswersViewModel(ConversationDocuments choices, Supplier<List<CollectionInfo>> collections,
      Background background, I18n i18n, Notices notices) {
    this.choices = choices;
    this.knowledgeCollections = collections;
    this.background = background;
    this.i18n = i18n;
    this.notices = notices;
    updateSummary();
  }

  public ReadOnlyBooleanProperty enabledProperty() {
    return enabled.getReadOnlyProperty();
  }

  /** Whether answers also draw on the person's notes. */
  public ReadOnlyBooleanProperty notesProperty() {
    return notes.getReadOnlyProperty();
  }

  /** Whether the chooser offers "Notes" (the app has the notes feature). */
  public boolean notesAvailable() {
    return notesAvailable;
  }

  public void setNotesAvailable(boolean available) {
    this.notesAvailable = available;
  }

  /** Adds or leaves out the person's notes; choosing them also turns the switch on. */
  public void setNotes(boolean chosen) {
    notes.set(chosen);
    enabled.set(enabled.get() || chosen);
    updateSummary();
    save();
  }

  /** "All collections" or the names of the chosen ones, and "Notes" when chosen. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ObservableList<CollectionOption> collections() {
    return collections;
  }

  /** Ids of the chosen collections; empty means all. */
  public ObservableList<Long> selected() {
    return selected;
  }

  /**
   * Where new conversations go (the current project), so a new chat shows the project's default collections
   * before its first message; null when there are no projects.
   */
  public void setProject(LongSupplier currentProject) {
    this.currentProject = currentProject;
  }

  /** The project changed: a new chat being written shows the new project's default. */
  public void projectChanged() {
    if (conversationId == null) {
      show(null);
    }
  }

  /** Follows the conversation shown (null = a new one): loads its choice. */
  public void show(Long conversation) {
    conversationId = conversation;
    int load = ++loads;
    if (conversation == null) {
      pending = null;
      apply(DocumentChoice.OFF);
      LongSupplier project = currentProject;
      if (project != null) {
        long projectId = project.getAsLong();
        background.run(() -> choices.forNewConversationIn(projectId), choice -> {
          if (load == loads && pending == null) {
            apply(choice);
          }
        }, e -> {});
      }
      return;
    }
    background.run(() -> choices.choice(conversation), choice -> {
      if (load == loads) {
        apply(choice);
      }
    }, e -> {});
  }

  /** Reads the collections again (e.g. when the chooser opens: documents may have been added since). */
  public void refreshCollections() {
    background.run(knowledgeCollections::get, list -> {
      collections.setAll(list.stream().filter(c -> c.documents() > 0)
          .map(c -> new CollectionOption(c.id(), c.name(), c.documents())).toList());
      updateSummary();
    }, e -> {});
  }

  public void toggle() {
    setEnabled(!enabled.get());
  }

  public void setEnabled(boolean on) {
    if (on == enabled.get()) {
      return;
    }
    enabled.set(on);
    save();
  }

  /** Chooses or leaves out one collection; choosing any also turns documents on. */
  public void setSelected(long collectionId, boolean chosen) {
    if (chosen && !selected.contains(collectionId)) {
      selected.add(collectionId);
    } else if (!chosen) {
      selected.remove(collectionId);
    }
    enabled.set(enabled.get() || chosen);
    updateSummary();
    save();
  }

  /** Answers from every collection, also those added later. */
  public void selectAll() {
    selected.clear();
    enabled.set(true);
    updateSummary();
    save();
  }

  /** For the chat: stores the choice made for a new conversation once it exists (called in the background). */
  public LongConsumer beforeFirstMessage() {
    return id -> {
      // Unless the person changed the switch, the conversation follows its project's default (no row stored).
      DocumentChoice choice = pending;
      if (choice != null) {
        choices.choose(id, choice);
      }
    };
  }

  private DocumentChoice current() {
    return new DocumentChoice(enabled.get(), List.copyOf(selected), notes.get());
  }

  private void save() {
    DocumentChoice choice = current();
    Long id = conversationId;
    if (id == null) {
      pending = choice;
      return;
    }
    background.run(() -> choices.choose(id, choice), e -> notices.error(i18n.get("chat.documents.saveFailed")));
  }

  private void apply(DocumentChoice choice) {
    enabled.set(choice.enabled());
    notes.set(choice.notes());
    selected.setAll(choice.collectionIds());
    updateSummary();
  }

  private void updateSummary() {
    String documents;
    if (selected.isEmpty()) {
      documents = i18n.get("chat.documents.all");
    } else {
      List<String> names = new ArrayList<>();
      for (CollectionOption c : collections) {
        if (selected.contains(c.id())) {
          names.add(c.name());
        }
      }
      documents = names.isEmpty() ? i18n.get("chat.documents.collections")
          : names.stream().collect(Collectors.joining(", "));
    }
    summary.set(notes.get() ? i18n.get("chat.documents.withNotes", documents) : documents);
  }
}
