package dev.tars.knowledge;

import dev.tars.knowledge.document.NotIndexedReason;
import java.nio.file.Path;

/**
 * One document as the Knowledge page and the CLI show it.
 *
 * @param reason why it failed, in words a person can act on (say it with {@link NotIndexedReason#in}); {@code null}
 *     unless {@link DocumentStatus#FAILED}
 */
public record DocumentInfo(long id, long collectionId, Path path, DocumentStatus status, NotIndexedReason reason,
    String mediaType, long sizeBytes, int pages, int chunks) {}
