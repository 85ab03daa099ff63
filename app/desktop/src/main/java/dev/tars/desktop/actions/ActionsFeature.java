package dev.tars.desktop.actions;

import dev.tars.actions.Actions;
import dev.tars.actions.router.Router;
import dev.tars.actions.router.Routers;
import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.feature.ChatHooks;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;
import dev.tars.engine.EngineStatus;
import dev.tars.runtime.EngineHost;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tars acts in the window: sentences sent in the chat go through the router (action cards, questions answered
 * from the agenda and the notes), due reminders become notices with Done and Snooze, and the Activity page
 * (sidebar, {@link #ACTIVITY_SHORTCUT}) lists every action with Undo. Built over the runtime's {@link Actions};
 * the runtime owns the reminder scheduler, this starts it once its notices are listened to.
 */
public final class ActionsFeature implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActionsFeature.class);
  public static final String ACTIVITY_PAGE = "activity";
  public static final KeyCombination ACTIVITY_SHORTCUT = new KeyCodeCombination(KeyCode.L,
      KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
  /** How long the chat model may take to choose an intent the rules were unsure of. */
  static final Duration SECOND_STAGE_TIMEOUT = Duration.ofSeconds(20);
  static final String LIST_ICON = "M3 13h2v-2H3v2zm0 4h2v-2H3v2zm0-8h2V7H3v2zm4 4h14v-2H7v2zm0 4h14v-2H7v2zM7 7v2h14V7"
      + "H7z";

  private final Actions actions;
  private final MainViewModel main;
  private final Background background;
  private final I18n i18n;
  private final Moments moments;
  private final ExecutorService routingThread = Executors.newSingleThreadExecutor(NamedThreads.named("chat-routing"));
  private final ChatRouting routing;
  private final ReminderNotices reminders;
  private final ActivityViewModel activity;

  /**
   * @param engines the chat engine, asked only when the router's rules are unsure and a model is ready (it never
   *     starts one); null for the rules alone
   */
  public ActionsFeature(Actions actions, EngineHost engines, MainViewModel main, Background background, I18n i18n) {
    this.actions = actions;
    this.main = main;
    this.background = background;
    this.i18n = i18n;
    this.moments = new Moments(i18n, actions.zone());
    Router router = engines == null ? Routers.firstStage()
        : Routers.withModel(() -> loaded(engines), SECOND_STAGE_TIMEOUT);
    this.routing = new ChatRouting(router, actions, new Background(routingThread, background.ui()), background,
        moments, main.navigation(), main.notices(), i18n);
    this.reminders = new ReminderNotices(actions, background, main.notices(), moments, i18n);
    this.activity = new ActivityViewModel(actions.activity(), actions.service(), background, main.notices(), moments,
        i18n);
  }

  private static Optional<ChatEngine> loaded(EngineHost engines) {
    if (engines.status().state() != EngineStatus.State.READY) {
      return Optional.empty();
    }
    try {
      return Optional.of(engines.engine());
    } catch (EngineException e) {
      return Optional.empty();
    }
  }

  /** Puts the cards into the chat, the Activity page into the sidebar, and starts delivering reminders. */
  public void attach(MainView view, ChatHooks chat, Scene scene) {
    scene.getStylesheets().add(Objects.requireNonNull(ActionsFeature.class.getResource("actions.css"),
        "actions.css").toExternalForm());
    chat.setInputRouter(routing);
    chat.setCardView(card -> cardView(card));
    view.addPage(ACTIVITY_PAGE, i18n.get("activity.title"), LIST_ICON, () -> {
      activity.refresh();
      return new ActivityView(activity, i18n).load();
    });
    scene.getAccelerators().put(ACTIVITY_SHORTCUT, () -> main.showPage(ACTIVITY_PAGE));
    // Another process (the command line, the local API) logs actions too: read again whenever the page opens.
    Runnable refreshWhenShown = () -> {
      if (main.state() == MainViewModel.State.PAGE && ACTIVITY_PAGE.equals(main.pageProperty().get())) {
        activity.refresh();
      }
    };
    main.pageProperty().addListener((obs, old, now) -> refreshWhenShown.run());
    main.stateProperty().addListener((obs, old, now) -> refreshWhenShown.run());
    actions.activity().addListener(() -> background.ui().run(activity::refresh));
    actions.scheduler().addListener(notice -> background.ui().run(() -> reminders.show(notice)));
    background.run(actions.scheduler()::start, e -> main.notices().error(i18n.get("reminder.startFailed")));
  }

  private Node cardView(dev.tars.desktop.feature.ChatCard card) {
    return switch (card) {
      case ActionCardViewModel action -> new ActionCardView(action, i18n, moments).root();
      case AnswerCardViewModel answer -> new AnswerCardView(answer, i18n).root();
      default -> null;
    };
  }

  public ActivityViewModel activity() {
    return activity;
  }

  @Override
  public void close() {
    routingThread.shutdownNow();
    try {
      if (!routingThread.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("Routing a chat message did not stop within 2 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
