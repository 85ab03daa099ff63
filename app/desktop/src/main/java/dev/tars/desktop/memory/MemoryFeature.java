package dev.tars.desktop.memory;

import dev.tars.actions.notes.NoteSearch;
import dev.tars.desktop.feature.ChatHooks;
import dev.tars.desktop.feature.NoteLink;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.search.SearchDialog;
import dev.tars.desktop.search.SearchViewModel;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.runtime.MemorySystem;
import dev.tars.search.SearchHit;
import java.time.ZoneId;
import java.util.function.BiConsumer;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * Puts memory in the window: the Memory page (sidebar button), the Ctrl+K search over everything, and reading
 * conversations for new facts ({@link MemoryLearning}). A conversation or message result opens that
 * conversation at the message; a memory result opens the Memory page, a note the Notes page.
 */
public final class MemoryFeature {
  public static final String PAGE_ID = "memory";
  /** How long the chat must be quiet before Tars reads conversations for facts. */
  static final Duration QUIET_TIME = Duration.seconds(45);

  private final MemoryViewModel memoryModel;
  private final SearchViewModel searchModel;
  private final MemoryLearning learning;
  private final I18n i18n;
  private final ZoneId zone;
  private NoteLink noteLink = NoteLink.NONE;

  /**
   * @param openConversation opens (conversation id, message id or 0), switching project if needed
   */
  public MemoryFeature(MemorySystem system, MainViewModel main, ChatHooks chat, Background background, I18n i18n,
      ZoneId zone, BiConsumer<Long, Long> openConversation) {
    this.i18n = i18n;
    this.zone = zone;
    this.memoryModel = new MemoryViewModel(system.memories(), system.projects(), system.nightly(), background,
        i18n, zone);
    this.searchModel = new SearchViewModel(system.search(), background, i18n, hit -> open(main, hit,
        openConversation));
    system.memories().addListener(() -> background.ui().run(memoryModel::refresh));
    this.learning = new MemoryLearning(system::extractLater, main.notices(), i18n, background.ui(),
        () -> main.showPage(PAGE_ID));
    watchTheChat(main, chat);
  }

  /** Adds the Memory page and the search overlay to the window and Ctrl+K to its scene. */
  public void attach(MainView view, Scene scene) {
    // Read the memories when the page is first shown (changes refresh it anyway, see the constructor).
    view.addPage(PAGE_ID, i18n.get("memory.title"), MemoryView.PIN, () -> {
      memoryModel.refresh();
      return new MemoryView(memoryModel, i18n).root();
    });
    SearchDialog search = new SearchDialog(searchModel, i18n, zone);
    if (view.root() instanceof StackPane stack) {
      stack.getChildren().add(search.overlay());
      search.install(scene);
    }
  }

  /** Where a note found by Ctrl+K opens (the Notes page). */
  public void openNotesWith(NoteLink link) {
    this.noteLink = link;
  }

  public MemoryLearning learning() {
    return learning;
  }

  private void watchTheChat(MainViewModel main, ChatHooks chat) {
    PauseTransition quiet = new PauseTransition(QUIET_TIME);
    quiet.setOnFinished(e -> learning.quiet());
    learning.setTimer(new MemoryLearning.QuietTimer() {
      @Override
      public void restart() {
        quiet.playFromStart();
      }

      @Override
      public void stop() {
        quiet.stop();
      }
    });
    chat.answering().addListener((obs, was, now) -> {
      Long conversation = chat.conversationId().getValue();
      if (now) {
        learning.answerStarted();
      } else if (was && conversation != null) {
        learning.answerEnded(conversation);
      }
    });
    main.conversations().selectedProperty().addListener((obs, old, now) -> {
      if (old != null && (now == null || now.id() != old.id())) {
        learning.left(old.id());
      }
    });
  }

  private void open(MainViewModel main, SearchHit hit, BiConsumer<Long, Long> openConversation) {
    if (hit.kind() == SearchHit.Kind.MEMORY) {
      main.showPage(PAGE_ID);
    } else if (hit.kind() == SearchHit.Kind.NOTE) {
      long noteId = NoteSearch.noteId(hit.reference());
      if (noteId > 0) {
        noteLink.open(noteId);
      }
    } else if (hit.conversationId() > 0) {
      openConversation.accept(hit.conversationId(), hit.kind() == SearchHit.Kind.MESSAGE ? hit.messageId() : 0L);
    }
  }
}
