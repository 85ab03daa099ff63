package dev.tars.bench;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;

/**
 * One streamed answer timed as its reader sees it: time to the first text, and tokens per second from the
 * first text to the end (the first token is left out of the rate: its time is the TTFT).
 *
 * @param tokens the tokens the engine reported, or the streamed pieces when it reported none
 */
public record StreamedRun(double ttftMs, double tokensPerSecond, int tokens) {

  /** Streams {@code request} through {@code engine} and times it. */
  public static StreamedRun measure(ChatEngine engine, ChatRequest request) {
    long start = System.nanoTime();
    long[] first = {0};
    int[] pieces = {0};
    Completion c = engine.generate(request, t -> {
      if (first[0] == 0) {
        first[0] = System.nanoTime();
      }
      pieces[0]++;
    }).result().join();
    long end = System.nanoTime();
    int tokens = c.completionTokens() > 0 ? c.completionTokens() : pieces[0];
    return new StreamedRun((first[0] - start) / 1e6, (tokens - 1) / ((end - first[0]) / 1e9), tokens);
  }
}
