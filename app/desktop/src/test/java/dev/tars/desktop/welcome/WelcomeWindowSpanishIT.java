package dev.tars.desktop.welcome;

import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.WindowShots;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The first start in Spanish: the failed first attempt (HTTP 503 from the loopback server) is explained in
 * Spanish, reason included, and "Reintentar" fetches the model. With TARS_SCREENS set it writes
 * {@code welcome-download-failed-es.png} for docs/screenshots.
 */
class WelcomeWindowSpanishIT extends WelcomeWindowFixture {
  @Start
  void start(Stage stage) throws Exception {
    open(stage, "es");
  }

  @Test
  void aFailedDownloadSaysWhyInSpanishAndReintentarFetchesIt(FxRobot robot) throws Exception {
    String offer = "Descargar Tiny chat Q8_0 (" + offeredSize() + ", MIT)";
    waitUntil(() -> button(robot, offer) != null);

    robot.clickOn(button(robot, offer));
    waitUntil(() -> visibleLabel(robot, "La descarga se detuvo: ") != null);
    Label reason = visibleLabel(robot, "La descarga se detuvo: ");
    assertThat(reason.getText()).isEqualTo("La descarga se detuvo: El servidor tuvo un problema (HTTP 503). Tars lo"
        + " intentó una vez y desistió; vuelve a intentarlo más tarde.");
    assertThat(button(robot, "Reintentar")).isNotNull();
    WindowShots.save(reason, "welcome-download-failed-es.png");

    robot.clickOn(button(robot, "Reintentar"));
    waitUntil(() -> robot.lookup(".composer-input").tryQuery().map(WelcomeWindowFixture::shown).orElse(false));
    assertThat(services.settings.get().modelPath()).endsWith("tiny.gguf");
    assertThat(route.rangeHeaders()).as("the 503, then the whole file").hasSize(2);
  }
}
