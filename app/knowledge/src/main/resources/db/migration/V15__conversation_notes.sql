-- Per conversation: whether answers also draw on the person's notes (the "Notes" entry of the Documents
-- chooser, issue 16 item 4). Notes live in app/actions; the knowledge module only keeps the choice.
ALTER TABLE kn_conversation ADD COLUMN notes BOOLEAN NOT NULL DEFAULT FALSE;
