package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The router on its own corpus, each split and language: at least the targets. The test split is
 * held out (never tuned on); this only stops a change from quietly undoing the measured figures.
 */
class RouterCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/router");

  @ParameterizedTest
  @ValueSource(strings = {"en.train", "en.dev", "en.test", "es.train", "es.dev", "es.test"})
  void meetsTheTargets(String part) throws Exception {
    List<Evaluation.Example> examples = Evaluation.load(CORPUS.resolve(part + ".tsv"));
    Evaluation.Report report = Evaluation.evaluate(Routers.firstStage(), examples);
    assertThat(report.intentAccuracy()).as(part + " intent accuracy").isGreaterThanOrEqualTo(0.90);
    assertThat(report.falseActionRate()).as(part + " false actions on none").isLessThanOrEqualTo(0.06);
    assertThat(report.dateTimeExact()).as(part + " date/time exact").isGreaterThanOrEqualTo(0.95);
    assertThat(report.freeTextOverlap()).as(part + " free text").isGreaterThanOrEqualTo(0.85);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en.train", "en.dev", "en.test", "es.train", "es.dev", "es.test"})
  void everyPartHoldsAllIntentsInItsLanguage(String part) throws Exception {
    List<Evaluation.Example> examples = Evaluation.load(CORPUS.resolve(part + ".tsv"));
    assertThat(examples.stream().map(Evaluation.Example::intent).distinct()).hasSize(Intent.values().length);
  }
}
