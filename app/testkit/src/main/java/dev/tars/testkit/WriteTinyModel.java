package dev.tars.testkit;

import java.io.IOException;
import java.nio.file.Path;

/** Writes the tiny generated test model to the path given, for scripts (the installer smoke test). */
public final class WriteTinyModel {
  private WriteTinyModel() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    TestModels.write(ModelShape.TINY, file);
    System.out.println(file);
  }
}
