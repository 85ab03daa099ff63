package dev.tars.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.cli.CliHome;
import dev.tars.config.AppPaths;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import java.io.InputStream;
import java.io.RandomAccessFile;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The backup commands as a person runs them, wired the way TarsCli will wire them. */
class BackupCommandsIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home);
  private AppPaths paths;

  @BeforeEach
  void dataHomeWithMessages() {
    paths = cli.paths();
    try (Database db = cli.openDatabase()) {
      ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
      long c = store.create("kept", "", Sampling.DEFAULTS).id();
      for (int i = 0; i < 20; i++) {
        store.addMessage(c, Role.USER, "message " + i, MessageStatus.COMPLETE);
      }
    }
  }

  private String backUp() {
    assertThat(cli.tars("backup")).as(cli.out() + " " + cli.err()).isZero();
    Matcher m = Pattern.compile("Backup (\\S+) written").matcher(cli.out());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void backUpListVerifyAndRestoreFromTheTerminal() throws Exception {
    String first = backUp();
    assertThat(cli.out()).contains("verified");

    assertThat(cli.tars("backup", "list")).isZero();
    assertThat(cli.out()).contains(first).contains("verified").contains("manual");

    assertThat(cli.tars("backup", "verify", first)).isZero();
    assertThat(cli.out()).contains("is sound").contains("database.rows.MESSAGE: 20");

    try (Database db = cli.openDatabase()) {
      new dev.tars.storage.Jdbc(db.dataSource()).update("DELETE FROM message");
    }
    assertThat(cli.tars("backup", "restore", first)).isEqualTo(1);
    assertThat(cli.out()).contains("will replace").contains("Nothing was restored");

    assertThat(cli.tars("backup", "restore", first, "--yes")).as(cli.out() + " " + cli.err()).isZero();
    assertThat(cli.out()).contains("Restored backup " + first);
    try (Database db = cli.openDatabase()) {
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

    assertThat(cli.tars("backup", "verify", id)).isEqualTo(1);
    assertThat(cli.out()).contains("DAMAGED").contains("changed after it was written");
    assertThat(cli.tars("backup", "restore", id, "--yes")).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: Backup " + id + " is damaged and will not be restored");
    assertThat(Files.exists(home.resolve("restore-pending.json"))).isFalse();
  }

  @Test
  void aBackupWhoseManifestPointsOutOfTheDataHomeFailsVerifyAndIsNotRestored() throws Exception {
    String id = backUp();
    Path archive = paths.backups().resolve("tars-backup-" + id + ".zip");
    pointDatabaseSourceAt(archive, "../elsewhere");

    assertThat(cli.tars("backup", "verify", id)).isEqualTo(1);
    assertThat(cli.out()).contains("DAMAGED").contains("../elsewhere").contains("contains '..'")
        .doesNotContain("is sound");
    assertThat(cli.tars("backup", "restore", id, "--yes")).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: Backup " + id + " is damaged and will not be restored");
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
    try (Database running = cli.openDatabase()) {
      assertThat(cli.tars("backup")).isEqualTo(1);
      assertThat(cli.err()).contains("tars: Tars is running").doesNotContain("Exception");

      assertThat(cli.tars("backup", "restore", id, "--yes")).isZero();
      assertThat(cli.out()).contains("when it next starts");
      assertThat(home.resolve("restore-pending.json")).exists();
    }
  }

  @Test
  void unknownIdsGetAMessageThatSaysWhereToLook() {
    assertThat(cli.tars("backup", "verify", "last-tuesday")).isEqualTo(1);
    assertThat(cli.err()).contains("is not a backup id").contains("tars backup list");
    assertThat(cli.tars("backup", "list")).isZero();
    assertThat(cli.out()).contains("No backups yet");
  }
}
