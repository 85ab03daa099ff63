package dev.tars.api;

/**
 * A request the server cannot serve, answered with an OpenAI-style error body:
 * {@code {"error": {"message", "type", "param", "code"}}}. The message is written for the person or script
 * that sent the request: what was wrong and what to do.
 */
final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  final String code;
  final String param;

  ApiError(int status, String type, String code, String param, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  static ApiError invalid(String param, String message) {
    return new ApiError(400, "invalid_request_error", "invalid_value", param, message);
  }

  static ApiError unauthorized() {
    return new ApiError(401, "invalid_request_error", "invalid_api_key", null,
        "Missing or wrong API key. Send the key that `tars serve` prints (or Settings shows) as"
            + " 'Authorization: Bearer <key>'.");
  }

  static ApiError notFound(String method, String path) {
    return new ApiError(404, "invalid_request_error", "not_found", null,
        "There is no " + method + " " + path + " here. See docs/api/openapi.yaml for the endpoints.");
  }

  static ApiError methodNotAllowed(String method, String expected) {
    return new ApiError(405, "invalid_request_error", "method_not_allowed", null,
        "Use " + expected + " for this endpoint, not " + method + ".");
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "invalid_request_error", "request_too_large", null,
        "The request body is larger than " + limit + " bytes. Send less text per request.");
  }

  static ApiError busy(int limit) {
    return new ApiError(429, "rate_limit_error", "rate_limit_exceeded", null,
        "Tars is already working on " + limit + " request(s), its limit. Retry when one has finished.");
  }

  static ApiError invalidJson(String detail) {
    return new ApiError(400, "invalid_request_error", "invalid_json", null,
        "The request body is not valid JSON (" + detail + "). Send one JSON object.");
  }

  static ApiError wrongContentType(String given) {
    return new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
        "Send the request body as JSON with 'Content-Type: application/json'"
            + (given == null ? " (the request had no Content-Type)." : ", not '" + shorten(given) + "'."));
  }

  static ApiError wrongHost(String given) {
    return new ApiError(421, "invalid_request_error", "misdirected_request", null,
        "This server only answers requests addressed to its own loopback address, not to '" + shorten(given)
            + "'. Use the base URL `tars serve` prints (or Settings shows).");
  }

  static ApiError originRefused(String origin) {
    return new ApiError(403, "invalid_request_error", "origin_not_allowed", null,
        "Requests from web pages are refused unless their origin is allowed in Settings > Local API server;"
            + " '" + shorten(origin) + "' is not.");
  }

  static ApiError uploadTimedOut(long idleMillis) {
    return new ApiError(408, "invalid_request_error", "request_timeout", null,
        "The request body stopped arriving (nothing for " + idleMillis + " ms, or it took too long in all)."
            + " Send the whole body at once.");
  }

  static ApiError tooManyUploads(int limit) {
    return new ApiError(429, "rate_limit_error", "too_many_uploads", null,
        "Tars is already receiving " + limit + " request bodies, its limit. Retry in a moment.");
  }

  private static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  static ApiError engineUnavailable(String reason) {
    return new ApiError(503, "server_error", "engine_unavailable", null, reason);
  }
}
