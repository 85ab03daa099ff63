package dev.tars.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
import dev.tars.watchdog.Checks;
import dev.tars.watchdog.Health;
import dev.tars.watchdog.Problem;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemTextTest {
  @TempDir Path home;

  @Test
  void aDiskCheckFindingIsShownInTheChosenLanguage() {
    Health almostFull = Checks.diskSpace(home, 1L << 30, folder -> 1L << 20).check();
    Problem problem = new Problem("disk", almostFull.severity(), almostFull.message(), Instant.now(), false,
        almostFull.key(), almostFull.args());

    assertThat(ProblemText.of(problem, I18n.forLanguage("es")))
        .startsWith("El disco de " + home).contains("casi lleno", "1 MiB");
    assertThat(ProblemText.of(problem, I18n.forLanguage("en"))).isEqualTo(almostFull.message());
  }

  @Test
  void aProblemWithoutAKeyKeepsItsEnglishMessage() {
    Problem problem = new Problem("mirror", Health.Severity.WARNING, "The mirror folder is gone.", Instant.now(),
        false);

    assertThat(ProblemText.of(problem, I18n.forLanguage("es"))).isEqualTo("The mirror folder is gone.");
  }
}
