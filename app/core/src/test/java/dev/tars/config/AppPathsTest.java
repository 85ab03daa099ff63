package dev.tars.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
