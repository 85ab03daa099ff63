package dev.tars.protocol.openai;

/**
 * A request that cannot be served, with the HTTP status and the {@link ErrorBody} it is answered with. Servers
 * throw it for the client's mistakes; its message is the body's message.
 */
public final class OpenAiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ErrorBody body;

  public OpenAiException(int status, String type, String code, String param, String message) {
    super(message);
    this.status = status;
    this.body = new ErrorBody(message, type, param, code);
  }

  public int status() {
    return status;
  }

  public ErrorBody body() {
    return body;
  }

  public String type() {
    return body.type();
  }

  public String code() {
    return body.code();
  }

  public String param() {
    return body.param();
  }

  /** 400: a field has a wrong value; the message names the field and what it may be. */
  public static OpenAiException invalid(String param, String message) {
    return new OpenAiException(400, "invalid_request_error", "invalid_value", param, message);
  }

  /** 400: the body is not a JSON object. */
  public static OpenAiException invalidJson(String detail) {
    return new OpenAiException(400, "invalid_request_error", "invalid_json", null,
        "The request body is not valid JSON (" + detail + "). Send one JSON object.");
  }
}
