-- What an answer was given to read (document passages, memories, project instructions), so its citations
-- still show when the conversation is opened again. Deleted with the answer (regenerate, trash purge).
CREATE TABLE message_source (
  message_id  BIGINT NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  position    INT NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  label       VARCHAR(1000) NOT NULL,
  reference   VARCHAR(1000) NOT NULL,
  PRIMARY KEY (message_id, position)
);
