package dev.tars.desktop.search;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchService;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Ctrl+K search: searches as the query changes (in the background; an answer to an older query is
 * dropped), and opens the chosen result through {@code opener}. UI-thread only.
 */
public final class SearchViewModel {
  static final int LIMIT = 30;

  private final SearchService search;
  private final Background background;
  private final Consumer<SearchHit> opener;
  private final I18n i18n;
  private final StringProperty query = new SimpleStringProperty("");
  private final ObservableList<SearchHit> results = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper();
  private final AtomicLong generation = new AtomicLong();

  /** @param opener opens a result: its conversation at its message, a memory on the Memory page, a document */
  public SearchViewModel(SearchService search, Background background, I18n i18n, Consumer<SearchHit> opener) {
    this.i18n = i18n;
    this.search = search;
    this.background = background;
    this.opener = opener;
    query.addListener((obs, old, now) -> run(now));
  }

  public StringProperty queryProperty() {
    return query;
  }

  public ObservableList<SearchHit> results() {
    return results;
  }

  /** "3 results", "Nothing found for …", or empty before typing. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty searchingProperty() {
    return searching.getReadOnlyProperty();
  }

  public void open(SearchHit hit) {
    if (hit != null) {
      opener.accept(hit);
    }
  }

  /** Clears the query and results, for the next time the dialog opens. */
  public void reset() {
    query.set("");
  }

  private void run(String text) {
    long mine = generation.incrementAndGet();
    if (text == null || text.isBlank()) {
      results.clear();
      status.set("");
      searching.set(false);
      return;
    }
    searching.set(true);
    background.run(() -> search.search(text, LIMIT), (List<SearchHit> hits) -> {
      if (generation.get() != mine) {
        return;
      }
      searching.set(false);
      results.setAll(hits);
      status.set(hits.isEmpty() ? i18n.get("search.none", text.strip())
          : i18n.get(hits.size() == LIMIT ? "search.many" : "search.count", hits.size()));
    }, e -> {
      if (generation.get() == mine) {
        searching.set(false);
        results.clear();
        status.set(i18n.get("search.failed"));
      }
    });
  }
}
