package dev.tars.knowledge;

/**
 * Observes the ingestion job. Called on ingestion worker threads: a UI must hand the values over to its own
 * thread (e.g. {@code Platform.runLater}) and must not block here.
 */
public interface IngestListener {

  default void documentChanged(DocumentInfo document) {}

  default void progress(JobProgress progress) {}
}
