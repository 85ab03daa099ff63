package dev.tars.knowledge.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.knowledge.document.NotIndexedReason.Key;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NotIndexedReasonTest {
  private static final Locale SPANISH = Locale.forLanguageTag("es-ES");

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle("dev.tars.knowledge.document.reasons", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static Set<String> keys(Locale locale) {
    return new TreeSet<>(bundle(locale).keySet());
  }

  @Test
  void everyReasonHasAnEnglishAndASpanishText() {
    Set<String> reasons = new TreeSet<>(Arrays.stream(Key.values()).map(Enum::name).toList());
    assertThat(keys(Locale.ROOT)).isEqualTo(reasons);
    assertThat(keys(SPANISH)).isEqualTo(reasons);
  }

  @Test
  void everySpanishTextIsSpanishNotACopyOfTheEnglish() {
    ResourceBundle english = bundle(Locale.ROOT);
    ResourceBundle spanish = bundle(SPANISH);
    for (Key key : Key.values()) {
      if (key != Key.OTHER && key != Key.FORMAT_OTHER) {
        assertThat(spanish.getString(key.name())).as(key.name()).isNotEqualTo(english.getString(key.name()));
      }
    }
  }

  @Test
  void nestedReasonsAndNumbersAreSaidInTheSameLanguage() {
    NotIndexedReason timeout = NotIndexedReason.of(Key.OCR_TIMEOUT, NotIndexedReason.of(Key.OCR_SUBJECT_PAGE, 3),
        120L, NotIndexedReason.of(Key.OCR_ADVICE_PAGE));
    assertThat(timeout.english()).isEqualTo("Reading the text in page 3 of this PDF took longer than 120 s and was "
        + "stopped. Try a clearer scan of the PDF, or re-save it.");
    assertThat(timeout.in(SPANISH)).isEqualTo("Leer el texto de la página 3 de este PDF llevó más de 120 s y se "
        + "detuvo. Prueba con un escaneo más nítido del PDF, o vuelve a guardarlo.");
    NotIndexedReason line = NotIndexedReason.of(Key.LINE_TOO_LONG, 1_600_000);
    assertThat(line.english()).startsWith("The file has a single line of 1,600,000 characters");
    assertThat(line.in(SPANISH)).startsWith("El archivo tiene una sola línea de 1.600.000 caracteres");
  }

  @Test
  void aStoredReasonComesBackWholeAndIsSaidInTodaysLanguage() {
    NotIndexedReason damaged = NotIndexedReason.of(Key.DAMAGED, NotIndexedReason.of(Key.FORMAT_WORD),
        "End of central directory record not found");
    NotIndexedReason back = NotIndexedReason.fromStored(damaged.stored(), damaged.english());
    assertThat(back).isEqualTo(damaged);
    assertThat(back.in(SPANISH)).isEqualTo("El archivo parece dañado o incompleto y no se pudo leer como documento "
        + "de Word (End of central directory record not found). Ábrelo con su programa, guarda una copia nueva y "
        + "vuelve a añadirlo.");
    NotIndexedReason page = NotIndexedReason.of(Key.OCR_PAGE_PREPARE, 12, "No space left on device");
    assertThat(NotIndexedReason.fromStored(page.stored(), page.english())).isEqualTo(page);
  }

  @Test
  void aReasonKeptBeforeKeysOrUnknownToThisVersionShowsItsEnglish() {
    String old = "The file is empty (0 bytes); there is nothing to index.";
    assertThat(NotIndexedReason.fromStored(null, old).in(SPANISH)).isEqualTo(old);
    assertThat(NotIndexedReason.fromStored("[\"SOMETHING_NEWER\",\"x\"]", "Newer words.").in(SPANISH))
        .isEqualTo("Newer words.");
    assertThat(NotIndexedReason.fromStored("{broken", "Kept words.").english()).isEqualTo("Kept words.");
  }

  @Test
  void aLanguageTarsDoesNotSpeakGetsEnglish() {
    assertThat(NotIndexedReason.of(Key.ENCRYPTED).in(Locale.JAPANESE)).startsWith("The file is password-protected");
  }

  @Test
  void argumentsAreStringsNumbersOrReasons() {
    assertThatThrownBy(() -> NotIndexedReason.of(Key.UNREADABLE, 2.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
