-- Notes, agenda, reminders and the activity log (issue 16). Versions V50-V59 belong to app/actions.

-- Markdown notes. tags: space-separated words without '#'.
CREATE TABLE note (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  title       VARCHAR(500) NOT NULL,
  body        CLOB NOT NULL,
  tags        VARCHAR(1000) NOT NULL DEFAULT '',
  project_id  BIGINT,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX note_updated ON note (updated_at DESC);

-- Agenda events. The iCalendar text of the VEVENT (with its VALARMs) is the source of truth and is what an
-- export writes back, so nothing an import held is lost; the other columns are derived from it for queries.
-- Timed events: first_start/first_end are instants, zone_id the IANA zone the wall-clock times belong to.
-- All-day events: the days at 00:00 UTC (end exclusive), zone_id NULL. rdates/exdates: ISO instants (or days)
-- separated by spaces. series_end: when the last occurrence ends, NULL = repeats without end.
CREATE TABLE agenda_event (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  uid          VARCHAR(1000) NOT NULL,
  recurrence_id VARCHAR(100) NOT NULL DEFAULT '',
  title        VARCHAR(4000) NOT NULL,
  location     VARCHAR(4000) NOT NULL DEFAULT '',
  all_day      BOOLEAN NOT NULL,
  first_start  TIMESTAMP WITH TIME ZONE NOT NULL,
  first_end    TIMESTAMP WITH TIME ZONE NOT NULL,
  zone_id      VARCHAR(100),
  tzid         VARCHAR(500),
  rrule        VARCHAR(4000),
  rdates       CLOB,
  exdates      CLOB,
  series_end   TIMESTAMP WITH TIME ZONE,
  ics          CLOB NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX agenda_event_uid ON agenda_event (uid, recurrence_id);
CREATE INDEX agenda_event_range ON agenda_event (first_start, series_end);

-- VTIMEZONE definitions as imported (keyed by their TZID), written back on export.
CREATE TABLE agenda_timezone (
  tzid  VARCHAR(500) PRIMARY KEY,
  ics   CLOB NOT NULL
);

-- Reminders and tasks (VTODO). due_at NULL = a task without a due time (never fires).
-- status: PENDING, FIRED, DONE, CANCELLED.
CREATE TABLE reminder (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  uid         VARCHAR(1000) NOT NULL,
  text        VARCHAR(4000) NOT NULL,
  due_at      TIMESTAMP WITH TIME ZONE,
  zone_id     VARCHAR(100) NOT NULL,
  status      VARCHAR(16) NOT NULL,
  ics         CLOB,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX reminder_uid ON reminder (uid);
CREATE INDEX reminder_due ON reminder (status, due_at);

-- The outbox: one row per delivery, written in the transaction that marks the reminder FIRED, so a crash
-- either leaves the reminder PENDING (it fires at the next start) or leaves this row (it is shown then).
-- The primary key makes a second delivery of the same due time impossible. shown_at NULL = not shown yet.
CREATE TABLE reminder_delivery (
  reminder_id  BIGINT NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,
  due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  fired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  missed       BOOLEAN NOT NULL,
  shown_at     TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (reminder_id, due_at)
);

-- Every action taken: when, from where, what changed and what undoes it.
CREATE TABLE activity (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  origin       VARCHAR(16) NOT NULL,
  kind         VARCHAR(32) NOT NULL,
  subject_id   BIGINT NOT NULL,
  summary      VARCHAR(4000) NOT NULL,
  before_json  CLOB,
  after_json   CLOB,
  undoable     BOOLEAN NOT NULL,
  undone_at    TIMESTAMP WITH TIME ZONE,
  undo_of      BIGINT
);
CREATE INDEX activity_at ON activity (at DESC);
