package dev.tars.desktop.memory;

import dev.tars.desktop.feature.ChatHooks;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.runtime.MemorySystem;
import java.time.ZoneId;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Puts memory in the window: the Memory page (sidebar button; links of kind {@link Navigation.Kind#MEMORY}, such as
 * a memory found by Ctrl+K, open it) and reading conversations for new facts ({@link MemoryLearning}).
 */
public final class MemoryFeature {
  public static final String PAGE_ID = "memory";
  /** How long the chat must be quiet before Tars reads conversations for facts. */
  static final Duration QUIET_TIME = Duration.seconds(45);

  private final MainViewModel main;
  private final MemoryViewModel memoryModel;
  private final MemoryLearning learning;
  private final I18n i18n;

  public MemoryFeature(MemorySystem system, MainViewModel main, ChatHooks chat, Background background, I18n i18n,
      ZoneId zone) {
    this.main = main;
    this.i18n = i18n;
    this.memoryModel = new MemoryViewModel(system.memories(), system.projects(), system.nightly(), background,
        i18n, zone);
    system.memories().addListener(() -> background.ui().run(memoryModel::refresh));
    this.learning = new MemoryLearning(system::extractLater, main.notices(), i18n, background.ui(),
        () -> main.showPage(PAGE_ID));
    watchTheChat(chat);
  }

  /** Adds the Memory page to the window; memory links open it. */
  public void attach(MainView view) {
    // Read the memories when the page is first shown (changes refresh it anyway, see the constructor).
    view.addPage(PAGE_ID, i18n.get("memory.title"), MemoryView.PIN, () -> {
      memoryModel.refresh();
      return new MemoryView(memoryModel, i18n).root();
    });
    main.navigation().register(Navigation.Kind.MEMORY, target -> main.showPage(PAGE_ID));
  }

  public MemoryLearning learning() {
    return learning;
  }

  private void watchTheChat(ChatHooks chat) {
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
    // Another conversation shown (or a new one started): the one left is read once the chat is quiet.
    chat.conversationId().addListener((obs, old, now) -> {
      if (old != null && !Objects.equals(old, now)) {
        learning.left(old);
      }
    });
  }
}
