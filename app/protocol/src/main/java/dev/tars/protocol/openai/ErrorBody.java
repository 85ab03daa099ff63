package dev.tars.protocol.openai;

import java.util.Objects;

/**
 * The {@code error} object of an OpenAI error response: {@code {"error": {"message", "type", "param", "code"}}}.
 * The message is written for the person or script that sent the request: what was wrong and what to do.
 *
 * @param type e.g. {@code invalid_request_error}, {@code rate_limit_error}, {@code server_error}
 * @param param the request field at fault, or null
 * @param code a stable machine-readable reason, e.g. {@code invalid_value}
 */
public record ErrorBody(String message, String type, String param, String code) {
  public ErrorBody {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
  }
}
