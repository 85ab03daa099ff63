package dev.tars.desktop.knowledge;

import dev.tars.actions.notes.NoteSearch;
import dev.tars.desktop.feature.ChatHooks;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.knowledge.ConversationDocuments;
import dev.tars.knowledge.KnowledgeService;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Documents in the chat: the "answer from documents" switch with its collection chooser (Ctrl+D toggles it;
 * "Notes" in the chooser adds the person's notes), and citations under answers that open their passage or note.
 */
public final class DocumentAnswersFeature {
  public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);

  private final KnowledgeService knowledge;
  private final FileOpener opener;
  private final Background background;
  private final I18n i18n;
  private final DocumentAnswersViewModel answers;
  private final Navigation navigation;

  /** @param navigation where a cited note opens (the Notes page) */
  public DocumentAnswersFeature(KnowledgeService knowledge, ConversationDocuments choices, FileOpener opener,
      Background background, I18n i18n, Notices notices, Navigation navigation) {
    this.knowledge = knowledge;
    this.navigation = navigation;
    this.opener = opener;
    this.background = background;
    this.i18n = i18n;
    this.answers = new DocumentAnswersViewModel(choices, knowledge::collections, background, i18n, notices);
  }

  public DocumentAnswersViewModel viewModel() {
    return answers;
  }

  /** Offers "Notes" in the chooser (when the app has notes). */
  public void setNotesAvailable(boolean available) {
    answers.setNotesAvailable(available);
  }

  /** Adds the switch to the chat's input row, citations that open passages, and Ctrl+D to the scene. */
  public void attach(ChatHooks chat, Scene scene) {
    chat.addComposerTool(new DocumentAnswersView(answers, i18n).root());
    chat.setBeforeFirstMessage(answers.beforeFirstMessage());
    chat.conversationId().addListener((obs, old, now) -> answers.show(now));
    answers.show(chat.conversationId().getValue());
    chat.setCitationOpener(source -> {
      long noteId = NoteSearch.noteId(source.reference());
      if (noteId > 0) {
        navigation.open(Navigation.Target.note(noteId));
        return;
      }
      PassageViewModel passage = new PassageViewModel(knowledge, opener, background, i18n);
      PassageView view = new PassageView(passage, i18n);
      passage.load(source);
      view.show(scene.getWindow());
    });
    // Only where the switch can be seen: a change nobody saw would surprise the next answer.
    scene.getAccelerators().put(SHORTCUT, () -> {
      if (chat.isShowing()) {
        answers.toggle();
      }
    });
  }
}
