package dev.tars.desktop.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchService;
import dev.tars.search.Snippet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchViewModelTest {
  private static SearchHit hit(String text) {
    return new SearchHit(SearchHit.Kind.MESSAGE, "Chat", new Snippet(text, List.of()), 7, 42, "", 1, Instant.EPOCH);
  }

  private final List<SearchHit> opened = new ArrayList<>();
  private final SearchService service = new SearchService(List.of((query, limit) ->
      query.words().contains("lisbon") ? List.of(hit("Lisbon hotels"), hit("Lisbon trams")) : List.of()));
  private final SearchViewModel viewModel =
      new SearchViewModel(service, Background.direct(), I18n.forLanguage("en"), opened::add);

  @Test
  void typingSearchesAndSaysHowManyWereFound() {
    viewModel.queryProperty().set("Lisbon");
    assertThat(viewModel.results()).hasSize(2);
    assertThat(viewModel.statusProperty().get()).isEqualTo("2 results");
    viewModel.queryProperty().set("porto");
    assertThat(viewModel.results()).isEmpty();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Nothing found for “porto”.");
    viewModel.reset();
    assertThat(viewModel.statusProperty().get()).isEmpty();
  }

  @Test
  void openingAResultHandsItToTheOpener() {
    viewModel.queryProperty().set("lisbon");
    viewModel.open(viewModel.results().get(1));
    assertThat(opened).singleElement().satisfies(h -> assertThat(h.messageId()).isEqualTo(42));
  }
}
