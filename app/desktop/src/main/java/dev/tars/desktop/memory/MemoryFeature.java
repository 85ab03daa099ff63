package dev.tars.desktop.memory;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.search.SearchDialog;
import dev.tars.desktop.search.SearchViewModel;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.memory.MemorySystem;
import dev.tars.search.SearchHit;
import java.time.ZoneId;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

/**
 * Puts memory in the window: the Memory page (sidebar button) and the Ctrl+K search over everything. A
 * conversation or message result opens that conversation; a memory result opens the Memory page.
 */
public final class MemoryFeature {
  public static final String PAGE_ID = "memory";

  private final MemoryViewModel memoryModel;
  private final SearchViewModel searchModel;
  private final I18n i18n;
  private final ZoneId zone;

  public MemoryFeature(MemorySystem system, MainViewModel main, Background background, I18n i18n, ZoneId zone) {
    this.i18n = i18n;
    this.zone = zone;
    this.memoryModel = new MemoryViewModel(system.memories(), system.projects(), system.nightly(), background,
        i18n, zone);
    this.searchModel = new SearchViewModel(system.search(), background, i18n, hit -> open(main, hit));
    system.memories().addListener(() -> background.ui().run(memoryModel::refresh));
  }

  /** Adds the Memory page and the search overlay to the window and Ctrl+K to its scene. */
  public void attach(MainView view, Scene scene) {
    view.addPage(PAGE_ID, i18n.get("memory.title"), MemoryView.PIN, new MemoryView(memoryModel, i18n).root());
    SearchDialog search = new SearchDialog(searchModel, i18n, zone);
    if (view.root() instanceof StackPane stack) {
      stack.getChildren().add(search.overlay());
      search.install(scene);
    }
    memoryModel.refresh();
  }

  private void open(MainViewModel main, SearchHit hit) {
    if (hit.kind() == SearchHit.Kind.MEMORY) {
      main.showPage(PAGE_ID);
    } else if (hit.conversationId() > 0) {
      main.conversations().refreshAndSelect(hit.conversationId());
    }
  }
}
