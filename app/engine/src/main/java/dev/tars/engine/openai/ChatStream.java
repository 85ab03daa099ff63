package dev.tars.engine.openai;

import java.io.IOException;
import java.io.InputStream;

/**
 * The response of one streamed chat request, whichever way it travels. {@link #close} may come from any thread at
 * any time, before, during or after {@link #open}: it is how a generation is cancelled, and it unblocks a waiting
 * {@code open} or a read of the body at once.
 */
interface ChatStream {
  /** Sends the request and waits for the response's status and headers. */
  void open() throws IOException, InterruptedException;

  /** The HTTP status, once opened. */
  int status();

  /** The response body, once opened: the Server-Sent Events, or an error document. */
  InputStream body();

  /** Stops the exchange; never throws. */
  void close();
}
