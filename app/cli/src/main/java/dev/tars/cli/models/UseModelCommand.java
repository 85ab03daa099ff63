package dev.tars.cli.models;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.models.InstalledModel;
import dev.tars.models.ModelException;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tars models use NAME|FILE}: chooses the model the app answers with, as choosing it in the window
 * does. The window, {@code tars ask} and {@code tars chat} then use it (a remote server choice is replaced).
 */
@Command(name = "use", mixinStandardHelpOptions = true,
    description = {"Choose the model the app answers with: an installed model's name (see tars models list)",
        "or a .gguf file."})
final class UseModelCommand extends ModelsCommand.Subcommand {
  @Parameters(paramLabel = "NAME|FILE", description = "An installed chat model's name, or the path of a .gguf file.")
  String choice;

  @Override
  int run(ModelsCommand.Session session, PrintWriter out) throws ModelException {
    if (session.runtime() == null) {
      throw new IllegalStateException("Choosing a model needs the app's settings.");
    }
    Path file;
    try {
      file = resolve(session.manager());
    } catch (IllegalArgumentException e) {
      return ModelsCommand.fail(spec, e.getMessage());
    }
    var settings = session.runtime().settings();
    AppSettings now = settings.get();
    settings.save(now.withEngine(EngineChoice.LOCAL, now.remoteUrl(), now.remoteApiKey(), now.remoteModel())
        .withModelPath(file.toString()));
    out.println("Tars now answers with " + file.getFileName() + " (" + file + ").");
    return ModelsCommand.OK;
  }

  /** The model file {@link #choice} names; checks that a file is a usable GGUF model. */
  private Path resolve(ModelManager manager) throws ModelException {
    Path asFile = Path.of(choice);
    if (choice.toLowerCase(Locale.ROOT).endsWith(".gguf") || Files.isRegularFile(asFile)) {
      Path file = asFile.toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("There is no file " + file + ".");
      }
      manager.inspect(file);
      return file;
    }
    InstalledModel installed = manager.installed(choice).orElseThrow(() -> new IllegalArgumentException(
        manager.catalog().find(choice).isPresent()
            ? choice + " is not downloaded yet. Download it with: tars models pull " + choice
            : "There is no model called " + choice + ". See the names with: tars models list"));
    if (installed.kind() != ModelKind.CHAT) {
      throw new IllegalArgumentException(choice + " is a " + installed.kind().name().toLowerCase(Locale.ROOT)
          + " model; choose a chat model.");
    }
    return manager.location(installed);
  }
}
