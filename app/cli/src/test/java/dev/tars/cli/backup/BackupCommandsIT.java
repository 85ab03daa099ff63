package dev.tars.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.cli.TarsCli;
import dev.tars.config.AppPaths;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Collections;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The backup commands as a person runs them, wired the way TarsCli will wire them. */
class BackupCommandsIT {
  @TempDir Path home;
  private AppPaths paths;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void dataHomeWithMessages() {
    System.setProperty("tars.home", home.toString());
    paths = new AppPaths(home).ensureCreated();
    try (Database db = TestDatabase.open(paths)) {
      ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
      long c = store.create("kept", "", Sampling.DEFAULTS).id();
      for (int i = 0; i < 20; i++) {
        store.addMessage(c, Role.USER, "message " + i, MessageStatus.COMPLETE);
      }
    }
  }

  @AfterEach
  void clear() {
    System.clearProperty("tars.home");
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = TarsCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String backUp() {
    assertThat(run("backup")).as(out + " " + err).isZero();
    Matcher m = Pattern.compile("Backup (\\S+) written").matcher(out.toString());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void backUpListVerifyAndRestoreFromTheTerminal() throws Exception {
    String first = backUp();
    assertThat(out.toString()).contains("verified");

    assertThat(run("backup", "list")).isZero();
    assertThat(out.toString()).contains(first).contains("verified").contains("manual");

    assertThat(run("backup", "verify", first)).isZero();
    assertThat(out.toString()).contains("is sound").contains("database.rows.MESSAGE: 20");

    try (Database db = TestDatabase.open(paths)) {
      new dev.tars.storage.Jdbc(db.dataSource()).update("DELETE FROM message");
    }
    assertThat(run("backup", "restore", first)).isEqualTo(1);
    assertThat(out.toString()).contains("will replace").contains("Nothing was restored");

    assertThat(run("backup", "restore", first, "--yes")).as(out + " " + err).isZero();
    assertThat(out.toString()).contains("Restored backup " + first);
    try (Database db = TestDatabase.open(paths)) {
      assertThat(new ConversationStore(db.dataSource(), Clock.systemUTC()).messages(1)).hasSize(20);
    }
  }

  @Test
  void aDamagedBackupIsReportedAndNotRestored() throws Exception {
    String id = backUp();
    Path archive = paths.backups().resolve("tars-backup-" + id + ".zip");
    try (RandomAccessFile raf = new RandomAccessFile(archive.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      int b = raf.read();
      raf.seek(raf.length() / 2);
      raf.write(b ^ 0x10);
    }

    assertThat(run("backup", "verify", id)).isEqualTo(1);
    assertThat(out.toString()).contains("DAMAGED").contains("changed after it was written");
    assertThat(run("backup", "restore", id, "--yes")).isEqualTo(1);
    assertThat(err.toString()).startsWith("tars: Backup " + id + " is damaged and will not be restored");
    assertThat(Files.exists(home.resolve("restore-pending.json"))).isFalse();
  }

  @Test
  void aBackupWhoseManifestPointsOutOfTheDataHomeFailsVerifyAndIsNotRestored() throws Exception {
    String id = backUp();
    Path archive = paths.backups().resolve("tars-backup-" + id + ".zip");
    pointDatabaseSourceAt(archive, "../elsewhere");

    assertThat(run("backup", "verify", id)).isEqualTo(1);
    assertThat(out.toString()).contains("DAMAGED").contains("../elsewhere").contains("contains '..'")
        .doesNotContain("is sound");
    assertThat(run("backup", "restore", id, "--yes")).isEqualTo(1);
    assertThat(err.toString()).startsWith("tars: Backup " + id + " is damaged and will not be restored");
    assertThat(home.resolve("restore-pending.json")).doesNotExist();
    assertThat(home.getParent().resolve("elsewhere")).doesNotExist();
  }

  /** Rewrites the manifest of {@code archive} and records the new file's hash, as a forger would. */
  private static void pointDatabaseSourceAt(Path archive, String restorePath) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path crafted = archive.resolveSibling("crafted.tmp");
    try (ZipFile in = new ZipFile(archive.toFile());
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(crafted))) {
      for (ZipEntry entry : Collections.list(in.entries())) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        try (InputStream data = in.getInputStream(entry)) {
          if (entry.getName().equals("manifest.json")) {
            ObjectNode manifest = (ObjectNode) json.readTree(data);
            for (JsonNode source : manifest.withArray("sources")) {
              if (source.get("name").asText().equals("database")) {
                ((ObjectNode) source).put("restorePath", restorePath);
              }
            }
            zip.write(json.writeValueAsBytes(manifest));
          } else {
            data.transferTo(zip);
          }
        }
        zip.closeEntry();
      }
    }
    Files.move(crafted, archive, StandardCopyOption.REPLACE_EXISTING);
    Path statusFile = archive.resolveSibling(archive.getFileName().toString().replace(".zip", ".status.json"));
    ObjectNode status = (ObjectNode) json.readTree(statusFile.toFile());
    status.put("archiveSha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(archive))));
    json.writeValue(statusFile.toFile(), status);
  }

  @Test
  void whileTarsRunsBackupRefusesAndRestoreWaitsForTheNextStart() {
    String id = backUp();
    try (Database running = TestDatabase.open(paths)) {
      assertThat(run("backup")).isEqualTo(1);
      assertThat(err.toString()).contains("tars: Tars is running").doesNotContain("Exception");

      assertThat(run("backup", "restore", id, "--yes")).isZero();
      assertThat(out.toString()).contains("when it next starts");
      assertThat(home.resolve("restore-pending.json")).exists();
    }
  }

  @Test
  void unknownIdsGetAMessageThatSaysWhereToLook() {
    assertThat(run("backup", "verify", "last-tuesday")).isEqualTo(1);
    assertThat(err.toString()).contains("is not a backup id").contains("tars backup list");
    assertThat(run("backup", "list")).isZero();
    assertThat(out.toString()).contains("No backups yet");
  }
}
