-- Notes page (issue 16 item 4): full-text search in English and Spanish, and drafts that survive a crash.

-- The note's words as search terms: lower case, accents folded, each word's English and Spanish stem, separated
-- by single spaces with a space at both ends (so LIKE '% term %' finds whole terms). NULL = not computed yet;
-- NoteStore fills it when it opens (notes written before this version).
ALTER TABLE note ADD COLUMN search_terms CLOB;

-- What the editor holds for a note while the person types, written every second or so. The edit is recorded
-- as one action (with undo) when the person leaves the note; a draft still here at the next start was cut
-- by a crash or a kill and is recorded then, so no typed text is lost.
CREATE TABLE note_draft (
  note_id     BIGINT PRIMARY KEY REFERENCES note (id) ON DELETE CASCADE,
  title       VARCHAR(500) NOT NULL,
  body        CLOB NOT NULL,
  tags        VARCHAR(1000) NOT NULL DEFAULT '',
  project_id  BIGINT,
  saved_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
