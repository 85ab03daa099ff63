package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function calling with the official {@code openai} npm client against the local API, answering with real
 * llama.cpp on the generated random-weight model: every call's arguments parse and validate (Ajv) against the
 * schema the client sent, for {@code tool_choice} required, named and auto, streamed and not.
 */
class OpenAiToolsNodeClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUESTS = Integer.getInteger("tars.tool.requests", 100);
  @TempDir Path dir;

  @Test
  void everyToolCallFromARandomModelParsesAndMatchesItsSchema() throws Exception {
    Path nodeDir = Path.of(System.getProperty("tars.node.dir", "target/node"));
    assertThat(nodeDir.resolve("node_modules/ajv/package.json")).as("npm ci runs in pre-integration-test").exists();
    Files.copy(Path.of("src/test/node/tools-test.mjs"), nodeDir.resolve("tools-test.mjs"),
        StandardCopyOption.REPLACE_EXISTING);

    try (LocalApiFixture api = new LocalApiFixture(dir)) {
      LocalApiFixture.Served served = api.serve();
      ProcessBuilder node = new ProcessBuilder("node", "tools-test.mjs").directory(nodeDir.toFile());
      node.environment().put("TARS_BASE_URL", served.server().baseUrl());
      node.environment().put("TARS_API_KEY", LocalApiFixture.KEY);
      node.environment().put("TARS_TOOL_REQUESTS", Integer.toString(REQUESTS));
      Path stderr = dir.resolve("node.err");
      node.redirectError(stderr.toFile());
      Process process = node.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();

      assertThat(process.exitValue()).as("node failed:%n%s%n%s", out, Files.readString(stderr)).isZero();
      JsonNode findings = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
      System.out.println("Tool calling findings: " + findings);
      assertThat(findings.path("requests").asInt()).isEqualTo(REQUESTS);
      assertThat(findings.path("invalid").asInt()).as("invalid calls: %s", findings.path("invalidSamples"))
          .isZero();
      assertThat(findings.path("calls").asInt()).isGreaterThanOrEqualTo(REQUESTS * 2 / 3);
      assertThat(findings.path("afterResult").path("finish").asText()).isIn("stop", "length");
      assertThat(findings.path("afterResult").path("calls").asInt()).isZero();
    }
  }
}
