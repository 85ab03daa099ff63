package dev.tars.knowledge.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageGuesserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "¿Cómo configuro la red?|SPANISH",
      "cual es el puerto por defecto del servidor|SPANISH",
      "Qué hace apt-cache policy|SPANISH",
      "How do I configure the network?|ENGLISH",
      "what does apt-cache policy print|ENGLISH",
      "Which option shows the version of the program|ENGLISH",
      "Comment configurer le réseau pour les invités|OTHER",
      "Wie ändert man die Größe der Partition und der Tabelle|OTHER",
      "apt-cache|OTHER"})
  void questionsAreToldApart(String question, Language expected) {
    assertThat(LanguageGuesser.guess(question)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "La prueba de diagnóstico del sistema ejecutará varias verificaciones sobre tu sistema para confirmar que las "
          + "aplicaciones y servicios están funcionando como se espera.|SPANISH",
      "The system diagnostic test will run a number of checks on your system to confirm that applications and "
          + "services are working as expected.|ENGLISH"})
  void documentsAreToldApart(String text, Language expected) {
    assertThat(LanguageGuesser.guess(text)).isEqualTo(expected);
  }
}
