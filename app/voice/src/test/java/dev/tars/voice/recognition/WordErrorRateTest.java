package dev.tars.voice.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

  @Test
  void identicalTextIgnoringCaseAndPunctuationHasNoErrors() {
    assertThat(WordErrorRate.of("Turn off the lights, please!", "turn off the lights please")).isZero();
  }

  @Test
  void countsSubstitutionsDeletionsAndInsertions() {
    assertThat(WordErrorRate.errors("the quick brown fox", "the quack brown fox")).isEqualTo(1);
    assertThat(WordErrorRate.errors("the quick brown fox", "the brown fox")).isEqualTo(1);
    assertThat(WordErrorRate.errors("the quick brown fox", "the quick brown fox and")).isEqualTo(1);
    assertThat(WordErrorRate.of("one two three four", "")).isEqualTo(1.0);
  }

  @Test
  void keepsApostrophesInsideWords() {
    assertThat(WordErrorRate.words("Don't stop, it's late.")).containsExactly("don't", "stop", "it's", "late");
  }

  @Test
  void refusesAnEmptyReference() {
    assertThatThrownBy(() -> WordErrorRate.of("  ", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
