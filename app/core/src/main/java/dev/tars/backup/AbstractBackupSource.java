package dev.tars.backup;

/**
 * What every {@link BackupSource} is told when it is made: its folder in the archive, the kind of files it holds
 * and the folder of the data home a restore replaces. Subclasses add how they snapshot their data.
 */
public abstract class AbstractBackupSource implements BackupSource {
  private final String name;
  private final String kind;
  private final String restorePath;

  protected AbstractBackupSource(String name, String kind, String restorePath) {
    this.name = name;
    this.kind = kind;
    this.restorePath = restorePath;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final String restorePath() {
    return restorePath;
  }
}
