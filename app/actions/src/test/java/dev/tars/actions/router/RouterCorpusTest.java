package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The router on its own corpus, each split and language: at least the targets. The test split is
 * held out (never tuned on); this only stops a change from quietly undoing the measured figures.
 */
class RouterCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/router");

  @ParameterizedTest
  @ValueSource(strings = {"en.train", "en.dev", "en.test", "es.train", "es.dev", "es.test", "en.blind1", "es.blind1"})
  void meetsTheTargets(String part) throws Exception {
    List<Evaluation.Example> examples = Evaluation.load(CORPUS.resolve(part + ".tsv"));
    Evaluation.Report report = Evaluation.evaluate(Routers.firstStage(), examples);
    assertThat(report.intentAccuracy()).as(part + " intent accuracy").isGreaterThanOrEqualTo(0.90);
    assertThat(report.falseActionRate()).as(part + " false actions on none").isLessThanOrEqualTo(0.06);
    assertThat(report.dateTimeExact()).as(part + " date/time exact").isGreaterThanOrEqualTo(0.95);
    assertThat(report.freeTextOverlap()).as(part + " free text").isGreaterThanOrEqualTo(0.85);
  }

  /**
   * The fresh blocks never tuned on: block 2 (written after the issue-16 fixes; the date work of notes-ui added
   * dev examples of the families it had missed, so it is held where it stands now) and block 3 (date and time
   * families, written before that work), each held to the figures measured in docs/benchmarks.md so that a
   * change cannot make it worse.
   */
  @ParameterizedTest
  @CsvSource({"en.blind2, 0.98, 0.99, 0.97", "es.blind2, 0.95, 0.97, 0.95", "en.blind3, 0.98, 0.95, 0.98",
      "es.blind3, 0.99, 0.99, 0.98"})
  void blindBlocksStayAtLeastWhereTheyWereMeasured(String part, double intent, double dates, double text)
      throws Exception {
    Evaluation.Report report = Evaluation.evaluate(Routers.firstStage(), Evaluation.load(CORPUS.resolve(part + ".tsv")));
    assertThat(report.intentAccuracy()).as(part + " intent accuracy").isGreaterThanOrEqualTo(intent);
    assertThat(report.falseActionRate()).as(part + " false actions on none").isLessThanOrEqualTo(0.06);
    assertThat(report.dateTimeExact()).as(part + " date/time exact").isGreaterThanOrEqualTo(dates);
    assertThat(report.freeTextOverlap()).as(part + " free text").isGreaterThanOrEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en.train", "en.dev", "en.test", "es.train", "es.dev", "es.test", "en.blind1", "es.blind1",
      "en.blind2", "es.blind2", "en.blind3", "es.blind3"})
  void everyPartHoldsAllIntentsInItsLanguage(String part) throws Exception {
    List<Evaluation.Example> examples = Evaluation.load(CORPUS.resolve(part + ".tsv"));
    assertThat(examples.stream().map(Evaluation.Example::intent).distinct()).hasSize(Intent.values().length);
  }
}
