-- Watchdog: samples for the dashboard (tokens/s, time to first token, memory, index size, backups, engine restarts).
CREATE TABLE metric_sample (
  id     BIGINT AUTO_INCREMENT PRIMARY KEY,
  name   VARCHAR(64) NOT NULL,
  at     TIMESTAMP WITH TIME ZONE NOT NULL,
  val    DOUBLE PRECISION NOT NULL,
  label  VARCHAR(200)
);
CREATE INDEX metric_sample_name_at ON metric_sample (name, at);
