package dev.tars.voice.readaloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  private static List<String> streamed(String text, int tokenLength) {
    SentenceSplitter splitter = new SentenceSplitter();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += tokenLength) {
      out.addAll(splitter.append(text.substring(i, Math.min(text.length(), i + tokenLength))));
    }
    out.addAll(splitter.finish());
    return out;
  }

  @Test
  void releasesTheFirstSentenceAsSoonAsTheNextOneBegins() {
    SentenceSplitter splitter = new SentenceSplitter();
    assertThat(splitter.append("Hello there")).isEmpty();
    assertThat(splitter.append(".")).isEmpty();
    assertThat(splitter.append(" How")).containsExactly("Hello there.");
    assertThat(splitter.append(" are you?")).isEmpty();
    assertThat(splitter.finish()).containsExactly("How are you?");
  }

  @Test
  void givesTheSameSentencesWhateverTheTokenSize() {
    String answer = "Paris is the capital of France! It has about 2.1 million people. Do you want to know more?";
    List<String> expected = List.of("Paris is the capital of France!", "It has about 2.1 million people.",
        "Do you want to know more?");
    for (int size : new int[] {1, 2, 3, 5, 8, 100}) {
      assertThat(streamed(answer, size)).as("token size %d", size).isEqualTo(expected);
    }
  }

  @Test
  void doesNotStopAfterAbbreviationsOrInitials() {
    assertThat(streamed("Ask Dr. Smith, e.g. on Monday. J. R. R. Tolkien wrote it.", 4))
        .containsExactly("Ask Dr. Smith, e.g. on Monday.", "J. R. R. Tolkien wrote it.");
  }

  @Test
  void readsMarkdownAsPlainSpeechAndSkipsCode() {
    String answer = """
        ## Steps
        1. Open **Settings**.
        2. Pick a [model](https://example.com/models).
        ```java
        System.out.println("not spoken");
        ```
        - Done, *really*
        """;
    assertThat(streamed(answer, 3)).containsExactly("Steps", "Open Settings.", "Pick a model.", "Done, really");
  }

  @Test
  void cutsARunOnSentenceSoSpeechCanStart() {
    String runOn = "word, ".repeat(100);
    SentenceSplitter splitter = new SentenceSplitter();
    List<String> early = splitter.append(runOn);
    assertThat(early).isNotEmpty();
    assertThat(early.getFirst().length()).isLessThanOrEqualTo(SentenceSplitter.MAX_SENTENCE);
  }

  @Test
  void keepsClosingQuotesWithTheirSentence() {
    assertThat(streamed("He said \"stop.\" Then he left.", 2)).containsExactly("He said \"stop.\"", "Then he left.");
  }

  @Test
  void ignoresPiecesWithNothingToSay() {
    assertThat(streamed("---\n\n***\nOk.", 3)).containsExactly("Ok.");
  }
}
