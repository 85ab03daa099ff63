package dev.tars.knowledge.backup;

import dev.tars.backup.AbstractBackupSource;
import dev.tars.backup.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexDeletionPolicy;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * A Lucene index as a backup source. The snapshot pins the last commit through the writer's
 * {@link SnapshotDeletionPolicy}, so the writer keeps indexing and committing while the files of that commit
 * are copied; releasing the snapshot lets the writer delete them. Works with any {@link IndexWriter} whose
 * config was built with {@link #deletionPolicy()}.
 */
public final class LuceneBackupSource extends AbstractBackupSource {
  public static final String KIND = "lucene";

  private final IndexWriter writer;
  private final SnapshotDeletionPolicy policy;

  /**
   * @param restorePath the index folder relative to the data home, e.g. {@code knowledge/index}
   * @throws IllegalArgumentException when the writer was not configured with a snapshot deletion policy
   */
  public LuceneBackupSource(String name, String restorePath, IndexWriter writer) {
    super(name, KIND, restorePath);
    IndexDeletionPolicy configured = writer.getConfig().getIndexDeletionPolicy();
    if (!(configured instanceof SnapshotDeletionPolicy snapshots)) {
      throw new IllegalArgumentException("The index writer of " + name + " needs IndexWriterConfig"
          + ".setIndexDeletionPolicy(LuceneBackupSource.deletionPolicy()) to be backed up while it writes");
    }
    this.writer = writer;
    this.policy = snapshots;
  }

  /** The deletion policy to configure on the writer: Lucene's default, plus snapshots. */
  public static SnapshotDeletionPolicy deletionPolicy() {
    return new SnapshotDeletionPolicy(new org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy());
  }

  /** Stored fields are already compressed by Lucene and vectors do not shrink: deflating costs CPU for little. */
  @Override
  public boolean compressible() {
    return false;
  }

  /** The generation of the last commit: it grows with every commit. */
  @Override
  public String changeToken() {
    try {
      return Long.toString(SegmentInfos.getLastCommitGeneration(writer.getDirectory()));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public Snapshot snapshot(Path scratch) throws IOException {
    IndexCommit commit;
    try {
      commit = policy.snapshot();
    } catch (IllegalStateException e) {
      // No commit yet: an empty index has nothing to back up.
      return new Files(null, List.of());
    }
    List<String> files = new ArrayList<>(commit.getFileNames());
    files.sort(null);
    return new Files(commit, files);
  }

  private final class Files implements Snapshot {
    private final IndexCommit commit;
    private final List<String> files;

    Files(IndexCommit commit, List<String> files) {
      this.commit = commit;
      this.files = List.copyOf(files);
    }

    @Override
    public List<String> files() {
      return files;
    }

    @Override
    public InputStream open(String file) throws IOException {
      return new IndexInputStream(commit.getDirectory(), file);
    }

    @Override
    public void close() throws IOException {
      if (commit != null) {
        policy.release(commit);
        writer.deleteUnusedFiles();
      }
    }
  }

  /** Reads one index file through the {@link Directory}, so any directory implementation works. */
  private static final class IndexInputStream extends InputStream {
    private final IndexInput input;

    IndexInputStream(Directory directory, String file) throws IOException {
      this.input = directory.openInput(file, IOContext.READONCE);
    }

    @Override
    public int read() throws IOException {
      return remaining() > 0 ? input.readByte() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long left = remaining();
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      input.readBytes(b, off, n);
      return n;
    }

    private long remaining() {
      return input.length() - input.getFilePointer();
    }

    @Override
    public void close() throws IOException {
      input.close();
    }
  }
}
