package dev.tars.chat;

/** How complete a stored message is. User messages are always {@link #COMPLETE}. */
public enum MessageStatus {
  COMPLETE,
  /** Being generated right now; found at start-up it means the app died, and it becomes INTERRUPTED. */
  STREAMING,
  /** The person stopped it. */
  STOPPED,
  /** The engine crashed, the connection broke or the app died while it streamed. */
  INTERRUPTED;

  public boolean isIncomplete() {
    return this == STOPPED || this == INTERRUPTED;
  }
}
