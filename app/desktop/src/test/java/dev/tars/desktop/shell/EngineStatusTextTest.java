package dev.tars.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.EngineStatus.State;
import org.junit.jupiter.api.Test;

class EngineStatusTextTest {
  @Test
  void aLocalEngineReasonIsShownInTheChosenLanguageAndItsEnglishMatchesTheEngines() {
    String english = "The engine keeps stopping (3 times in a row, last exit code 137); load the model again or"
        + " choose another one.";
    EngineStatus status = EngineStatus.local(State.FAILED, english, "keepsStopping", 3, 137);

    assertThat(EngineStatusText.detail(status, I18n.forLanguage("en"))).isEqualTo(english);
    assertThat(EngineStatusText.detail(status, I18n.forLanguage("es")))
        .isEqualTo("El motor se sigue deteniendo (3 veces seguidas, último código de salida 137); vuelve a cargar"
            + " el modelo o elige otro.");
  }

  @Test
  void aLoadFailureKeepsTheFileAndTheChildsReason() {
    EngineStatus status = EngineStatus.local(State.FAILED, "Could not load tiny.gguf: bad magic", "loadFailed",
        "tiny.gguf", "bad magic");

    assertThat(EngineStatusText.detail(status, I18n.forLanguage("en"))).isEqualTo(status.detail());
    assertThat(EngineStatusText.detail(status, I18n.forLanguage("es")))
        .isEqualTo("No se pudo cargar tiny.gguf: bad magic");
  }

  @Test
  void aReasonWithoutAKeyKeepsItsEnglishDetail() {
    EngineStatus status = new EngineStatus(State.FAILED, true, "The server answered 401: bad key");

    assertThat(EngineStatusText.detail(status, I18n.forLanguage("es"))).isEqualTo("The server answered 401: bad key");
  }

  @Test
  void aRemoteServerThatDoesNotAnswerIsExplainedInTheChosenLanguage() {
    EngineStatus status = new EngineStatus(State.FAILED, true, "Connection refused", "remoteNotAnswering",
        java.util.List.of("http://box:8080/v1", "Connection refused"));

    assertThat(EngineStatusText.detail(status, I18n.forLanguage("es"))).isEqualTo("El servidor http://box:8080/v1"
        + " no respondió: Connection refused. Comprueba que está en marcha, su dirección y la clave de API en"
        + " Ajustes → Motor.");
    assertThat(EngineStatusText.detail(status, I18n.forLanguage("en"))).startsWith("The server http://box:8080/v1"
        + " did not answer: Connection refused.");
  }
}
