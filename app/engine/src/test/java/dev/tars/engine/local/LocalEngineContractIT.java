package dev.tars.engine.local;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatEngineContract;
import dev.tars.testkit.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The supervised child process, end to end. */
class LocalEngineContractIT extends ChatEngineContract {
  private static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    Path temp = Files.createTempDirectory("tars-local-engine");
    engine = new LocalEngine(LocalEngine.Options.defaults(temp).withMaxContextLength(2048).withThreads(2));
    engine.load(TestModels.tiny());
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Override
  protected ChatEngine engine() {
    return engine;
  }
}
