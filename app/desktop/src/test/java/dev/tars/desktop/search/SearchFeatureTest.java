package dev.tars.desktop.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.feature.Navigation.Target;
import dev.tars.search.SearchHit;
import dev.tars.search.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Ctrl+K result opens through the one link mechanism, on the page that owns its kind. */
class SearchFeatureTest {
  private static SearchHit hit(SearchHit.Kind kind, long conversationId, long messageId, String reference) {
    return new SearchHit(kind, "title", new Snippet("text", List.of()), conversationId, messageId, reference, 1.0,
        null);
  }

  @Test
  void eachKindOfResultBecomesALinkToItsPage() {
    assertThat(SearchFeature.target(hit(SearchHit.Kind.MESSAGE, 7, 42, "")))
        .contains(Target.conversation(7, 42));
    assertThat(SearchFeature.target(hit(SearchHit.Kind.CONVERSATION, 7, 42, "")))
        .contains(Target.conversation(7, 0));
    assertThat(SearchFeature.target(hit(SearchHit.Kind.MEMORY, 0, 0, "memory:12"))).contains(Target.memory(12));
    assertThat(SearchFeature.target(hit(SearchHit.Kind.NOTE, 0, 0, "note:5"))).contains(Target.note(5));
    assertThat(SearchFeature.target(hit(SearchHit.Kind.DOCUMENT, 0, 0, "doc:3#1"))).isEmpty();
  }

  @Test
  void theRegisteredPageReceivesTheLinkAndAnUnknownKindIsRefused() {
    Navigation navigation = new Navigation();
    List<Target> opened = new ArrayList<>();
    navigation.register(Navigation.Kind.CONVERSATION, opened::add);

    Optional<Target> message = SearchFeature.target(hit(SearchHit.Kind.MESSAGE, 7, 42, ""));
    assertThat(navigation.open(message.orElseThrow())).isTrue();
    assertThat(navigation.open(Target.note(5))).isFalse();

    assertThat(opened).containsExactly(Target.conversation(7, 42));
  }
}
