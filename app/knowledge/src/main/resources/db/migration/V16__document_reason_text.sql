-- Why a document was not indexed, as a key and its arguments (NotIndexedReason.stored(), JSON), so the Knowledge
-- page says it in the person's language; the reason column keeps the English. NULL for older rows: they show
-- their English as it is.
ALTER TABLE kn_document ADD COLUMN reason_text VARCHAR(4000);
