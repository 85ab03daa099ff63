package dev.tars.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a person has and can get: the catalog with fit labels, downloads, imports and deletion.
 * Thread-safe. The only writer of the models folder.
 *
 * <p>It is the one door to the models folder; getting a catalog model ({@link CatalogDownloads}), importing a
 * file ({@link ModelImport}), archives ({@link ArchiveExtractor}) and the installed list ({@link InstalledModels})
 * live apart.
 */
public final class ModelManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);

  private final ModelCatalog catalog;
  private final Path modelsDir;
  private final Downloader downloader;
  private final InstalledModels installed;
  private final CatalogDownloads downloads;
  private final ModelImport imports;
  private final Supplier<Optional<Path>> activeModel;
  private final long totalRam;

  /**
   * @param activeModel the model file the engine is using now, if any: it cannot be deleted
   * @param totalRam this machine's memory in bytes, for the fit labels
   */
  public ModelManager(ModelCatalog catalog, Path modelsDir, Downloader downloader, ArchiveExtractor extractor,
      Supplier<Optional<Path>> activeModel, long totalRam) {
    this.catalog = catalog;
    this.modelsDir = modelsDir.toAbsolutePath();
    if (downloader.stagingDir().startsWith(this.modelsDir)) {
      throw new IllegalArgumentException("downloads must be staged outside the models folder");
    }
    this.downloader = downloader;
    this.installed = new InstalledModels(this.modelsDir);
    this.downloads = new CatalogDownloads(catalog, this.modelsDir, downloader, extractor, installed);
    this.imports = new ModelImport(this.modelsDir, installed, catalog);
    this.activeModel = activeModel;
    this.totalRam = totalRam;
  }

  /** The usual wiring: the bundled catalog, models kept in {@code modelsDir}, downloads staged in {@code staging}. */
  public static ModelManager create(Path modelsDir, Path staging, Supplier<Optional<Path>> activeModel) {
    return new ModelManager(ModelCatalog.bundled(), modelsDir,
        new Downloader(staging), new ArchiveExtractor(), activeModel,
        SystemMemory.totalBytes());
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  public Path modelsDir() {
    return modelsDir;
  }

  public long totalRam() {
    return totalRam;
  }

  /** How a model of {@code sizeBytes} suits this machine. */
  public Fit fit(long sizeBytes) {
    return totalRam > 0 ? Fit.of(totalRam, sizeBytes) : Fit.MAY_BE_SLOW;
  }

  public List<InstalledModel> installed() {
    return installed.list();
  }

  public Optional<InstalledModel> installed(String name) {
    return installed.find(name);
  }

  /** Where an installed model lives: its GGUF file or its folder. */
  public Path location(InstalledModel model) {
    return installed.location(model);
  }

  /** Downloads that were paused or broke off, with the catalog entry each belongs to. */
  public List<CatalogEntry> paused() {
    return downloads.paused();
  }

  /** The kept state of a paused download of {@code entry}, if any. */
  public Optional<PartialDownload> partial(CatalogEntry entry) {
    return downloads.partial(entry);
  }

  /** Bytes already downloaded of a paused catalog model. */
  public long partialBytes(CatalogEntry entry) {
    return downloads.partialBytes(entry);
  }

  public boolean isDownloading(CatalogEntry entry) {
    return downloads.isDownloading(entry);
  }

  /**
   * Starts or resumes downloading a catalog model. The returned download completes after the model is
   * verified, unpacked if need be, and registered.
   */
  public Download pull(String name, DownloadListener listener) throws ModelException {
    return downloads.pull(name, listener);
  }

  /** Deletes what a paused or failed download of {@code name} kept. */
  public boolean discardPartial(String name) throws ModelException {
    return downloads.discardPartial(name);
  }

  /**
   * Imports a GGUF chat model already on disk. With {@code link}, the file is hard-linked where the disk
   * allows it (no copy, no extra space; deleting it in Tars leaves the original), else copied.
   */
  public InstalledModel importFile(Path source, boolean link) throws ModelException {
    return imports.importFile(source, link);
  }

  /** Reads what a GGUF file says about itself, or explains why it is not usable. */
  public ModelMetadata inspect(Path file) throws ModelException {
    return ModelMetadata.of(GgufCheck.read(file, file.toString()));
  }

  /** Whether {@code model} is the one the engine uses now. */
  public boolean isActive(InstalledModel model) {
    return activeModel.get().map(a -> sameFile(a, installed.location(model))).orElse(false);
  }

  /**
   * Deletes an installed model; refuses the one in use. The files are first renamed aside, so a folder the system
   * will not let Tars change leaves the model installed and listed, never half deleted.
   */
  public InstalledModel remove(String name) throws ModelException {
    InstalledModel model = installed.find(name).orElseThrow(() -> new ModelException(
        DownloadText.of(DownloadText.Key.DELETE_NO_SUCH_MODEL, name), null));
    Path location = installed.location(model);
    Optional<Path> active = activeModel.get();
    if (active.isPresent() && sameFile(active.get(), location)) {
      throw new ModelException(DownloadText.of(DownloadText.Key.DELETE_IN_USE, model.name()), null);
    }
    Path aside = location.resolveSibling("." + location.getFileName() + ".deleting");
    try {
      Files.move(location, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Cannot delete model {} at {}", model.name(), location, e);
      throw new ModelException(DownloadFiles.isDenied(e)
          ? DownloadText.of(DownloadText.Key.DELETE_DENIED, model.name(), location.getParent().toString())
          : DownloadText.of(DownloadText.Key.DELETE_FAILED, model.name(), String.valueOf(e.getMessage())), e);
    }
    try {
      installed.remove(model.name());
    } catch (IOException e) {
      putBack(aside, location);
      throw new ModelException(DownloadText.of(DownloadText.Key.DELETE_LIST_FAILED, model.name(),
          String.valueOf(e.getMessage())), e);
    }
    InstalledModels.deleteFiles(aside);
    LOG.info("Deleted model {} at {}", model.name(), location);
    return model;
  }

  private static void putBack(Path aside, Path location) {
    try {
      Files.move(aside, location, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.error("Could not put {} back at {}", aside, location, e);
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** Pauses running downloads (they resume next time) and stops the download threads. */
  @Override
  public void close() {
    downloader.close();
  }
}
