package dev.tars.desktop.notes;

import dev.tars.actions.Actions;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.projects.Project;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Puts notes in the window: the Notes page (sidebar button and Ctrl+Shift+N), which opens the links of kind
 * {@link Navigation.Kind#NOTE} other features make (Ctrl+K, a cited note, the router's answers). At start it records drafts a crash
 * left; leaving the page records the edit under way.
 */
public final class NotesFeature {
  public static final String PAGE_ID = "notes";
  public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN,
      KeyCombination.SHIFT_DOWN);
  static final String NOTE_ICON = "M14 2H6c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V8l-6-6zm2 16H8v-2h8v2z"
      + "m0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z";

  private final MainViewModel main;
  private final NotesViewModel viewModel;
  private final I18n i18n;
  private final ZoneId zone;
  private NotesView view;
  private boolean shown;

  /** @param projects the projects a note can belong to (blocking; empty without projects) */
  public NotesFeature(Actions actions, Supplier<List<Project>> projects, MainViewModel main, Background background,
      I18n i18n, ZoneId zone) {
    this.main = main;
    this.i18n = i18n;
    this.zone = zone;
    this.viewModel = new NotesViewModel(actions.notes(), actions.service(), projects, background, i18n,
        main.notices());
    // Notes changed elsewhere (the chat's card, an undo on the Activity page) show up in the list.
    actions.activity().addListener(() -> background.ui().run(() -> {
      if (shown) {
        viewModel.refresh();
      }
    }));
    main.pageProperty().addListener((obs, old, now) -> leaving(old));
    main.stateProperty().addListener((obs, old, now) -> {
      if (now != MainViewModel.State.PAGE) {
        leaving(main.pageProperty().get());
      }
    });
    viewModel.recoverDrafts();
  }

  public NotesViewModel viewModel() {
    return viewModel;
  }

  public void attach(MainView mainView, Scene scene) {
    mainView.addPage(PAGE_ID, i18n.get("notes.title"), NOTE_ICON, () -> {
      shown = true;
      viewModel.refresh();
      view = new NotesView(viewModel, i18n, zone);
      return view.root();
    });
    scene.getAccelerators().put(SHORTCUT, () -> {
      main.showPage(PAGE_ID);
      if (view != null) {
        view.focusSearch();
      }
    });
    main.navigation().register(Navigation.Kind.NOTE, target -> {
      viewModel.open(target.id());
      main.showPage(PAGE_ID);
    });
  }

  /** Records the edit under way when the person leaves the Notes page. */
  private void leaving(String page) {
    if (PAGE_ID.equals(page)) {
      viewModel.commit();
    }
  }
}
