package dev.tars.cli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.cli.CliHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tars ingest} then {@code tars search --json} on a real data home, embedder and index. */
class SearchCommandIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home.resolve("data"));

  @Test
  void jsonLinesGiveWholePassagesInRankOrderWithTheirBestSentence() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("voice.md"), "# Voice chat\n\nMumble is a voice chat server. Forward TCP 64738 "
        + "and UDP 64738 on your router for it. Log in as SuperUser to create administrator accounts.\n\n"
        + "# Games\n\nMinetest is a block sandbox game. Its server waits for players on UDP port 30000.\n");
    Files.writeString(docs.resolve("voz.md"), "# Chat de voz\n\nMumble es un servidor de chat de voz. Redirige los "
        + "puertos TCP 64738 y UDP 64738 en tu router. Ingresa como SuperUser para crear cuentas de administrador.\n");
    assertThat(cli.run(new IngestCommand(), docs.toString())).as(cli.err()).isZero();

    assertThat(cli.run(new SearchCommand(), "--json", "--k", "3", "Which UDP port do Minetest players connect to?"))
        .isZero();
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : cli.out().strip().split("\n")) {
      lines.add(json.readTree(line));
    }
    assertThat(lines).isNotEmpty();
    JsonNode first = lines.getFirst();
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("rank", "file", "collection", "page", "start", "end", "score", "text",
        "highlight");
    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("file").asText()).isEqualTo(docs.resolve("voice.md").toAbsolutePath().toString());
    assertThat(first.get("collection").asText()).isNotBlank();
    assertThat(first.get("page").isNull()).isTrue();
    assertThat(first.get("text").asText()).contains("UDP port 30000");
    int start = first.get("start").asInt();
    int end = first.get("end").asInt();
    assertThat(end - start).isEqualTo(first.get("text").asText().length());
    int from = first.get("highlight").get(0).asInt();
    int to = first.get("highlight").get(1).asInt();
    assertThat(from).isBetween(start, end);
    assertThat(to).isBetween(from, end);
    assertThat(first.get("text").asText().substring(from - start, to - start)).contains("UDP port 30000");
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i).get("rank").asInt()).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(lines.get(i).get("score").asDouble()).isLessThanOrEqualTo(lines.get(i - 1).get("score").asDouble());
      }
    }

    assertThat(cli.run(new SearchCommand(), "--json", "¿Qué puertos necesita el chat de voz?")).isZero();
    JsonNode spanish = json.readTree(cli.out().strip().split("\n")[0]);
    assertThat(spanish.get("file").asText()).endsWith("voz.md");

    assertThat(cli.run(new SearchCommand(), "Minetest players port")).isZero();
    assertThat(cli.out()).contains(" 1. ").contains("voice.md").doesNotContain("\"rank\"");
  }
}
