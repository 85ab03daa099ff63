package dev.tars.mcpclient;

/** An MCP server could not be reached or a call failed; the message is meant for a person. */
public final class McpServerException extends Exception {
  public McpServerException(String message) {
    super(message);
  }

  public McpServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
