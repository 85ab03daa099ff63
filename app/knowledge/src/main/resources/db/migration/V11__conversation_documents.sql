-- Per conversation: whether answers use the person's documents, and which collections (none listed = all).
-- A conversation without a row follows its project's default collections (project_collection).
CREATE TABLE kn_conversation (
  conversation_id  BIGINT PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
  enabled          BOOLEAN NOT NULL
);

CREATE TABLE kn_conversation_collection (
  conversation_id  BIGINT NOT NULL REFERENCES kn_conversation (conversation_id) ON DELETE CASCADE,
  collection_id    BIGINT NOT NULL REFERENCES kn_collection (id) ON DELETE CASCADE,
  PRIMARY KEY (conversation_id, collection_id)
);
