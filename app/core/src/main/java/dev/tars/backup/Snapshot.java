package dev.tars.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A frozen set of files taken by a {@link BackupSource}. Closing it releases what held the files still. */
public interface Snapshot extends AutoCloseable {

  /** Relative file names with {@code /} separators, in a stable order. */
  List<String> files();

  /** Opens one of {@link #files()} for reading. */
  InputStream open(String file) throws IOException;

  @Override
  void close() throws IOException;
}
