package dev.tars.runtime;

import dev.tars.config.AppPaths;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a front end wants its {@link TarsRuntime}. Start from {@link #of} and change what differs.
 *
 * @param paths the data home
 * @param appVersion written into backups
 * @param applyPendingRestore apply a restore asked for on the Backups page before anything opens (the app)
 * @param ocrLanguages Tesseract languages for scanned documents, e.g. {@code eng+spa}
 * @param model a GGUF file to answer with instead of the app's choice (the CLI's {@code --model}); the
 *     app's settings are left as they are; null = the engine chosen in the app
 * @param contextSize context window for {@code model}
 * @param threads CPU threads for {@code model}; 0 = one per core
 * @param engineFactory makes engines instead of the real local and remote ones (tests); null = the real ones
 * @param knowledge whether documents are used at all; false never opens the index (starts faster)
 */
public record RuntimeOptions(AppPaths paths, String appVersion, boolean applyPendingRestore, String ocrLanguages,
    Path model, int contextSize, int threads, EngineHost.Factory engineFactory, boolean knowledge) {
  public RuntimeOptions {
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(appVersion, "appVersion");
    Objects.requireNonNull(ocrLanguages, "ocrLanguages");
    if (contextSize < 0 || threads < 0) {
      throw new IllegalArgumentException("contextSize and threads must not be negative");
    }
  }

  /** The data home {@code paths}, the engine chosen in the app, English OCR, no restore at open. */
  public static RuntimeOptions of(AppPaths paths, String appVersion) {
    return new RuntimeOptions(paths, appVersion, false, "eng", null, 0, 0, null, true);
  }

  public RuntimeOptions applyingPendingRestore() {
    return new RuntimeOptions(paths, appVersion, true, ocrLanguages, model, contextSize, threads, engineFactory,
        knowledge);
  }

  public RuntimeOptions withOcrLanguages(String value) {
    return new RuntimeOptions(paths, appVersion, applyPendingRestore, value, model, contextSize, threads,
        engineFactory, knowledge);
  }

  /** Answers with {@code file} (context {@code tokens}, {@code threadCount} threads; 0 = default). */
  public RuntimeOptions withModel(Path file, int tokens, int threadCount) {
    return new RuntimeOptions(paths, appVersion, applyPendingRestore, ocrLanguages, file, tokens, threadCount,
        engineFactory, knowledge);
  }

  public RuntimeOptions withEngineFactory(EngineHost.Factory value) {
    return new RuntimeOptions(paths, appVersion, applyPendingRestore, ocrLanguages, model, contextSize, threads,
        value, knowledge);
  }

  /** Without documents: the knowledge base is never opened (no embeddings, no answers from documents). */
  public RuntimeOptions withoutKnowledge() {
    return new RuntimeOptions(paths, appVersion, applyPendingRestore, ocrLanguages, model, contextSize, threads,
        engineFactory, false);
  }

  /** The app's settings with the local engine on {@link #model} instead of the app's choice. */
  AppSettings modelSettings(AppSettings app) {
    AppSettings local = app.withEngine(EngineChoice.LOCAL, app.remoteUrl(), app.remoteApiKey(), app.remoteModel())
        .withModelPath(model.toAbsolutePath().toString());
    return local.withLocalEngine(contextSize > 0 ? contextSize : app.contextSize(), threads);
  }
}
