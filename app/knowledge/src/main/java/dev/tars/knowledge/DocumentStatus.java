package dev.tars.knowledge;

/** Where a document is in the ingestion job. */
public enum DocumentStatus {
  QUEUED, PARSING, OCR, EMBEDDING, INDEXED, FAILED, REMOVING;

  /** Statuses of a document a worker is busy with: after a crash they go back to {@link #QUEUED}. */
  public boolean inFlight() {
    return this == PARSING || this == OCR || this == EMBEDDING;
  }
}
