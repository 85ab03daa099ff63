package dev.tars.knowledge;

/** A named set of documents that chat can answer from. */
public record CollectionInfo(long id, String name, int documents, int chunks) {}
