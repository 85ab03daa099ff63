package dev.tars.desktop;

import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.actions.ActionsFeature;
import dev.tars.desktop.agenda.AgendaFeature;
import dev.tars.desktop.backup.BackupSettingsView;
import dev.tars.desktop.backup.BackupSettingsViewModel;
import dev.tars.desktop.backup.BackupsView;
import dev.tars.desktop.backup.BackupsViewModel;
import dev.tars.desktop.chat.ChatViewModel;
import dev.tars.desktop.dashboard.DashboardView;
import dev.tars.desktop.dashboard.ProblemText;
import dev.tars.desktop.dashboard.DashboardViewModel;
import dev.tars.desktop.feature.NoteLink;
import dev.tars.desktop.feature.AgendaLink;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.desktop.knowledge.DocumentAnswersFeature;
import dev.tars.desktop.knowledge.KnowledgeView;
import dev.tars.desktop.knowledge.KnowledgeViewModel;
import dev.tars.desktop.knowledge.SystemFileOpener;
import dev.tars.desktop.memory.MemoryFeature;
import dev.tars.desktop.models.ModelsView;
import dev.tars.desktop.models.ModelsViewModel;
import dev.tars.desktop.notes.NotesFeature;
import dev.tars.desktop.projects.ProjectsFeature;
import dev.tars.desktop.projects.ProjectsViewModel;
import dev.tars.desktop.search.SearchDialog;
import dev.tars.desktop.settings.LocalApiView;
import dev.tars.desktop.settings.LocalApiViewModel;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.desktop.fx.Notices;
import dev.tars.desktop.voice.SpeakerButton;
import dev.tars.desktop.voice.VoiceFeature;
import dev.tars.desktop.tools.ToolsFeature;
import dev.tars.desktop.voice.VoiceSettingsView;
import dev.tars.engine.Role;
import dev.tars.models.ModelKind;
import dev.tars.projects.ProjectChats;
import dev.tars.watchdog.Health;
import java.time.Clock;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI on top of ready-made services: view models, views, the window. {@link TarsApp} builds the services
 * and hands them here; nothing in here knows about storage or engine implementations.
 */
public final class DesktopShell implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopShell.class);
  static final String KNOWLEDGE_PAGE = "knowledge";

  // One thread: storage calls from the UI then happen in the order the person made them (delete before undo,
  // one theme pick after another). Streaming runs on the chat service's own threads.
  private final ExecutorService work = Executors.newSingleThreadExecutor(NamedThreads.named("ui-work"));
  private final FxUiDispatcher ui = new FxUiDispatcher();
  private final Background background = new Background(work, ui);
  private final DesktopServices services;
  private final MainViewModel viewModel;
  private final I18n i18n;
  private ModelsViewModel modelsViewModel;
  private KnowledgeViewModel knowledgeViewModel;
  private DocumentAnswersFeature documentAnswers;
  private VoiceFeature voice;
  private NotesFeature notes;
  private ActionsFeature actionsFeature;
  private ToolsFeature tools;
  private AgendaFeature agenda;
  private final ProjectChats projectChats;

  public DesktopShell(DesktopServices services, I18n i18n) {
    this.services = services;
    this.i18n = i18n;
    // With projects, the conversation list shows the current project's conversations and new ones go there.
    this.projectChats = services.memory() == null ? null
        : new ProjectChats(services.chats(), services.memory().projects());
    this.viewModel = new MainViewModel(projectChats == null ? services.chats() : projectChats, services.settings(),
        services.engines(), background, i18n);
  }

  public MainViewModel viewModel() {
    return viewModel;
  }

  /** Shows the main window on {@code stage}. */
  public void show(Stage stage) {
    MainView view = new MainView(viewModel, i18n);
    // The window may already show the start-up view (TarsApp): keep its size, whatever the person made it.
    Scene scene = stage.getScene() != null && stage.isShowing()
        ? new Scene(view.root(), stage.getScene().getWidth(), stage.getScene().getHeight())
        : new Scene(view.root(), defaultWidth(), defaultHeight());
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    view.install(scene);
    addKnowledge(view, scene);
    addMemory(view, scene);
    addNotes(view, scene);
    addAgenda(view, scene);
    view.setFileDrop(this::filesDropped);
    addModels(view);
    addBackups(view);
    addVoice(view, scene);
    addLocalApi(view);
    addActions(view, scene);
    addTools(view);
    stage.setTitle("Tars");
    stage.setMinWidth(Math.min(820, screen.getWidth()));
    stage.setMinHeight(Math.min(560, screen.getHeight()));
    var icon = DesktopShell.class.getResource("/dev/tars/desktop/tars.png");
    if (icon != null && stage.getIcons().isEmpty()) {
      stage.getIcons().add(new Image(icon.toExternalForm()));
    }
    stage.setScene(scene);
    viewModel.start();
    stage.show();
  }

  /** A roomy window, but never larger than the screen (small laptops, headless test screens). */
  public static double defaultWidth() {
    return Math.min(1240, Screen.getPrimary().getVisualBounds().getWidth() * 0.92);
  }

  public static double defaultHeight() {
    return Math.min(820, Screen.getPrimary().getVisualBounds().getHeight() * 0.92);
  }

  /**
   * The Knowledge page (files dropped anywhere on the window are indexed and the page shows their progress), and
   * answering from documents in the chat with citations that open their passage.
   */
  private void addKnowledge(MainView view, Scene scene) {
    if (services.knowledge() == null) {
      return;
    }
    knowledgeViewModel = new KnowledgeViewModel(services.knowledge().service(), background, i18n);
    view.addPage(KNOWLEDGE_PAGE, i18n.get("knowledge.title"), Icons.BOOK,
        () -> new KnowledgeView(knowledgeViewModel, i18n).load());
    documentAnswers = new DocumentAnswersFeature(services.knowledge().service(),
        services.knowledge().conversationDocuments(), new SystemFileOpener(), background, i18n, viewModel.notices());
    if (projectChats != null) {
      documentAnswers.viewModel().setProject(projectChats::project);
    }
    documentAnswers.setNotes(services.actions() != null, noteId -> noteLink().open(noteId));
    documentAnswers.attach(view.chatView().hooks(), scene);
    // The embedding model loads on first use: start loading it as soon as a search is on its way.
    documentAnswers.viewModel().enabledProperty().addListener((obs, was, on) -> {
      if (on) {
        services.knowledge().prepareForSearch();
      }
    });
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (SearchDialog.SHORTCUT.match(e)) {
        services.knowledge().prepareForSearch();
      }
    });
  }

  /** Calendar files dropped on the window go to the agenda (after a preview), every other file to the documents. */
  void filesDropped(List<Path> paths) {
    List<Path> calendars = agenda == null ? List.of() : paths.stream().filter(AgendaFeature::isCalendar).toList();
    List<Path> documents = paths.stream().filter(p -> !calendars.contains(p)).toList();
    if (!documents.isEmpty() && knowledgeViewModel != null) {
      knowledgeViewModel.add(documents);
      viewModel.showPage(KNOWLEDGE_PAGE);
    }
    if (!calendars.isEmpty()) {
      agenda.dropped(calendars);
    }
  }

  /** The Agenda page (day, week, month; .ics import and export). */
  private void addAgenda(MainView view, Scene scene) {
    if (services.actions() == null) {
      return;
    }
    agenda = new AgendaFeature(services.actions(), viewModel, background, i18n);
    agenda.attach(view, scene);
  }

  /** Opens the Agenda page on a day and event; for features that link to it (nothing happens without it). */
  public AgendaLink agendaLink() {
    return agenda == null ? AgendaLink.NONE : agenda.link();
  }

  /** The project switcher, the Memory page and Ctrl+K search over everything. */
  private void addMemory(MainView view, Scene scene) {
    if (services.memory() == null) {
      return;
    }
    ProjectsFeature projects = new ProjectsFeature(services.memory().projects(), services.memory().exchange(),
        projectChats, viewModel, services.settings(), background, i18n, this::collections, this::chatModels);
    projects.attach(view.conversationList());
    if (documentAnswers != null) {
      projects.viewModel().currentProperty().addListener((obs, old, now) ->
          documentAnswers.viewModel().projectChanged());
    }
    MemoryFeature memory = new MemoryFeature(services.memory(), viewModel, view.chatView().hooks(), background, i18n,
        ZoneId.systemDefault(), projects::openConversation);
    memory.openNotesWith(noteId -> noteLink().open(noteId));
    memory.attach(view, scene);
  }

  /** The Notes page (Markdown notes with tags and project, search, autosave, undo). */
  private void addNotes(MainView view, Scene scene) {
    if (services.actions() == null) {
      return;
    }
    var projects = services.memory() == null ? null : services.memory().projects();
    notes = new NotesFeature(services.actions(), () -> projects == null ? List.of() : projects.projects(),
        viewModel, background, i18n, ZoneId.systemDefault());
    notes.attach(view, scene);
  }

  /** Opens the Notes page on a note; for features that link to notes (nothing happens without them). */
  public NoteLink noteLink() {
    return notes == null ? NoteLink.NONE : notes.link();
  }

  /** Document collections a project can search by default (called in the background). */
  private List<ProjectsViewModel.Collection> collections() {
    return services.knowledge() == null ? List.of() : services.knowledge().service().collections().stream()
        .map(c -> new ProjectsViewModel.Collection(c.id(), c.name())).toList();
  }

  /** Installed chat models a project can use by default (called in the background). */
  private List<String> chatModels() {
    return services.models() == null ? List.of() : services.models().installed().stream()
        .filter(m -> m.kind() == ModelKind.CHAT).map(m -> services.models().location(m).toString()).toList();
  }

  private void addModels(MainView view) {
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
  private void addBackups(MainView view) {
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
  private void addLocalApi(MainView view) {
    if (services.localApi() == null) {
      return;
    }
    LocalApiViewModel api = new LocalApiViewModel(services.settings(), services.localApi(), background, ui, i18n);
    view.addSettingsSection(i18n.get("localApi.title"), () -> new LocalApiView(api, i18n).root());
  }

  /** Action cards and answers in the chat, reminder notices and the Activity page. */
  private void addActions(MainView view, Scene scene) {
    if (services.actions() == null) {
      return;
    }
    actionsFeature = new ActionsFeature(services.actions(), services.engines(), viewModel, background, i18n);
    actionsFeature.attach(view, view.chatView().hooks(), scene);
    if (agenda != null) {
      // The answers' links to events and reminders open the Agenda page on their day.
      AgendaLink link = agenda.link();
      viewModel.navigation().register(Navigation.Kind.EVENT, target -> link.open(target.day(), target.id()));
      viewModel.navigation().register(Navigation.Kind.REMINDER, target -> link.open(target.day(), 0));
    }
    if (notes != null) {
      // The answers' links to notes open the Notes page on the note.
      NoteLink link = notes.link();
      viewModel.navigation().register(Navigation.Kind.NOTE, target -> link.open(target.id()));
    }
  }

  /** Settings → Tools, and a card in the conversation for each tool call the model asks for. */
  private void addTools(MainView view) {
    if (services.chatTools() == null) {
      return;
    }
    tools = new ToolsFeature(services.chatTools(), background, ui, i18n);
    tools.attach(view.chatView().hooks(), (title, section) -> view.addSettingsSection(title, section));
  }

  /** Voice is optional: without audio devices or speech models the rest of the app works the same. */
  private void addVoice(MainView view, Scene scene) {
    if (services.paths() == null) {
      return;
    }
    try {
      voice = new VoiceFeature(services.paths(), ui, i18n.locale());
      ChatViewModel chat = viewModel.chat();
      view.chatView().addComposerTool(voice.inputView(chat.inputProperty(), chat::send).root());
      view.chatView().setAnswerActions(item -> item.role() == Role.ASSISTANT
          ? SpeakerButton.forAnswer(item, item::content, voice.readAloudViewModel(), voice.texts()) : null);
      voice.attach(chat);
      voice.install(scene);
      view.addSettingsSection(i18n.get("voice.title"), () -> {
        Button voiceSettings = new Button(i18n.get("voice.settings"));
        voiceSettings.setOnAction(e -> new VoiceSettingsView(voice.settingsViewModel(), voice.texts())
            .show(scene.getWindow()));
        Label hint = new Label(i18n.get("voice.settings.hint"));
        hint.getStyleClass().add("settings-hint");
        return new VBox(8, hint, voiceSettings);
      });
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Voice is not available", e);
      voice = null;
    }
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
    if (tools != null) {
      tools.detach();
    }
    if (voice != null) {
      voice.close();
    }
    if (actionsFeature != null) {
      actionsFeature.close();
    }
    if (modelsViewModel != null) {
      modelsViewModel.close();
    }
    if (knowledgeViewModel != null) {
      knowledgeViewModel.close();
    }
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
