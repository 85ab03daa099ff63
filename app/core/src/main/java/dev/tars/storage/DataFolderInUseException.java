package dev.tars.storage;

/**
 * The database is held by another Tars process (the window, {@code tars serve}, {@code tars mcp}): only one process
 * opens the data folder at a time. {@code tars mcp} catches it to relay to that process instead (decision 1530).
 */
public final class DataFolderInUseException extends StorageException {
  private static final long serialVersionUID = 1L;

  public DataFolderInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
