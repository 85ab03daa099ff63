-- Projects get instructions, a default model and default document collections.
ALTER TABLE project ADD COLUMN instructions CLOB NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN default_model VARCHAR(4000) NOT NULL DEFAULT '';

-- Collection ids of the knowledge module; no foreign key so core works without that module.
CREATE TABLE project_collection (
  project_id     BIGINT NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  collection_id  BIGINT NOT NULL,
  PRIMARY KEY (project_id, collection_id)
);
CREATE INDEX conversation_project ON conversation (project_id, updated_at DESC);

-- Long-term memory: facts about the user. project_id NULL = global scope.
CREATE TABLE memory (
  id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
  project_id              BIGINT REFERENCES project (id) ON DELETE CASCADE,
  content                 VARCHAR(1000) NOT NULL,
  pinned                  BOOLEAN NOT NULL DEFAULT FALSE,
  source_conversation_id  BIGINT,
  created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX memory_project ON memory (project_id);

-- Facts the model proposed; the person accepts or rejects them. Rejected ones are kept so they are not
-- proposed again.
CREATE TABLE memory_proposal (
  id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
  project_id              BIGINT REFERENCES project (id) ON DELETE CASCADE,
  content                 VARCHAR(1000) NOT NULL,
  normalized              VARCHAR(1000) NOT NULL,
  origin                  VARCHAR(16) NOT NULL,
  source_conversation_id  BIGINT,
  status                  VARCHAR(16) NOT NULL,
  created_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX memory_proposal_status ON memory_proposal (status, id);

-- How far each conversation has been read for memories, so no message is read twice.
CREATE TABLE memory_extraction (
  conversation_id  BIGINT PRIMARY KEY,
  last_message_id  BIGINT NOT NULL
);

-- Per project and day, what the nightly synthesis made of that day's conversations.
CREATE TABLE project_digest (
  project_id  BIGINT NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  digest_day  DATE NOT NULL,
  summary     CLOB NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project_id, digest_day)
);

-- Last run of each scheduled job, so runs missed while the machine slept or was off are caught up.
CREATE TABLE scheduled_job (
  name              VARCHAR(100) PRIMARY KEY,
  scheduled_for     TIMESTAMP WITH TIME ZONE NOT NULL,
  last_run_at       TIMESTAMP WITH TIME ZONE,
  outcome           VARCHAR(16) NOT NULL,
  result            CLOB NOT NULL
);
