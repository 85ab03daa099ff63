-- Foundation schema: projects, conversations, messages, settings.
CREATE TABLE project (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO project (id, name, created_at) VALUES (1, 'Default', CURRENT_TIMESTAMP);
ALTER TABLE project ALTER COLUMN id RESTART WITH 2;

CREATE TABLE conversation (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  project_id     BIGINT NOT NULL DEFAULT 1 REFERENCES project (id),
  title          VARCHAR(500) NOT NULL,
  system_prompt  CLOB NOT NULL DEFAULT '',
  temperature    DOUBLE PRECISION NOT NULL,
  top_p          DOUBLE PRECISION NOT NULL,
  max_tokens     INT NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  deleted_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX conversation_updated ON conversation (updated_at DESC);

CREATE TABLE message (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  conversation_id  BIGINT NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
  role             VARCHAR(16) NOT NULL,
  content          CLOB NOT NULL,
  status           VARCHAR(16) NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX message_conversation ON message (conversation_id, id);

CREATE TABLE setting (
  name   VARCHAR(200) PRIMARY KEY,
  content  CLOB NOT NULL
);
