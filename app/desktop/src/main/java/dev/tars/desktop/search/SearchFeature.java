package dev.tars.desktop.search;

import dev.tars.actions.notes.NoteSearch;
import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.feature.Navigation.Target;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchService;
import java.time.ZoneId;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

/**
 * Ctrl+K: search over conversations, messages, memories, notes and documents in a panel over the window. A result
 * opens through {@link Navigation} on the page that owns it (a conversation at the message, the Memory page, the
 * note on the Notes page), so this feature imports none of them.
 */
public final class SearchFeature {
  private final SearchViewModel viewModel;
  private final I18n i18n;
  private final ZoneId zone;

  public SearchFeature(SearchService search, Navigation navigation, Background background, I18n i18n, ZoneId zone) {
    this.i18n = i18n;
    this.zone = zone;
    this.viewModel = new SearchViewModel(search, background, i18n,
        hit -> target(hit).ifPresent(navigation::open));
  }

  /** Puts the panel over {@code windowRoot} and Ctrl+K on {@code scene}. */
  public void attach(StackPane windowRoot, Scene scene) {
    SearchDialog dialog = new SearchDialog(viewModel, i18n, zone);
    windowRoot.getChildren().add(dialog.overlay());
    dialog.install(scene);
  }

  /** Where a result opens; empty for one with nothing to open (a document hit opens in its own place). */
  static Optional<Target> target(SearchHit hit) {
    return switch (hit.kind()) {
      case MEMORY -> Optional.of(Target.memory(idAfter("memory:", hit.reference())));
      case NOTE -> {
        long noteId = NoteSearch.noteId(hit.reference());
        yield noteId > 0 ? Optional.of(Target.note(noteId)) : Optional.empty();
      }
      default -> hit.conversationId() > 0
          ? Optional.of(Target.conversation(hit.conversationId(),
              hit.kind() == SearchHit.Kind.MESSAGE ? hit.messageId() : 0L))
          : Optional.empty();
    };
  }

  private static long idAfter(String prefix, String reference) {
    try {
      return reference.startsWith(prefix) ? Long.parseLong(reference.substring(prefix.length())) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
