package dev.tars.models;

import java.nio.file.Path;

/** A check a finished download must pass before it is moved into place, e.g. a GGUF header check. */
@FunctionalInterface
public interface FileCheck {
  FileCheck NONE = file -> {};

  /** Throws with a message for a person when {@code file} is not what was expected. */
  void check(Path file) throws ModelException;
}
