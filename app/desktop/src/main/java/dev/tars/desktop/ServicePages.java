package dev.tars.desktop;

import dev.tars.desktop.backup.BackupSettingsView;
import dev.tars.desktop.backup.BackupSettingsViewModel;
import dev.tars.desktop.backup.BackupsView;
import dev.tars.desktop.backup.BackupsViewModel;
import dev.tars.desktop.dashboard.DashboardView;
import dev.tars.desktop.dashboard.DashboardViewModel;
import dev.tars.desktop.dashboard.ProblemText;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.desktop.fx.Notices;
import dev.tars.desktop.models.ModelsView;
import dev.tars.desktop.models.ModelsViewModel;
import dev.tars.desktop.settings.LocalApiView;
import dev.tars.desktop.settings.LocalApiViewModel;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.watchdog.Health;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages that look after Tars itself rather than the conversation: Models (and the welcome's one-click
 * model), Backups with their settings, the Dashboard with the watchdog's notices, and the local API switch in
 * Settings. Split from {@link DesktopShell}, which puts the chat's features together; each page is left out when
 * its service is not there.
 */
final class ServicePages implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServicePages.class);

  private final DesktopServices services;
  private final MainViewModel viewModel;
  private final Background background;
  private final FxUiDispatcher ui;
  private final ExecutorService work;
  private final I18n i18n;
  private ModelsViewModel modelsViewModel;

  ServicePages(DesktopServices services, MainViewModel viewModel, Background background, FxUiDispatcher ui,
      ExecutorService work, I18n i18n) {
    this.services = services;
    this.viewModel = viewModel;
    this.background = background;
    this.ui = ui;
    this.work = work;
    this.i18n = i18n;
  }

  void addModels(MainView view) {
    if (services.models() == null) {
      return;
    }
    // Only this page uses the view model, and making it reads the catalog and the models folder on the UI thread:
    // both wait for the first visit.
    view.addPage("models", i18n.get("models.title"), Icons.FOLDER,
        () -> new ModelsView(modelsViewModel(), i18n).load());
    // The welcome offers the recommended model: the same view model downloads it, so the Models page shows it too.
    viewModel.stateProperty().addListener((obs, old, now) -> offerRecommendedModel(now));
    offerRecommendedModel(viewModel.state());
  }

  private void offerRecommendedModel(MainViewModel.State state) {
    if (state == MainViewModel.State.WELCOME && viewModel.welcome().recommendedProperty().get() == null) {
      try {
        modelsViewModel().recommendedOffer().ifPresent(viewModel.welcome()::offer);
      } catch (RuntimeException e) {
        // Without the catalog the welcome still offers a file of one's own and a remote server.
        LOG.warn("The welcome cannot offer a model download", e);
      }
    }
  }

  /** Made on first need (the Models page or the welcome): it reads the catalog and the models folder. */
  private ModelsViewModel modelsViewModel() {
    if (modelsViewModel == null) {
      modelsViewModel = new ModelsViewModel(services.models(), ui::run, work, i18n);
    }
    return modelsViewModel;
  }

  /** Backups (list, verify, restore) and the Dashboard (answer speed, memory, index, backups, restarts). */
  void addBackups(MainView view) {
    if (services.backups() == null || services.watchdog() == null) {
      return;
    }
    BackupsViewModel backups = new BackupsViewModel(services.backups(), services.watchdog(), background,
        viewModel.notices(), services.restartApp(), i18n);
    // The page lists the backups when it is built (first visit).
    view.addPage("backups", i18n.get("backups.title"), Icons.HISTORY, () -> new BackupsView(backups, i18n,
        services.backupSettings() == null ? null : viewModel::showSettings).load());
    if (services.backupSettings() != null) {
      BackupSettingsViewModel backupSettings = new BackupSettingsViewModel(services.backupSettings(),
          services.backups().catalog().folder(), background, i18n);
      view.addSettingsSection(i18n.get("backupSettings.title"),
          () -> new BackupSettingsView(backupSettings, i18n).root());
      viewModel.stateProperty().addListener((obs, old, now) -> {
        if (now == MainViewModel.State.SETTINGS) {
          backupSettings.load();
        }
      });
    }
    services.watchdog().addListener(problem -> ui.run(() -> {
      // A restart already has its notice from the engine status (and is counted on the Dashboard).
      if (!problem.resolved() && !"engine-restart".equals(problem.check())) {
        viewModel.notices().post(new Notices.Notice(problem.severity() == Health.Severity.CRITICAL
            ? Notices.Kind.ERROR : Notices.Kind.WARNING, ProblemText.of(problem, i18n)));
      }
    }));
    if (services.metrics() != null) {
      DashboardViewModel dashboard = new DashboardViewModel(services.metrics(), services.backups(), background,
          Clock.systemUTC(), i18n);
      view.addPage("dashboard", i18n.get("dashboard.title"), Icons.CHART,
          () -> new DashboardView(dashboard, i18n).load());
      viewModel.pageProperty().addListener((obs, old, now) -> {
        if ("dashboard".equals(now)) {
          dashboard.refresh();
        }
      });
    }
  }

  /** The Settings switch for the local OpenAI-compatible API server (off until the person turns it on). */
  void addLocalApi(MainView view) {
    if (services.localApi() == null) {
      return;
    }
    LocalApiViewModel api = new LocalApiViewModel(services.settings(), services.localApi(), background, ui, i18n);
    view.addSettingsSection(i18n.get("localApi.title"), () -> new LocalApiView(api, i18n).root());
  }

  @Override
  public void close() {
    if (modelsViewModel != null) {
      modelsViewModel.close();
    }
  }
}
