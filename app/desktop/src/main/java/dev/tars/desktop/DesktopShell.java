package dev.tars.desktop;

import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.actions.ActionsFeature;
import dev.tars.desktop.agenda.AgendaFeature;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.desktop.knowledge.DocumentAnswersFeature;
import dev.tars.desktop.knowledge.KnowledgeView;
import dev.tars.desktop.knowledge.KnowledgeViewModel;
import dev.tars.desktop.knowledge.SystemFileOpener;
import dev.tars.desktop.memory.MemoryFeature;
import dev.tars.desktop.notes.NotesFeature;
import dev.tars.desktop.projects.ProjectsFeature;
import dev.tars.desktop.projects.ProjectsViewModel;
import dev.tars.desktop.search.SearchDialog;
import dev.tars.desktop.search.SearchFeature;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.desktop.tools.ToolsFeature;
import dev.tars.desktop.voice.VoiceFeature;
import dev.tars.models.ModelKind;
import dev.tars.projects.ProjectChats;
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
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI on top of ready-made services: view models, views, the window. {@link TarsApp} takes the services from
 * the runtime and hands them here; nothing in here knows about storage or engine implementations. The shell puts
 * each feature in the window and hands it the contracts of {@code feature/} (the chat's and the conversation list's
 * extension points, {@code Navigation} for links between pages), so features never import each other. The pages
 * about Tars itself (models, backups, dashboard, local API) are put in by {@link ServicePages}.
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
  private final ServicePages servicePages;
  private KnowledgeViewModel knowledgeViewModel;
  private DocumentAnswersFeature documentAnswers;
  private VoiceFeature voice;
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
    this.servicePages = new ServicePages(services, viewModel, background, ui, work, i18n);
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
    servicePages.addModels(view);
    servicePages.addBackups(view);
    addVoice(view, scene);
    servicePages.addLocalApi(view);
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
        services.knowledge().conversationDocuments(), new SystemFileOpener(), background, i18n, viewModel.notices(),
        viewModel.navigation());
    if (projectChats != null) {
      documentAnswers.viewModel().setProject(projectChats::project);
    }
    documentAnswers.setNotesAvailable(services.actions() != null);
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

  /** The project switcher, the Memory page and Ctrl+K search over everything. */
  private void addMemory(MainView view, Scene scene) {
    if (services.memory() == null) {
      return;
    }
    ProjectsFeature projects = new ProjectsFeature(services.memory().projects(), services.memory().exchange(),
        projectChats, viewModel, services.settings(), background, i18n, this::collections, this::chatModels);
    projects.attach(view.conversationList().hooks());
    if (documentAnswers != null) {
      projects.viewModel().currentProperty().addListener((obs, old, now) ->
          documentAnswers.viewModel().projectChanged());
    }
    new MemoryFeature(services.memory(), viewModel, view.chatView().hooks(), background, i18n,
        ZoneId.systemDefault()).attach(view);
    if (view.root() instanceof StackPane windowRoot) {
      new SearchFeature(services.memory().search(), viewModel.navigation(), background, i18n, ZoneId.systemDefault())
          .attach(windowRoot, scene);
    }
  }

  /** The Notes page (Markdown notes with tags and project, search, autosave, undo). */
  private void addNotes(MainView view, Scene scene) {
    if (services.actions() == null) {
      return;
    }
    var projects = services.memory() == null ? null : services.memory().projects();
    NotesFeature notes = new NotesFeature(services.actions(), () -> projects == null ? List.of() : projects.projects(),
        viewModel, background, i18n, ZoneId.systemDefault());
    notes.attach(view, scene);
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

  /** Action cards and answers in the chat, reminder notices and the Activity page. */
  private void addActions(MainView view, Scene scene) {
    if (services.actions() == null) {
      return;
    }
    actionsFeature = new ActionsFeature(services.actions(), services.engines(), viewModel, background, i18n);
    actionsFeature.attach(view, view.chatView().hooks(), scene);
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
    if (services.voice() == null) {
      return;
    }
    try {
      voice = new VoiceFeature(services.voice(), ui, i18n);
      voice.attach(view.chatView().hooks(), scene, view::addSettingsSection);
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
    servicePages.close();
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
