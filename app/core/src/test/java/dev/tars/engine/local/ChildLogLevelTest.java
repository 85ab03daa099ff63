package dev.tars.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChildLogLevelTest {

  @Test
  void levelIsReadWithOrWithoutATimestampInFront() {
    assertEquals("WARN", LocalEngine.levelOf("WARN  [main] dev.tars.llama.Server - model has no chat template"));
    assertEquals("ERROR", LocalEngine.levelOf("03:19:13.975 [main] ERROR d.t.l.Server - cannot load the model"));
    assertEquals("INFO", LocalEngine.levelOf("2026-11-22 03:12:46.301 INFO  [main] d.t.l.Server - ready"));
  }

  @Test
  void nativeOutputHasNoLevel() {
    assertEquals("", LocalEngine.levelOf("llama_model_loader: loaded meta data with 22 key-value pairs"));
    assertEquals("", LocalEngine.levelOf("prompt eval time =  12.5 ms /  23 tokens"));
  }
}
