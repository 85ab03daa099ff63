package dev.tars.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * A model in the models folder.
 *
 * @param name unique id; for catalog models the catalog name
 * @param path file (GGUF) or folder (speech) relative to the models folder
 * @param sha256 checksum of a GGUF file, null when not computed (linked imports, folders)
 * @param source where it came from: the download URL or the imported file's path
 * @param installedAt ISO-8601 instant
 * @param metadata what the GGUF header says; null for speech models
 * @param verified whether the download matched a SHA-256 stated by its publisher; false for downloads
 *     without a known checksum, imports, and models recorded before Tars kept this
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstalledModel(String name, ModelKind kind, ModelFormat format, String path, long sizeBytes,
    String sha256, String source, String installedAt, ModelMetadata metadata, boolean verified) {

  /** A download no checksum vouched for: worth telling the person (an import is their own file). */
  public boolean downloadedUnverified() {
    return !verified && source != null && (source.startsWith("https:") || source.startsWith("http:"));
  }
}
