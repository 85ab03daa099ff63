package dev.tars.desktop.backup;

/** One line of the Backups table, already in words. */
public record BackupRow(String id, String created, String size, String state, String madeBy, String details,
    boolean restorable) {}
