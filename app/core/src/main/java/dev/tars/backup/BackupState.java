package dev.tars.backup;

/** What is known about an archive. Only {@link #VERIFIED} archives are offered for restore. */
public enum BackupState {
  /** Written completely (atomic rename after fsync) but not checked yet. */
  UNVERIFIED,
  /** Every entry matched its hash and the database and indexes opened. */
  VERIFIED,
  /** Damaged or unreadable; never restored. */
  FAILED
}
