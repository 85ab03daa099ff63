package dev.tars.desktop.knowledge;

import dev.tars.chat.AnswerSource;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.knowledge.CitedPassage;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.PassageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cited passage as the passage view shows it: the file, the page, the passage and the text around it, and
 * opening the file in its own program. UI thread only; reading and opening run through {@link Background}.
 */
public final class PassageViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(PassageViewModel.class);
  public enum State { LOADING, SHOWN, MISSING }

  /** Characters of the document shown on each side of the passage. */
  static final int AROUND = 1500;

  private final KnowledgeService knowledge;
  private final FileOpener opener;
  private final Background background;
  private final I18n i18n;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final ReadOnlyStringWrapper fileName = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper where = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper before = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper passage = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper after = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final javafx.beans.property.ReadOnlyIntegerWrapper sentenceStart = new javafx.beans.property.ReadOnlyIntegerWrapper();
  private final javafx.beans.property.ReadOnlyIntegerWrapper sentenceEnd = new javafx.beans.property.ReadOnlyIntegerWrapper();
  private final ReadOnlyStringWrapper openLabel = new ReadOnlyStringWrapper("");
  private Path file;

  public PassageViewModel(KnowledgeService knowledge, FileOpener opener, Background background, I18n i18n) {
    this.knowledge = knowledge;
    this.opener = opener;
    this.background = background;
    this.i18n = i18n;
    openLabel.set(i18n.get("passage.openFile"));
  }

  /** Loads the passage a citation points to. */
  public void load(AnswerSource source) {
    state.set(State.LOADING);
    message.set(i18n.get("passage.loading"));
    fileName.set(source.label());
    Optional<PassageReference> ref = PassageReference.parse(source.reference());
    if (ref.isEmpty()) {
      missing();
      return;
    }
    background.run(() -> knowledge.citedPassage(ref.get(), AROUND), found -> {
      if (found.isEmpty()) {
        missing();
      } else {
        show(found.get());
      }
    }, e -> {
      state.set(State.MISSING);
      message.set(i18n.get("passage.loadFailed"));
    });
  }

  private void missing() {
    state.set(State.MISSING);
    message.set(i18n.get("passage.missing"));
  }

  private void show(CitedPassage cited) {
    file = cited.document().path();
    fileName.set(file.getFileName() == null ? file.toString() : file.getFileName().toString());
    String folder = file.getParent() == null ? "" : file.getParent().toString();
    where.set(cited.page() > 0 ? i18n.get("passage.page", cited.page()) + " · " + folder : folder);
    before.set(cited.before());
    passage.set(cited.passage());
    after.set(cited.after());
    sentenceStart.set(cited.sentenceStart());
    sentenceEnd.set(cited.sentenceEnd());
    message.set("");
    // From the name alone (no disk access on the UI thread); the executable bit is checked on the click.
    boolean showsInFolder = OpenFilePolicy.actionFor(fileName.get(), false) == OpenFilePolicy.Action.SHOW_IN_FOLDER;
    openLabel.set(i18n.get(showsInFolder ? "passage.showInFolder" : "passage.openFile"));
    state.set(State.SHOWN);
  }

  /**
   * Opens the document in the program the system uses for it, or, for programs and scripts, only shows it in its
   * folder and says why ({@link OpenFilePolicy}); says so when the file is gone.
   */
  public void openFile() {
    Path target = file;
    if (target == null) {
      return;
    }
    message.set("");
    background.run(() -> {
      if (!Files.exists(target)) {
        throw new NoSuchFileException(target.toString());
      }
      if (OpenFilePolicy.actionFor(target) == OpenFilePolicy.Action.OPEN) {
        opener.open(target);
        return "";
      }
      try {
        opener.showInFolder(target);
        return i18n.get("passage.shownInFolder", target.getFileName());
      } catch (IOException e) {
        LOG.warn("Could not show {} in its folder", target, e);
        return i18n.get("passage.showFailed", target.getFileName(), target.getParent());
      }
    }, message::set, e -> message.set(e instanceof NoSuchFileException
        ? i18n.get("passage.fileMissing", target) : i18n.get("passage.openFailed", target.getFileName())));
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty fileNameProperty() {
    return fileName.getReadOnlyProperty();
  }

  /** "Page 3 · /home/ana/reports", or only the folder when the format has no pages. */
  public ReadOnlyStringProperty whereProperty() {
    return where.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty beforeProperty() {
    return before.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty passageProperty() {
    return passage.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty afterProperty() {
    return after.getReadOnlyProperty();
  }

  /** Where, in the passage, the sentence that answered starts (0 with {@link #sentenceEndProperty} = length: all of it). */
  public javafx.beans.property.ReadOnlyIntegerProperty sentenceStartProperty() {
    return sentenceStart.getReadOnlyProperty();
  }

  public javafx.beans.property.ReadOnlyIntegerProperty sentenceEndProperty() {
    return sentenceEnd.getReadOnlyProperty();
  }

  /** "Open file", or "Show in folder" for programs and scripts ({@link OpenFilePolicy}). */
  public ReadOnlyStringProperty openLabelProperty() {
    return openLabel.getReadOnlyProperty();
  }

  /** Loading, a passage that is gone, or a file that would not open; empty otherwise. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
