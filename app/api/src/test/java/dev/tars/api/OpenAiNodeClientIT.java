package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.testkit.core.TestEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm client (installed by {@code npm ci} before the integration tests) against the
 * local API over loopback, answering with real llama.cpp on the generated tiny model.
 */
class OpenAiNodeClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void officialOpenAiClientListsModelsStreamsCompletesEmbedsAndGetsClearErrors() throws Exception {
    Path nodeDir = Path.of(System.getProperty("tars.node.dir", "target/node"));
    assertThat(nodeDir.resolve("node_modules/openai/package.json"))
        .as("the openai npm package (npm ci runs in pre-integration-test)").exists();
    Files.copy(Path.of("src/test/node/client-test.mjs"), nodeDir.resolve("client-test.mjs"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    try (LocalApiFixture api = new LocalApiFixture(dir)) {
      LocalApiFixture.Served plain = api.serve();
      LocalApiFixture.Served withEmbedder = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0),
          null, TestEmbedder.hashing(), null);

      ProcessBuilder node = new ProcessBuilder("node", "client-test.mjs").directory(nodeDir.toFile());
      node.environment().put("TARS_BASE_URL", plain.server().baseUrl());
      node.environment().put("TARS_EMBED_BASE_URL", withEmbedder.server().baseUrl());
      node.environment().put("TARS_API_KEY", LocalApiFixture.KEY);
      Path stderr = dir.resolve("node.err");
      node.redirectError(stderr.toFile());
      Process process = node.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

      assertThat(process.exitValue()).as("node failed:%n%s%n%s", out, Files.readString(stderr)).isZero();
      JsonNode findings = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
      assertThat(findings.path("models").path(0).asText()).isEqualTo("tars-tiny.Q8_0.gguf");
      assertThat(findings.path("streamed").path("chunks").asInt()).isGreaterThan(2);
      assertThat(findings.path("nonStreamed").path("finish").asText()).isEqualTo("length");
      assertThat(findings.path("embeddings").path("dimension").asInt()).isEqualTo(TestEmbedder.HASHING_DIMENSION);
      assertThat(findings.path("noEmbedder").path("code").asText()).isEqualTo("embeddings_unavailable");
      assertThat(findings.path("wrongKey").path("status").asInt()).isEqualTo(401);
      assertThat(findings.path("unknownModel").path("code").asText()).isEqualTo("model_not_found");
    }
  }
}
