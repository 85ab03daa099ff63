package dev.tars.api;

import dev.tars.protocol.openai.ErrorBody;
import dev.tars.protocol.openai.OpenAiCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any handler runs (a request line it cannot parse, headers too large):
 * the same OpenAI-style JSON body as every other error, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    ErrorBody body = new ErrorBody("The HTTP request was refused (" + code + (message == null ? "" : " " + message)
        + "). Check the request line, headers and body size.", code >= 500 ? "server_error" : "invalid_request_error",
        null, "http_" + code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(OpenAiCodec.json(body).getBytes(StandardCharsets.UTF_8)), callback);
  }
}
