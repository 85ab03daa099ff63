package dev.tars.cli.models;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.models.InstalledModel;
import dev.tars.models.ModelException;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tars models use NAME|FILE}: chooses the model the app answers with, as choosing it in the window
 * does. The window, {@code tars ask} and {@code tars chat} then use it (a remote server choice is replaced).
 */
@Command(name = "use", mixinStandardHelpOptions = true,
    description = {"Choose the model the app answers with: an installed model's name (see tars models list)",
        "or a .gguf file."})
final class UseModelCommand implements Callable<Integer> {
  @ParentCommand ModelsCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME|FILE", description = "An installed chat model's name, or the path of a .gguf file.")
  String choice;

  @Override
  public Integer call() {
    try (ModelsCommand.Session session = parent.session()) {
      if (session.runtime() == null) {
        throw new IllegalStateException("Choosing a model needs the app's settings.");
      }
      Path file = resolve(session.manager());
      var settings = session.runtime().settings();
      AppSettings now = settings.get();
      settings.save(now.withEngine(EngineChoice.LOCAL, now.remoteUrl(), now.remoteApiKey(), now.remoteModel())
          .withModelPath(file.toString()));
      spec.commandLine().getOut().println("Tars now answers with " + file.getFileName() + " (" + file + ").");
      spec.commandLine().getOut().flush();
      return ModelsCommand.OK;
    } catch (ModelException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("tars: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ModelsCommand.FAILURE;
    }
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
