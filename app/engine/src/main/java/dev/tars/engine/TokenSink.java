package dev.tars.engine;

/** Receives generated text as it streams. Called on an engine thread, in order, never concurrently. */
@FunctionalInterface
public interface TokenSink {
  void accept(String textDelta);
}
