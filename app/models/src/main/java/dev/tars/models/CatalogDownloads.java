package dev.tars.models;

import dev.tars.engine.gguf.GgufFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Getting a catalog model: starting, resuming and discarding its download ({@link Downloader}), then unpacking
 * and registering it, so that a download counts as done only once the model is installed. A GGUF file downloads
 * straight into the models folder; an archive is staged outside it and unpacked into a folder of its own.
 */
final class CatalogDownloads {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogDownloads.class);

  private final ModelCatalog catalog;
  private final Path modelsDir;
  private final Path stagingDir;
  private final Downloader downloader;
  private final ArchiveExtractor extractor;
  private final InstalledModels installed;

  CatalogDownloads(ModelCatalog catalog, Path modelsDir, Downloader downloader, ArchiveExtractor extractor,
      InstalledModels installed) {
    this.catalog = catalog;
    this.modelsDir = modelsDir;
    this.stagingDir = downloader.stagingDir();
    this.downloader = downloader;
    this.extractor = extractor;
    this.installed = installed;
  }

  List<CatalogEntry> paused() {
    List<String> urls = downloader.pending().stream().map(PartialDownload::url).toList();
    return catalog.entries().stream().filter(e -> urls.contains(e.url().toString())).toList();
  }

  Optional<PartialDownload> partial(CatalogEntry entry) {
    return downloader.pending().stream().filter(p -> p.url().equals(entry.url().toString())).findFirst();
  }

  long partialBytes(CatalogEntry entry) {
    return downloader.partialBytes(downloadTarget(entry));
  }

  boolean isDownloading(CatalogEntry entry) {
    return downloader.isActive(downloadTarget(entry));
  }

  /** See {@link ModelManager#pull}. */
  Download pull(String name, DownloadListener listener) throws ModelException {
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
    Download inner = downloader.start(request, new FinishingListener(listener));
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

  /** See {@link ModelManager#discardPartial}. */
  boolean discardPartial(String name) throws ModelException {
    CatalogEntry entry = catalog.find(name).orElseThrow(() -> new ModelException(
        DownloadText.of(DownloadText.Key.NO_SUCH_MODEL, name), null));
    Path target = downloadTarget(entry);
    if (downloader.partialBytes(target) == 0 && downloader.pending().stream()
        .noneMatch(p -> p.url().equals(entry.url().toString()))) {
      return false;
    }
    try {
      downloader.discard(target);
      return true;
    } catch (IOException e) {
      throw new ModelException(DownloadText.of(DownloadText.Key.DISCARD_FAILED, name,
          String.valueOf(e.getMessage())), e);
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
      installed.putOrUndo(new InstalledModel(entry.name(), entry.kind(), entry.format(), entry.fileName(),
          done.bytes(), done.sha256(), entry.url().toString(), now, ModelMetadata.of(gguf), done.verified()),
          done.file());
      return done;
    }
    String place = folderOf(entry);
    Path folder = modelsDir.resolve(place);
    listener.onStatus(DownloadStatus.EXTRACTING, "Unpacking " + entry.fileName());
    try {
      extractor.extract(done.file(), entry.format(), stagingDir, folder);
    } finally {
      InstalledModels.deleteFiles(done.file());
    }
    if (entry.kind() == ModelKind.SPEECH && !looksLikeVosk(folder)) {
      InstalledModels.deleteFiles(folder);
      throw new ModelException(DownloadText.of(DownloadText.Key.ARCHIVE_NOT_VOSK, entry.fileName()), null);
    }
    installed.putOrUndo(new InstalledModel(entry.name(), entry.kind(), entry.format(), place,
        folderSize(folder), null, entry.url().toString(), now, null, done.verified()), folder);
    return new DownloadOutcome.Completed(folder, done.bytes(), done.sha256(), done.verified());
  }

  /**
   * Where an unpacked model goes inside the models folder: speech models in {@code vosk/}, where the voice feature
   * looks for them ({@code VoiceEngines.voskModelsFolder}), others in a folder of their own name.
   */
  private static String folderOf(CatalogEntry entry) {
    return entry.kind() == ModelKind.SPEECH ? "vosk/" + entry.name() : entry.name();
  }

  /** The files every Vosk model has (the voice module's {@code VoskRecognizer.looksLikeModel} asks the same). */
  private static boolean looksLikeVosk(Path folder) {
    return Files.isRegularFile(folder.resolve("am").resolve("final.mdl"))
        && Files.isRegularFile(folder.resolve("conf").resolve("model.conf"));
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
