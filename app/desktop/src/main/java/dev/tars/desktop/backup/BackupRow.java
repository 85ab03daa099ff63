package dev.tars.desktop.backup;

import dev.tars.backup.BackupState;

/** One line of the Backups table, already in words; {@code status} picks the colour of the state. */
public record BackupRow(String id, String created, String size, BackupState status, String state, String madeBy,
    String details, boolean restorable) {}
