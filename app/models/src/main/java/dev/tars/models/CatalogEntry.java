package dev.tars.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model in the curated catalog ({@code models/catalog.json}).
 *
 * @param name short unique id used on the command line, e.g. {@code qwen2.5-0.5b-instruct-q4_k_m}
 * @param architecture the GGUF {@code general.architecture} the file must declare; null for non-GGUF
 * @param sizeBytes approximate download size (used for the fit label and the free-space check)
 * @param contextLength the context window the model was trained for, in tokens; 0 when not applicable
 * @param sha256 lower-case hex checksum of the file when the publisher states one, else null
 * @param fileName name of the downloaded file; null for bundled models
 * @param language BCP 47 language of a speech model; null otherwise
 * @param family the model family, e.g. {@code qwen2.5}, for search and for its description in the UI's
 *     language (message {@code models.family.<family>}); null when unknown
 * @param licenseUrl where the licence text is published; null when unknown
 * @param starter whether the welcome page may offer it as a first model (see {@link ModelCatalog#recommended})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogEntry(
    String name,
    String title,
    ModelKind kind,
    ModelFormat format,
    String architecture,
    String parameters,
    String quantization,
    long sizeBytes,
    int contextLength,
    String license,
    URI url,
    String sha256,
    String fileName,
    String language,
    String family,
    URI licenseUrl,
    boolean starter) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public CatalogEntry {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("catalog name must be lower-case letters, digits, '.', '_', '-': " + name);
    }
    Objects.requireNonNull(title, "title of " + name);
    Objects.requireNonNull(kind, "kind of " + name);
    Objects.requireNonNull(format, "format of " + name);
    Objects.requireNonNull(license, "license of " + name);
    Objects.requireNonNull(url, "url of " + name);
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size of " + name + " must be positive");
    }
    if (sha256 != null) {
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException("sha256 of " + name + " is not 64 hex digits");
      }
    }
    if (format != ModelFormat.BUNDLED && (fileName == null || fileName.isBlank() || fileName.contains("/")
        || fileName.contains("\\"))) {
      throw new IllegalArgumentException("file name of " + name + " must be a plain file name");
    }
    if (format == ModelFormat.GGUF && architecture == null) {
      throw new IllegalArgumentException("GGUF entry " + name + " must name its architecture");
    }
  }

  /** An entry without family, licence link or starter mark (tests, older catalog files). */
  public CatalogEntry(String name, String title, ModelKind kind, ModelFormat format, String architecture,
      String parameters, String quantization, long sizeBytes, int contextLength, String license, URI url,
      String sha256, String fileName, String language) {
    this(name, title, kind, format, architecture, parameters, quantization, sizeBytes, contextLength, license, url,
        sha256, fileName, language, null, null, false);
  }

  public boolean downloadable() {
    return format != ModelFormat.BUNDLED;
  }

  /** "Qwen2.5 0.5B Instruct Q4_K_M" */
  public String displayName() {
    return quantization == null ? title : title + " " + quantization;
  }
}
