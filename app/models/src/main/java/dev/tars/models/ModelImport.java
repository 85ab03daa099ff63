package dev.tars.models;

import dev.tars.engine.gguf.GgufFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a GGUF file the person already has into the models folder, hard-linked where the disk allows it, else
 * copied and hashed; see {@link ModelManager#importFile}.
 */
final class ModelImport {
  private static final Logger LOG = LoggerFactory.getLogger(ModelImport.class);

  private final Path modelsDir;
  private final InstalledModels installed;
  private final ModelCatalog catalog;

  ModelImport(Path modelsDir, InstalledModels installed, ModelCatalog catalog) {
    this.modelsDir = modelsDir;
    this.installed = installed;
    this.catalog = catalog;
  }

  InstalledModel importFile(Path source, boolean link) throws ModelException {
    Path file = source.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new ModelException(DownloadText.of(Files.exists(file) ? DownloadText.Key.IMPORT_FOLDER
          : DownloadText.Key.IMPORT_NOT_FOUND, file.toString()), null);
    }
    GgufFile gguf = GgufCheck.read(file, file.toString());
    String fileName = file.getFileName().toString();
    Path target = modelsDir.resolve(fileName);
    if (file.startsWith(modelsDir) || Files.exists(target)) {
      throw new ModelException(DownloadText.of(DownloadText.Key.IMPORT_DUPLICATE, fileName), null);
    }
    String name = uniqueName(fileName);
    String sha256 = null;
    boolean linked = false;
    try {
      Files.createDirectories(modelsDir);
      if (link) {
        linked = tryLink(target, file);
      }
      if (!linked) {
        sha256 = copyVerified(file, target);
      }
    } catch (IOException e) {
      LOG.warn("Import of {} failed", file, e);
      throw new ModelException(DownloadFiles.isDiskFull(e)
          ? DownloadText.of(DownloadText.Key.IMPORT_DISK_FULL, fileName, modelsDir.toString())
          : DownloadText.of(DownloadText.Key.IMPORT_COPY_FAILED, fileName, modelsDir.toString(),
              String.valueOf(e.getMessage())), e);
    }
    InstalledModel model = new InstalledModel(name, ModelKind.CHAT, ModelFormat.GGUF, fileName,
        gguf.fileSize(), sha256, (linked ? "linked from " : "copied from ") + file, Instant.now().toString(),
        ModelMetadata.of(gguf), false);
    installed.putOrUndo(model, target);
    LOG.info("Imported {} as {} ({})", file, name, linked ? "hard link" : "copy");
    return model;
  }

  private static boolean tryLink(Path target, Path source) {
    try {
      Files.createLink(target, source);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("Cannot hard-link {} ({}); copying instead", source, e.toString());
      return false;
    }
  }

  /** Copies to a hidden name, hashing as it goes, then renames into place: no half-copied model is seen. */
  private static String copyVerified(Path source, Path target) throws IOException {
    Path incoming = target.resolveSibling("." + target.getFileName() + ".incoming");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
          OutputStream out = Files.newOutputStream(incoming)) {
        in.transferTo(out);
      }
      if (Files.size(incoming) != Files.size(source)) {
        throw new IOException("the copy is " + Files.size(incoming) + " bytes, the original " + Files.size(source));
      }
      DownloadFiles.moveIntoPlace(incoming, target);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    } finally {
      Files.deleteIfExists(incoming);
    }
  }

  /** A name for the imported model that neither an installed nor a catalog model has. */
  private String uniqueName(String fileName) {
    String base = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.gguf$", "").replaceAll("[^a-z0-9._-]+", "-");
    String name = base;
    for (int i = 2; installed.find(name).isPresent() || catalog.find(name).isPresent(); i++) {
      name = base + "-" + i;
    }
    return name;
  }
}
