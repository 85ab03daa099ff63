package dev.tars.cli.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.cli.CliHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tars route} as scripts use it: the exact JSON contract, JSON Lines for files, and clear errors. */
class RouteCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  @RegisterExtension final CliHome cli = new CliHome(() -> dir.resolve("home"));

  @Test
  void jsonHasIntentSlotsConfidenceAndLanguage() throws Exception {
    assertThat(cli.tars("route", "--json", "--now", "2026-12-02T10:00", "remind me to call mom at 5pm")).isZero();
    JsonNode node = JSON.readTree(cli.out());
    assertThat(cli.out().strip().lines()).hasSize(1);
    assertThat(node.get("intent").asText()).isEqualTo("reminder.create");
    assertThat(node.get("slots").get("text").asText()).isEqualTo("call mom");
    assertThat(node.get("slots").get("when").asText()).isEqualTo("2026-12-02T17:00");
    assertThat(node.get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(node.get("lang").asText()).isEqualTo("en");
    assertThat(node.fieldNames()).toIterable().containsExactly("intent", "slots", "confidence", "lang");
  }

  @Test
  void wordsWithoutQuotesAreOneUtterance() throws Exception {
    assertThat(cli.tars("route", "--json", "--now", "2026-12-02T10:00", "qué", "tengo", "el", "viernes")).isZero();
    JsonNode node = JSON.readTree(cli.out());
    assertThat(node.get("intent").asText()).isEqualTo("agenda.query");
    assertThat(node.get("slots").get("from").asText()).isEqualTo("2026-12-04");
    assertThat(node.get("lang").asText()).isEqualTo("es");
  }

  @Test
  void plainOutputIsASentenceInTheUtterancesLanguage() {
    assertThat(cli.tars("route", "--now", "2026-12-02T10:00", "remind me to call mom at 5pm")).isZero();
    assertThat(cli.out()).contains("Reminder", "call mom", "December 2, 2026", "5:00");
    assertThat(cli.tars("route", "--now", "2026-12-02T10:00", "recuérdame llamar a mamá a las 5 de la tarde"))
        .isZero();
    assertThat(cli.out()).contains("Recordatorio", "llamar a mamá", "2 de diciembre de 2026", "17:00");
  }

  @Test
  void aFileGivesJsonLinesInTheSameOrderEvenForBlankAndOddLines() throws Exception {
    Path input = dir.resolve("utterances.txt");
    Files.writeString(input, "remind me to call mom at 5pm\n\n🙂🙂\napunta que el código es 4512\n"
        + "x".repeat(10_000) + "\nwhat do I have on friday?\n", StandardCharsets.UTF_8);
    assertThat(cli.tars("route", "--now", "2026-12-02T10:00", "--file", input.toString())).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(6);
    List<String> intents = lines.stream().map(l -> {
      try {
        return JSON.readTree(l).get("intent").asText();
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    assertThat(intents).containsExactly("reminder.create", "none", "none", "note.create", "none", "agenda.query");
  }

  @Test
  void routingWritesNothing() {
    assertThat(cli.tars("route", "--json", "remember that I'm allergic to penicillin")).isZero();
    assertThat(dir.resolve("home")).doesNotExist();
  }

  @Test
  void badClockMissingFileAndNoUtteranceAreClearErrors() {
    assertThat(cli.tars("route", "--now", "tomorrow", "hi")).isEqualTo(2);
    assertThat(cli.err()).contains("--now must look like 2026-12-21T09:30");
    assertThat(cli.tars("route", "--file", dir.resolve("missing.txt").toString())).isEqualTo(1);
    assertThat(cli.err()).contains("no such file", "missing.txt");
    assertThat(cli.tars("route")).isEqualTo(2);
    assertThat(cli.err()).contains("nothing to route");
  }
}
