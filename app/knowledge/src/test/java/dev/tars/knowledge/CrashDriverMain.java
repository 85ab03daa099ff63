package dev.tars.knowledge;

import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.util.List;

/** Child process for {@link CrashRecoveryIT}: ingests a folder and reports each indexed document, until killed. */
public final class CrashDriverMain {
  private CrashDriverMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Path docs = Path.of(args[1]);
    Database db = TestDatabase.open(home);
    OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, Path.of(args[2]), 2);
    KnowledgeService service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
        new KnowledgeIndex(home.resolve("index")), embedder,
        new DocumentParser(null), Chunker.standard(), 2);
    service.addListener(new IngestListener() {
      @Override
      public void documentChanged(DocumentInfo document) {
        if (document.status() == DocumentStatus.INDEXED) {
          System.out.println("@@indexed " + document.id());
          System.out.flush();
        }
      }
    });
    service.add("Docs", List.of(docs));
    System.out.println("@@added");
    System.out.flush();
    service.start();
    Thread.sleep(Long.MAX_VALUE);
  }
}
