package dev.tars.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.engine.gguf.BadModelFileException;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DownloadTextTest {
  private static final Locale SPANISH = Locale.forLanguageTag("es-ES");

  private static Set<String> keys(Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle("dev.tars.models.download", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new TreeSet<>(bundle.keySet());
  }

  @Test
  void everyReasonHasAnEnglishAndASpanishText() {
    Set<String> reasons = new TreeSet<>(Arrays.stream(DownloadText.Key.values()).map(Enum::name).toList());
    assertThat(keys(Locale.ROOT)).isEqualTo(reasons);
    assertThat(keys(SPANISH)).isEqualTo(reasons);
  }

  @Test
  void everyModelFileRefusalHasAReason() {
    for (BadModelFileException.Reason reason : BadModelFileException.Reason.values()) {
      assertThat(DownloadText.Key.valueOf("GGUF_" + reason.name())).isNotNull();
    }
  }

  @Test
  void nestedReasonsAreSaidInTheSameLanguage() {
    DownloadText gaveUp = DownloadText.of(DownloadText.Key.GAVE_UP_KEPT,
        DownloadText.of(DownloadText.Key.CONNECTION_DROPPED,
            DownloadText.of(DownloadText.Key.WHERE_PERCENT, "30", "1.2 MB", "4.0 MB")), 4);

    assertThat(gaveUp.english()).isEqualTo("The connection dropped at 30% (1.2 MB of 4.0 MB). Tars tried 4 times"
        + " and gave up; what was downloaded is kept, so try again later to resume.");
    assertThat(gaveUp.in(SPANISH)).isEqualTo("Se cortó la conexión al 30 % (1.2 MB de 4.0 MB). Tars lo intentó"
        + " 4 veces y desistió; lo descargado se conserva, así que vuelve a intentarlo más tarde para continuar.");
  }

  @Test
  void oneTryIsSaidAsOnce() {
    DownloadText busy = DownloadText.of(DownloadText.Key.HTTP_SERVER_ERROR, "503");
    assertThat(DownloadText.of(DownloadText.Key.GAVE_UP, busy, 1).english())
        .isEqualTo("The server had a problem (HTTP 503). Tars tried once and gave up; try again later.");
    assertThat(DownloadText.of(DownloadText.Key.GAVE_UP, busy, 1).in(SPANISH))
        .isEqualTo("El servidor tuvo un problema (HTTP 503). Tars lo intentó una vez y desistió; vuelve a intentarlo"
            + " más tarde.");
  }

  @Test
  void quotesAndEmptyPlacesRenderAsWritten() {
    assertThat(DownloadText.of(DownloadText.Key.WRONG_ARCHITECTURE, "llama", "qwen2", "qwen").english())
        .startsWith("The downloaded file is a 'llama' model but the catalog promised 'qwen2'");
    assertThat(DownloadText.of(DownloadText.Key.CONNECTION_DROPPED, DownloadText.of(DownloadText.Key.WHERE_NOWHERE))
        .in(SPANISH)).isEqualTo("Se cortó la conexión.");
  }

  @Test
  void aLanguageTarsDoesNotSpeakGetsEnglish() {
    assertThat(DownloadText.of(DownloadText.Key.DISK_FULL).in(Locale.JAPANESE)).startsWith("The disk is full.");
  }

  @Test
  void argumentsAreStringsOrTexts() {
    assertThatThrownBy(() -> DownloadText.of(DownloadText.Key.HTTP_BUSY, 503L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
