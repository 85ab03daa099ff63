package dev.tars.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What is remembered next to a {@code .part} file so that a download can resume after a restart: the
 * address, the size and validators the server gave (so a changed file is not glued onto an old part).
 *
 * @param totalBytes full size the server announced, -1 if unknown
 * @param etag the server's ETag, sent back in If-Range; null if none
 * @param lastModified the server's Last-Modified, used in If-Range when there is no ETag; null if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartialDownload(
    String url, String target, String sha256, long totalBytes, String etag, String lastModified) {

  PartialDownload withServerInfo(long total, String newEtag, String newLastModified) {
    return new PartialDownload(url, target, sha256, total, newEtag, newLastModified);
  }
}
