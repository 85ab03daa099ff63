package dev.tars.desktop.agenda;

import dev.tars.actions.Actions;
import dev.tars.actions.i18n.Texts;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.shell.MainView;
import dev.tars.desktop.shell.MainViewModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Puts the agenda in the window: the Agenda page (sidebar button and Ctrl+Shift+A), {@code .ics} files dropped on
 * the window (previewed, then imported), and the links to events and reminders ({@link Navigation.Kind#EVENT},
 * {@link Navigation.Kind#REMINDER}) other features make, which open the page on their day.
 */
public final class AgendaFeature {
  public static final String PAGE_ID = "agenda";
  public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN,
      KeyCombination.SHIFT_DOWN);
  static final String CALENDAR_ICON = "M19 4h-1V2h-2v2H8V2H6v2H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.1 0 2-.9 2-2V6"
      + "c0-1.1-.9-2-2-2zm0 16H5V10h14v10zm0-12H5V6h14v2zM7 12h5v5H7z";

  private final MainViewModel main;
  private final AgendaViewModel viewModel;
  private final I18n i18n;
  private boolean shown;

  public AgendaFeature(Actions actions, MainViewModel main, Background background, I18n i18n) {
    this.main = main;
    this.i18n = i18n;
    Texts texts = Texts.of(formatLocale(i18n));
    this.viewModel = new AgendaViewModel(actions.agenda(), actions.service(), background, i18n, texts,
        main.notices(), actions.clock());
    // Changes from anywhere (the chat's card, the command line in another process is not seen) redraw the page.
    actions.agenda().addListener(() -> background.ui().run(() -> {
      if (shown) {
        viewModel.refresh();
      }
    }));
  }

  /** The person's language with a region, so dates and the first day of the week follow their locale. */
  static Locale formatLocale(I18n i18n) {
    String language = i18n.locale().getLanguage();
    return Texts.locale(language.isEmpty() ? "en" : language);
  }

  public AgendaViewModel viewModel() {
    return viewModel;
  }

  public void attach(MainView view, Scene scene) {
    view.addPage(PAGE_ID, i18n.get("agenda.title"), CALENDAR_ICON, () -> {
      shown = true;
      viewModel.refresh();
      return new AgendaView(viewModel, i18n).root();
    });
    scene.getAccelerators().put(SHORTCUT, () -> main.showPage(PAGE_ID));
    main.navigation().register(Navigation.Kind.EVENT, target -> open(target.day(), target.id()));
    main.navigation().register(Navigation.Kind.REMINDER, target -> open(target.day(), 0));
  }

  /** Whether a dropped file is a calendar for the agenda (other files go to the documents). */
  public static boolean isCalendar(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".ics");
  }

  /** Shows the page and the preview of the first calendar file dropped. */
  public void dropped(List<Path> calendars) {
    if (!calendars.isEmpty()) {
      main.showPage(PAGE_ID);
      viewModel.preview(calendars.get(0));
    }
  }

  private void open(LocalDate day, long eventId) {
    main.showPage(PAGE_ID);
    viewModel.open(day, eventId);
  }
}
