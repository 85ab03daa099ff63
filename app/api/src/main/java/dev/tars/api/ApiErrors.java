package dev.tars.api;

import dev.tars.protocol.openai.OpenAiException;

/**
 * The local API's own refusals, as OpenAI-style errors ({@link OpenAiException}). Each message is written for
 * the person or script that sent the request: what was wrong and what to do.
 */
final class ApiErrors {
  private ApiErrors() {}

  static OpenAiException unauthorized() {
    return new OpenAiException(401, "invalid_request_error", "invalid_api_key", null,
        "Missing or wrong API key. Send the key that `tars serve` prints (or Settings shows) as"
            + " 'Authorization: Bearer <key>'.");
  }

  static OpenAiException notFound(String method, String path) {
    return new OpenAiException(404, "invalid_request_error", "not_found", null,
        "There is no " + method + " " + path + " here. See docs/api/openapi.yaml for the endpoints.");
  }

  static OpenAiException methodNotAllowed(String method, String expected) {
    return new OpenAiException(405, "invalid_request_error", "method_not_allowed", null,
        "Use " + expected + " for this endpoint, not " + method + ".");
  }

  static OpenAiException tooLarge(long limit) {
    return new OpenAiException(413, "invalid_request_error", "request_too_large", null,
        "The request body is larger than " + limit + " bytes. Send less text per request.");
  }

  static OpenAiException busy(int limit) {
    return new OpenAiException(429, "rate_limit_error", "rate_limit_exceeded", null,
        "Tars is already working on " + limit + " request(s), its limit. Retry when one has finished.");
  }

  static OpenAiException wrongContentType(String given) {
    return new OpenAiException(415, "invalid_request_error", "unsupported_media_type", null,
        "Send the request body as JSON with 'Content-Type: application/json'"
            + (given == null ? " (the request had no Content-Type)." : ", not '" + shorten(given) + "'."));
  }

  static OpenAiException wrongHost(String given) {
    return new OpenAiException(421, "invalid_request_error", "misdirected_request", null,
        "This server only answers requests addressed to its own loopback address, not to '" + shorten(given)
            + "'. Use the base URL `tars serve` prints (or Settings shows).");
  }

  static OpenAiException originRefused(String origin) {
    return new OpenAiException(403, "invalid_request_error", "origin_not_allowed", null,
        "Requests from web pages are refused unless their origin is allowed in Settings > Local API server;"
            + " '" + shorten(origin) + "' is not.");
  }

  static OpenAiException uploadTimedOut(long idleMillis) {
    return new OpenAiException(408, "invalid_request_error", "request_timeout", null,
        "The request body stopped arriving (nothing for " + idleMillis + " ms, or it took too long in all)."
            + " Send the whole body at once.");
  }

  static OpenAiException tooManyUploads(int limit) {
    return new OpenAiException(429, "rate_limit_error", "too_many_uploads", null,
        "Tars is already receiving " + limit + " request bodies, its limit. Retry in a moment.");
  }

  private static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  static OpenAiException engineUnavailable(String reason) {
    return new OpenAiException(503, "server_error", "engine_unavailable", null, reason);
  }
}
