package dev.tars.models;

/** How a model arrives on disk. */
public enum ModelFormat {
  /** One GGUF file, used as is. */
  GGUF,
  /** A zip archive unpacked into a folder (Vosk). */
  ZIP,
  /** A gzip-compressed tar archive unpacked into a folder. */
  TAR_GZ,
  /** Shipped inside Tars itself (a Maven Central jar); nothing to download. */
  BUNDLED;

  public boolean isArchive() {
    return this == ZIP || this == TAR_GZ;
  }
}
