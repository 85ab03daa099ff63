package dev.tars.desktop.projects;

import dev.tars.config.SettingsStore;
import dev.tars.desktop.feature.ConversationListHooks;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.feature.ProjectNames;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.desktop.fx.Notices;
import dev.tars.exchange.ExchangeService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectChats;
import dev.tars.projects.ProjectService;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts projects in the window: the switcher under the app's name, the conversation list showing the current
 * project's conversations (new chats are created there, through {@link ProjectChats}), "Move to project…" and
 * "Export…" on each conversation, export and import of whole projects, and opening any conversation (also one
 * of another project) at a given message.
 */
public final class ProjectsFeature {
  private final ProjectChats chats;
  private final MainViewModel main;
  private final SettingsStore settings;
  private final Background background;
  private final I18n i18n;
  private final ProjectsViewModel viewModel;
  private final ExchangeViewModel exchange;
  private ProjectSwitcherView switcher;

  /**
   * @param chats the chat service the main view model was built with
   * @param settings where a project's default model becomes the active model, or null to leave models alone
   * @param exchange export/import, or null to leave them out
   */
  public ProjectsFeature(ProjectService projects, ExchangeService exchange, ProjectChats chats, MainViewModel main,
      SettingsStore settings, Background background, I18n i18n,
      Supplier<List<ProjectsViewModel.Collection>> collections, Supplier<List<String>> models) {
    this.chats = chats;
    this.main = main;
    this.settings = settings;
    this.background = background;
    this.i18n = i18n;
    this.viewModel = new ProjectsViewModel(projects, background, i18n, collections, models);
    this.exchange = exchange == null ? null
        : new ExchangeViewModel(exchange, background, i18n, main.notices(), this::imported);
    viewModel.currentProperty().addListener((obs, old, now) -> {
      if (now == null || now.id() == chats.project()) {
        return;
      }
      chats.setProject(now.id());
      main.refreshConversations();
      if (old != null) {
        useDefaultModel(now);
      }
    });
  }

  public ProjectsViewModel viewModel() {
    return viewModel;
  }

  /**
   * Adds the switcher to the sidebar and the project actions to the conversation list; links to conversations
   * open through {@link #openConversation}, switching project when needed.
   */
  public void attach(ConversationListHooks list) {
    switcher = new ProjectSwitcherView(viewModel, exchange, i18n);
    list.addHeader(switcher.root());
    list.setMoveAction(item -> switcher.askMove(item, this::move));
    if (exchange != null) {
      list.setExportAction(switcher::askExport);
    }
    main.navigation().register(Navigation.Kind.CONVERSATION,
        target -> openConversation(target.id(), target.messageId()));
    viewModel.refresh();
  }

  /**
   * Opens a conversation of any project: switches to its project, selects it, and (messageId > 0) scrolls to that
   * message.
   */
  public void openConversation(long conversationId, long messageId) {
    viewModel.projectOf(conversationId, projectId -> {
      viewModel.select(projectId);
      main.showConversation(conversationId, messageId);
    });
  }

  void move(ConversationListHooks.Entry item, Project target) {
    viewModel.moveConversation(item.id(), target.id(), () -> {
      main.refreshConversations();
      main.notices().post(new Notices.Notice(Notices.Kind.SUCCESS,
          i18n.get("projects.moved", item.title(), ProjectNames.shown(target, i18n)), i18n.get("projects.moved.open"),
          () -> openConversation(item.id(), 0)));
    }, main.notices()::error);
  }

  private void imported(ExchangeService.ImportResult result) {
    if (result.projectId() != chats.project()) {
      viewModel.select(result.projectId());
    }
    viewModel.refresh();
    main.refreshConversations();
  }

  private void useDefaultModel(Project project) {
    if (settings == null || project.defaultModel().isBlank()) {
      return;
    }
    String name = ProjectNames.shown(project, i18n);
    background.run(() -> ProjectModel.apply(settings, project), outcome -> {
      String model = Path.of(project.defaultModel()).getFileName().toString();
      switch (outcome) {
        case SWITCHED -> main.notices().info(i18n.get("projects.model.switched", model, name));
        case MISSING -> main.notices().post(new Notices.Notice(Notices.Kind.WARNING,
            i18n.get("projects.model.missing", project.defaultModel(), name)));
        case UNCHANGED -> { }
      }
    }, e -> main.notices().error(i18n.get("projects.failed")));
  }
}
