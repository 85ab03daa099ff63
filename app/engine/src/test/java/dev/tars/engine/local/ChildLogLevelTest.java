package dev.tars.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChildLogLevelTest {

  @Test
  void levelIsReadWithOrWithoutATimestampInFront() {
    assertEquals("WARN", ChildOutput.levelOf("WARN  [main] dev.tars.llama.Server - model has no chat template"));
    assertEquals("ERROR", ChildOutput.levelOf("03:19:13.975 [main] ERROR d.t.l.Server - cannot load the model"));
    assertEquals("INFO", ChildOutput.levelOf("2026-11-22 03:12:46.301 INFO  [main] d.t.l.Server - ready"));
  }

  @Test
  void nativeOutputHasNoLevel() {
    assertEquals("", ChildOutput.levelOf("llama_model_loader: loaded meta data with 22 key-value pairs"));
    assertEquals("", ChildOutput.levelOf("prompt eval time =  12.5 ms /  23 tokens"));
  }
}
