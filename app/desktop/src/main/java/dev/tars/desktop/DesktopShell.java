package dev.tars.desktop;

import dev.tars.chat.ChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.SettingsStore;
import dev.tars.desktop.engine.EngineHost;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI on top of ready-made services: view models, views, the window. {@link TarsApp} builds the services
 * and hands them here; nothing in here knows about storage or engine implementations.
 */
public final class DesktopShell implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopShell.class);

  private final ExecutorService work = Executors.newFixedThreadPool(2, NamedThreads.named("ui-work"));
  private final FxUiDispatcher ui = new FxUiDispatcher();
  private final MainViewModel viewModel;
  private final I18n i18n;

  public DesktopShell(ChatService chats, SettingsStore settings, EngineHost engine, I18n i18n) {
    this.i18n = i18n;
    this.viewModel = new MainViewModel(chats, settings, engine, new Background(work, ui), i18n);
  }

  public MainViewModel viewModel() {
    return viewModel;
  }

  /** Shows the main window on {@code stage}. */
  public void show(Stage stage) {
    MainView view = new MainView(viewModel, i18n);
    Scene scene = new Scene(view.root(), 1240, 820);
    view.install(scene);
    stage.setTitle("Tars");
    stage.setMinWidth(820);
    stage.setMinHeight(560);
    var icon = DesktopShell.class.getResource("/dev/tars/desktop/tars-icon.png");
    if (icon != null) {
      stage.getIcons().add(new Image(icon.toExternalForm()));
    }
    stage.setScene(scene);
    viewModel.start();
    stage.show();
  }

  /** Stops answers under way and waits (bounded) until they are stored as stopped. */
  public void stopAnswers() {
    try {
      viewModel.shutdown().get(3, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Answers under way were not stored as stopped within 3 s");
    } catch (ExecutionException e) {
      LOG.warn("Stopping the answers under way failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    work.shutdown();
    ui.close();
    try {
      if (!work.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.warn("UI background work did not finish within 3 s");
        work.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
