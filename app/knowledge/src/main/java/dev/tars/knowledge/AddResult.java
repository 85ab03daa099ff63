package dev.tars.knowledge;

/**
 * What adding files did.
 *
 * @param queued new or changed files put in the queue
 * @param unchanged files already indexed with the same content (nothing to do)
 * @param skipped hidden files and folders, links and unreadable entries that were left out
 */
public record AddResult(int queued, int unchanged, int skipped) {}
