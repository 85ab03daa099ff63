package dev.tars.engine.local;

import dev.tars.engine.ModelInfo;
import dev.tars.engine.openai.OpenAiChatEngine;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine child process and the client that talks to it.
 *
 * @param epoch the load it belongs to (a newer load makes it stale)
 * @param readySince {@link System#nanoTime} when it became ready
 */
record EngineChild(long epoch, Process process, OpenAiChatEngine client, ModelInfo info, URI baseUri,
    long readySince) {
  private static final Logger LOG = LoggerFactory.getLogger(EngineChild.class);

  /** Lets the child halt itself (stdin closed), then forces it. Bounded: about 3 s at most. */
  void stop() {
    client.close();
    try {
      process.getOutputStream().close();
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          LOG.warn("Engine process {} did not exit after being killed", process.pid());
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LOG.info("Stopped engine process {}", process.pid());
  }
}
