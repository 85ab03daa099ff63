package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
  @Test
  void theOpenApiFileDocumentsEveryEndpointAndTheExtensions() throws Exception {
    String spec = Files.readString(Path.of("../../docs/api/openapi.yaml"));

    assertThat(spec).contains("openapi: 3.1.0").contains("  /health:").contains("  /metrics:")
        .contains("  /v1/models:").contains("  /v1/models/{id}:").contains("  /v1/chat/completions:")
        .contains("  /v1/embeddings:").contains("TarsRequestExtension").contains("Citation:")
        .contains("knowledge_unavailable").contains("embeddings_unavailable").contains("rate_limit_exceeded");
  }
}
