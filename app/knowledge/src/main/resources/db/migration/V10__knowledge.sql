-- Knowledge: collections of documents, their status in the ingestion job, and their chunks.
CREATE TABLE kn_collection (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(200) NOT NULL UNIQUE,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO kn_collection (id, name, created_at) VALUES (1, 'Documents', CURRENT_TIMESTAMP);
ALTER TABLE kn_collection ALTER COLUMN id RESTART WITH 2;

CREATE TABLE kn_document (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  collection_id  BIGINT NOT NULL REFERENCES kn_collection (id) ON DELETE CASCADE,
  path           VARCHAR(4000) NOT NULL,
  content_hash   VARCHAR(64) NOT NULL,
  size_bytes     BIGINT NOT NULL,
  modified_ms    BIGINT NOT NULL,
  media_type     VARCHAR(200),
  status         VARCHAR(16) NOT NULL,
  reason         VARCHAR(2000),
  pages          INT NOT NULL DEFAULT 0,
  chunk_count    INT NOT NULL DEFAULT 0,
  queued_seq     BIGINT NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT kn_document_path UNIQUE (collection_id, path)
);
CREATE INDEX kn_document_status ON kn_document (status, queued_seq);

CREATE TABLE kn_chunk (
  document_id   BIGINT NOT NULL REFERENCES kn_document (id) ON DELETE CASCADE,
  ordinal       INT NOT NULL,
  page          INT NOT NULL,
  start_offset  INT NOT NULL,
  end_offset    INT NOT NULL,
  text          CLOB NOT NULL,
  PRIMARY KEY (document_id, ordinal)
);

-- The embedding model the vectors in the index were made with; a different model means re-embedding.
CREATE TABLE kn_index_meta (
  id         INT PRIMARY KEY,
  model      VARCHAR(200) NOT NULL,
  dimension  INT NOT NULL
);
