package dev.tars.knowledge.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.CheckResult;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexCheckerTest {
  @TempDir Path dir;

  private void writeIndex(int chunks) {
    try (KnowledgeIndex index = new KnowledgeIndex(dir)) {
      for (int i = 0; i < chunks; i++) {
        float[] v = new float[4];
        v[i % 4] = 1;
        index.replace(i, 1, "doc" + i, List.of(new IndexedChunk(new Chunk(0, 0, 0, 10, "text number " + i), v)));
      }
      index.optimize();
    }
  }

  @Test
  void aSoundIndexPassesWithItsDocumentCount() {
    writeIndex(20);

    CheckResult result = new LuceneIndexChecker().check(dir);

    assertThat(result.problems()).isEmpty();
    assertThat(result.facts()).containsEntry("documents", 20L);
  }

  @Test
  void aDamagedSegmentFileIsReported() throws Exception {
    writeIndex(20);
    Path largest;
    try (Stream<Path> files = Files.list(dir)) {
      largest = files.filter(f -> !f.getFileName().toString().equals("write.lock"))
          .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 0x40);
    }

    CheckResult result = new LuceneIndexChecker().check(dir);

    assertThat(result.passed()).isFalse();
    assertThat(result.problems().get(0)).startsWith("The index copy");
  }

  @Test
  void anEmptyFolderIsAnEmptyIndex() {
    assertThat(new LuceneIndexChecker().check(dir).facts()).containsEntry("documents", 0L);
  }

  @Test
  void aWriterWithoutSnapshotPolicyIsRefusedWithTheFixInTheMessage() throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LuceneBackupSource("x", "x", writer))
          .hasMessageContaining("setIndexDeletionPolicy(LuceneBackupSource.deletionPolicy())");
    }
  }
}
