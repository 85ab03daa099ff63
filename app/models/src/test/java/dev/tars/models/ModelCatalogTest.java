package dev.tars.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  private static final Set<String> B4916_ARCHITECTURES = Set.of("llama", "qwen2", "phi3", "bert");

  @Test
  void bundledCatalogOffersChatSpeechAndEmbeddingModels() {
    ModelCatalog catalog = ModelCatalog.bundled();

    assertThat(catalog.entries(ModelKind.CHAT)).extracting(CatalogEntry::name).contains(
        "qwen2.5-0.5b-instruct-q4_k_m", "qwen2.5-1.5b-instruct-q8_0", "qwen2.5-3b-instruct-q4_k_m",
        "llama-3.2-1b-instruct-q4_k_m", "llama-3.2-3b-instruct-q8_0", "smollm2-1.7b-instruct-q4_k_m",
        "phi-3.5-mini-instruct-q4_k_m");
    assertThat(catalog.entries(ModelKind.SPEECH)).extracting(CatalogEntry::language).contains("en", "es");
    assertThat(catalog.entries(ModelKind.EMBEDDING)).extracting(CatalogEntry::name)
        .containsExactlyInAnyOrder("bge-small-en-v1.5-q", "all-minilm-l6-v2-q");
  }

  @Test
  void everyChatModelIsAGgufOfAnArchitectureTheEngineRuns() {
    for (CatalogEntry e : ModelCatalog.bundled().entries(ModelKind.CHAT)) {
      assertThat(e.format()).as(e.name()).isEqualTo(ModelFormat.GGUF);
      assertThat(e.architecture()).as(e.name()).isIn(B4916_ARCHITECTURES);
      assertThat(e.quantization()).as(e.name()).isIn("Q4_K_M", "Q8_0");
      assertThat(e.contextLength()).as(e.name()).isGreaterThanOrEqualTo(8192);
      assertThat(e.fileName()).as(e.name()).endsWith(".gguf");
      assertThat(e.url().getScheme()).isEqualTo("https");
      assertThat(e.url().getPath()).endsWith("/" + e.fileName());
    }
  }

  @Test
  void speechModelsAreZipArchivesAndEmbeddingsComeWithTars() {
    ModelCatalog catalog = ModelCatalog.bundled();
    assertThat(catalog.entries(ModelKind.SPEECH)).allMatch(e -> e.format() == ModelFormat.ZIP && e.downloadable());
    assertThat(catalog.entries(ModelKind.EMBEDDING)).noneMatch(CatalogEntry::downloadable);
  }

  @Test
  void recommendsQwen15bFromAboutEightGigabytesAndQwen05bBelow() {
    ModelCatalog catalog = ModelCatalog.bundled();
    long gb = 1L << 30;
    assertThat(catalog.recommended(16 * gb)).map(CatalogEntry::name).hasValue("qwen2.5-1.5b-instruct-q4_k_m");
    assertThat(catalog.recommended(8 * gb)).map(CatalogEntry::name).hasValue("qwen2.5-1.5b-instruct-q4_k_m");
    assertThat(catalog.recommended(6 * gb)).map(CatalogEntry::name).hasValue("qwen2.5-0.5b-instruct-q4_k_m");
    // Too small even for the smallest: still the smallest (its fit label warns), never nothing.
    assertThat(catalog.recommended(2 * gb)).map(CatalogEntry::name).hasValue("qwen2.5-0.5b-instruct-q4_k_m");
    assertThat(catalog.recommended(0)).map(CatalogEntry::name).hasValue("qwen2.5-0.5b-instruct-q4_k_m");
  }

  @Test
  void everyEntryNamesItsFamilyAndWhereItsLicenceIsPublished() {
    for (CatalogEntry e : ModelCatalog.bundled().entries()) {
      assertThat(e.family()).as(e.name()).isNotBlank();
      assertThat(e.licenseUrl()).as(e.name()).isNotNull();
      assertThat(e.licenseUrl().getScheme()).as(e.name()).isEqualTo("https");
    }
  }

  @Test
  void everyStarterIsVerifiedAgainstTheChecksumOfOnePinnedRevision() {
    for (CatalogEntry e : ModelCatalog.bundled().entries(ModelKind.CHAT)) {
      if (e.starter()) {
        assertThat(e.sha256()).as(e.name()).matches("[0-9a-f]{64}");
        // A checksum is true for one revision of the file; "main" may move on to another upload.
        assertThat(e.url().getPath()).as(e.name()).matches(".*/resolve/[0-9a-f]{40}/" + e.fileName());
      }
    }
  }

  @Test
  void aCatalogWithoutStartersRecommendsNothing() {
    ModelCatalog catalog = new ModelCatalog(ModelCatalog.bundled().entries().stream()
        .filter(e -> !e.starter()).toList());
    assertThat(catalog.recommended(16L << 30)).isEmpty();
  }

  @Test
  void lookupIgnoresCaseAndSurroundingSpace() {
    assertThat(ModelCatalog.bundled().find("  Qwen2.5-0.5B-Instruct-Q4_K_M ")).isPresent();
    assertThat(ModelCatalog.bundled().find("no-such-model")).isEmpty();
  }

  @Test
  void theResourceMatchesTheFileAtTheRepositoryRoot() throws Exception {
    Path root = Path.of("../../models/catalog.json");
    assertThat(ModelCatalog.read(root).entries()).isEqualTo(ModelCatalog.bundled().entries());
  }

  @Test
  void malformedChecksumIsRejectedWithTheModelName() {
    String json = """
        {"models":[{"name":"x","title":"X","kind":"CHAT","format":"GGUF","architecture":"llama",
          "sizeBytes":10,"license":"MIT","url":"https://example.org/x.gguf","sha256":"abc","fileName":"x.gguf"}]}
        """;
    assertThatThrownBy(() -> ModelCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasStackTraceContaining("sha256 of x is not 64 hex digits");
  }

  @Test
  void duplicateNamesAreRejected() {
    String entry = """
        {"name":"x","title":"X","kind":"CHAT","format":"GGUF","architecture":"llama","sizeBytes":10,
         "license":"MIT","url":"https://example.org/x.gguf","fileName":"x.gguf"}""";
    String json = "{\"models\":[" + entry + "," + entry + "]}";
    assertThatThrownBy(() -> ModelCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("twice");
  }
}
