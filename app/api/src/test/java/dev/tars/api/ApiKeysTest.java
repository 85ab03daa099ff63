package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir Path home;

  @Test
  void keyIsCreatedOnceOwnerOnlyAndReadBackUnchanged() throws Exception {
    Path file = ApiKeys.defaultFile(home);

    String first = ApiKeys.loadOrCreate(file);
    String again = ApiKeys.loadOrCreate(file);

    assertThat(first).startsWith("tars-").hasSizeGreaterThanOrEqualTo(45).isEqualTo(again);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aKeyFileReadableByOthersIsTightened() throws Exception {
    Path file = ApiKeys.defaultFile(home);
    Files.writeString(file, "tars-a-key-someone-wrote-by-hand\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(ApiKeys.loadOrCreate(file)).isEqualTo("tars-a-key-someone-wrote-by-hand");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void anEmptyKeyFileSaysHowToRecover() throws Exception {
    Path file = ApiKeys.defaultFile(home);
    Files.writeString(file, "\n");

    assertThatThrownBy(() -> ApiKeys.loadOrCreate(file)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("Delete it");
  }
}
