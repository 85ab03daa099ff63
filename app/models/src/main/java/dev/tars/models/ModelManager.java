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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a person has and can get: the catalog with fit labels, downloads, imports and deletion.
 * Thread-safe. The only writer of the models folder.
 *
 * <p>Just over 400 lines: it is the one lock around the models folder, and each operation on it (pull, import,
 * remove, the partial downloads) is short; the download itself ({@link Downloader}), archives
 * ({@link ArchiveExtractor}) and the installed list ({@link InstalledModels}) live apart.
 */
public final class ModelManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);

  private final ModelCatalog catalog;
  private final Path modelsDir;
  private final Path stagingDir;
  private final Downloader downloader;
  private final ArchiveExtractor extractor;
  private final InstalledModels installed;
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
    this.stagingDir = downloader.stagingDir();
    if (stagingDir.startsWith(this.modelsDir)) {
      throw new IllegalArgumentException("downloads must be staged outside the models folder");
    }
    this.downloader = downloader;
    this.extractor = extractor;
    this.installed = new InstalledModels(this.modelsDir);
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
    List<String> urls = downloader.pending().stream().map(PartialDownload::url).toList();
    return catalog.entries().stream().filter(e -> urls.contains(e.url().toString())).toList();
  }

  /** The kept state of a paused download of {@code entry}, if any. */
  public Optional<PartialDownload> partial(CatalogEntry entry) {
    return downloader.pending().stream().filter(p -> p.url().equals(entry.url().toString())).findFirst();
  }

  /** Bytes already downloaded of a paused catalog model. */
  public long partialBytes(CatalogEntry entry) {
    return downloader.partialBytes(downloadTarget(entry));
  }

  public boolean isDownloading(CatalogEntry entry) {
    return downloader.isActive(downloadTarget(entry));
  }

  /**
   * Starts or resumes downloading a catalog model. The returned download completes after the model is
   * verified, unpacked if need be, and registered.
   */
  public Download pull(String name, DownloadListener listener) throws ModelException {
    CatalogEntry entry = catalog.find(name).orElseThrow(() -> new ModelException(
        DownloadText.of(DownloadText.Key.NO_SUCH_MODEL, name), null));
    if (!entry.downloadable()) {
      throw new ModelException(DownloadText.of(DownloadText.Key.COMES_WITH_TARS, entry.displayName()), null);
    }
    if (installed.find(entry.name()).isPresent()) {
      throw new ModelException(DownloadText.of(DownloadText.Key.ALREADY_INSTALLED, entry.displayName()), null);
    }
    Path target = downloadTarget(entry);
    if (downloader.isActive(target)) {
      throw new ModelException(DownloadText.of(DownloadText.Key.ALREADY_DOWNLOADING, entry.displayName()), null);
    }
    FileCheck check = entry.format() == ModelFormat.GGUF ? GgufCheck.forCatalog(entry) : FileCheck.NONE;
    DownloadRequest request = new DownloadRequest(entry.url(), target, entry.sizeBytes(), entry.sha256(), check);
    FinishingListener finishing = new FinishingListener(listener);
    Download inner = downloader.start(request, finishing);
    CompletableFuture<DownloadOutcome> done = inner.outcome().thenApply(o -> afterDownload(entry, o, listener));
    return new Download() {
      @Override
      public DownloadRequest request() {
        return request;
      }

      @Override
      public void pause() {
        inner.pause();
      }

      @Override
      public void cancel() {
        inner.cancel();
      }

      @Override
      public CompletableFuture<DownloadOutcome> outcome() {
        return done;
      }
    };
  }

  /** Deletes what a paused or failed download of {@code name} kept. */
  public boolean discardPartial(String name) throws ModelException {
    CatalogEntry entry = catalog.find(name).orElseThrow(() -> new ModelException("There is no model called '"
        + name + "' in the catalog."));
    Path target = downloadTarget(entry);
    if (downloader.partialBytes(target) == 0 && downloader.pending().stream()
        .noneMatch(p -> p.url().equals(entry.url().toString()))) {
      return false;
    }
    try {
      downloader.discard(target);
      return true;
    } catch (IOException e) {
      throw new ModelException("Could not delete the partial download of " + name + ": " + e.getMessage(), e);
    }
  }

  private Path downloadTarget(CatalogEntry entry) {
    return entry.format() == ModelFormat.GGUF
        ? modelsDir.resolve(entry.fileName())
        : stagingDir.resolve(entry.fileName());
  }

  private DownloadOutcome afterDownload(CatalogEntry entry, DownloadOutcome outcome, DownloadListener listener) {
    DownloadOutcome result = outcome;
    if (outcome instanceof DownloadOutcome.Completed done) {
      try {
        result = register(entry, done, listener);
        listener.onStatus(DownloadStatus.COMPLETED, entry.displayName() + " is installed ("
            + Bytes.human(done.bytes()) + (done.verified() ? ", SHA-256 verified)." : ", not verified: no "
            + "checksum is known for this file)."));
      } catch (ModelException e) {
        LOG.warn("Installing {} failed", entry.name(), e);
        result = new DownloadOutcome.Failed(e.text(), false);
        listener.onStatus(DownloadStatus.FAILED, e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("Installing {} failed unexpectedly", entry.name(), e);
        DownloadText reason = DownloadText.of(DownloadText.Key.INSTALL_UNEXPECTED, entry.displayName());
        result = new DownloadOutcome.Failed(reason, false);
        listener.onStatus(DownloadStatus.FAILED, reason.english());
      }
    }
    return result;
  }

  private DownloadOutcome register(CatalogEntry entry, DownloadOutcome.Completed done, DownloadListener listener)
      throws ModelException {
    String now = Instant.now().toString();
    if (entry.format() == ModelFormat.GGUF) {
      GgufFile gguf = GgufCheck.read(done.file(), entry.fileName());
      putOrUndo(new InstalledModel(entry.name(), entry.kind(), entry.format(), entry.fileName(), done.bytes(),
          done.sha256(), entry.url().toString(), now, ModelMetadata.of(gguf), done.verified()), done.file());
      return done;
    }
    Path folder = modelsDir.resolve(entry.name());
    listener.onStatus(DownloadStatus.EXTRACTING, "Unpacking " + entry.fileName());
    try {
      extractor.extract(done.file(), entry.format(), stagingDir, folder);
    } finally {
      deleteQuietly(done.file());
    }
    putOrUndo(new InstalledModel(entry.name(), entry.kind(), entry.format(), entry.name(), folderSize(folder),
        null, entry.url().toString(), now, null, done.verified()), folder);
    return new DownloadOutcome.Completed(folder, done.bytes(), done.sha256(), done.verified());
  }

  private void putOrUndo(InstalledModel model, Path installedPath) throws ModelException {
    try {
      installed.put(model);
    } catch (IOException e) {
      if (Files.isDirectory(installedPath)) {
        ArchiveExtractor.deleteTree(installedPath);
      } else {
        deleteQuietly(installedPath);
      }
      throw new ModelException(DownloadText.of(DownloadText.Key.RECORD_FAILED, model.name(),
          String.valueOf(e.getMessage()), modelsDir.toString()), e);
    }
  }

  /**
   * Imports a GGUF chat model already on disk. With {@code link}, the file is hard-linked where the disk
   * allows it (no copy, no extra space; deleting it in Tars leaves the original), else copied.
   */
  public InstalledModel importFile(Path source, boolean link) throws ModelException {
    Path file = source.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new ModelException(Files.exists(file) ? file + " is a folder; choose a .gguf file."
          : "File not found: " + file + ".");
    }
    GgufFile gguf = GgufCheck.read(file, file.toString());
    String fileName = file.getFileName().toString();
    Path target = modelsDir.resolve(fileName);
    if (file.startsWith(modelsDir) || Files.exists(target)) {
      throw new ModelException("A model file called " + fileName + " is already in the models folder. "
          + "Rename the file to import it as another model.");
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
      throw new ModelException("Could not copy " + fileName + " into " + modelsDir + ": "
          + DownloadFiles.ioMessage(e), e);
    }
    InstalledModel model = new InstalledModel(name, ModelKind.CHAT, ModelFormat.GGUF, fileName,
        gguf.fileSize(), sha256, (linked ? "linked from " : "copied from ") + file, Instant.now().toString(),
        ModelMetadata.of(gguf), false);
    putOrUndo(model, target);
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
  private String copyVerified(Path source, Path target) throws IOException {
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

  private String uniqueName(String fileName) {
    String base = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.gguf$", "").replaceAll("[^a-z0-9._-]+", "-");
    String name = base;
    for (int i = 2; installed.find(name).isPresent() || catalog.find(name).isPresent(); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  /** Reads what a GGUF file says about itself, or explains why it is not usable. */
  public ModelMetadata inspect(Path file) throws ModelException {
    return ModelMetadata.of(GgufCheck.read(file, file.toString()));
  }

  /** Whether {@code model} is the one the engine uses now. */
  public boolean isActive(InstalledModel model) {
    return activeModel.get().map(a -> sameFile(a, installed.location(model))).orElse(false);
  }

  /** Deletes an installed model; refuses the one in use. */
  public InstalledModel remove(String name) throws ModelException {
    InstalledModel model = installed.find(name).orElseThrow(() -> new ModelException("No installed model is "
        + "called '" + name + "'. The list of installed models shows the exact names."));
    Path location = installed.location(model);
    Optional<Path> active = activeModel.get();
    if (active.isPresent() && sameFile(active.get(), location)) {
      throw new ModelException(model.name() + " is the model Tars is using now. Choose another model first,"
          + " then delete this one.");
    }
    try {
      installed.remove(model.name());
    } catch (IOException e) {
      throw new ModelException("Could not update the list of installed models: " + e.getMessage(), e);
    }
    if (Files.isDirectory(location)) {
      ArchiveExtractor.deleteTree(location);
    } else {
      deleteQuietly(location);
    }
    LOG.info("Deleted model {} at {}", model.name(), location);
    return model;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private static long folderSize(Path folder) {
    try (var files = Files.walk(folder)) {
      long total = 0;
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    } catch (IOException e) {
      return -1;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", file, e);
    }
  }

  /** Pauses running downloads (they resume next time) and stops the download threads. */
  @Override
  public void close() {
    downloader.close();
  }

  /** Holds back the downloader's COMPLETED: the model is not installed until it is registered. */
  private static final class FinishingListener implements DownloadListener {
    private final DownloadListener delegate;

    FinishingListener(DownloadListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onStatus(DownloadStatus status, String message) {
      if (status != DownloadStatus.COMPLETED) {
        delegate.onStatus(status, message);
      }
    }

    @Override
    public void onProgress(DownloadProgress progress) {
      delegate.onProgress(progress);
    }
  }
}
