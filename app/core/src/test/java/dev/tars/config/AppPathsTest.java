package dev.tars.config;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tars.files.PrivateFiles;
import dev.tars.storage.Database;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPathsTest {
  @Test
  void tarsHomeOverridesTheOsDefault() {
    assertThat(AppPaths.resolve(null, Map.of("TARS_HOME", "/data/t"), "Linux", "/home/ann").home())
        .isEqualTo(Path.of("/data/t"));
  }

  @Test
  void linuxFollowsXdgDataHome() {
    assertThat(AppPaths.resolve(null, Map.of("XDG_DATA_HOME", "/x"), "Linux", "/home/ann").home())
        .isEqualTo(Path.of("/x/tars"));
    assertThat(AppPaths.resolve(null, Map.of(), "Linux", "/home/ann").home())
        .isEqualTo(Path.of("/home/ann/.local/share/tars"));
  }

  @Test
  void windowsAndMacUseTheirConventionalPlaces() {
    assertThat(AppPaths.resolve(null, Map.of("APPDATA", "/C/Users/ann/AppData/Roaming"), "Windows 11", "/C/Users/ann")
        .home()).isEqualTo(Path.of("/C/Users/ann/AppData/Roaming/Tars"));
    assertThat(AppPaths.resolve(null, Map.of(), "Mac OS X", "/Users/ann").home())
        .isEqualTo(Path.of("/Users/ann/Library/Application Support/Tars"));
  }

  @Test
  void aNewDataHomeAndItsDatabaseAreOwnerOnly(@TempDir Path base) throws Exception {
    assumeTrue(PrivateFiles.posix(base), "POSIX file modes only");
    AppPaths paths = new AppPaths(base.resolve("new-home")).ensureCreated();
    try (Database db = Database.open(paths.database())) {
      assertThat(db.file()).isNotNull();
    }

    assertThat(mode(paths.home())).isEqualTo("rwx------");
    assertThat(mode(paths.logs())).isEqualTo("rwx------");
    assertThat(mode(Path.of(paths.database() + ".mv.db"))).isEqualTo("rw-------");
  }

  @Test
  void anOpenDataHomeIsTightenedWithoutTouchingWhatLinksLeadTo(@TempDir Path base) throws Exception {
    assumeTrue(PrivateFiles.posix(base), "POSIX file modes only");
    Path home = Files.createDirectories(base.resolve("home/models"));
    Path model = Files.writeString(home.resolve("m.gguf"), "weights");
    Path tool = Files.writeString(home.resolve("run.sh"), "#!/bin/sh");
    Path outside = Files.writeString(base.resolve("outside.txt"), "not Tars's");
    Files.createSymbolicLink(home.resolve("outside-link"), outside);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-rw-r--"));
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));

    new AppPaths(base.resolve("home")).ensureCreated();

    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(model)).isEqualTo("rw-------");
    assertThat(mode(tool)).as("the owner keeps what it had").isEqualTo("rwx------");
    assertThat(mode(outside)).isEqualTo("rw-r--r--");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
