package dev.tars.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {
  @TempDir Path dir;

  @Test
  void aDoubleClickedModelFileIsOfferedWithoutSmokeMode() throws IOException {
    Path model = Files.writeString(dir.resolve("My Model.Q8_0.GGUF"), "GGUF");

    LaunchOptions options = LaunchOptions.parse(List.of(model.toString()));

    assertThat(options.smoke()).isFalse();
    assertThat(options.model()).isEqualTo(model);
  }

  @Test
  void aModelPathThatIsNoLongerThereIsIgnored() {
    LaunchOptions options = LaunchOptions.parse(List.of(dir.resolve("gone.gguf").toString()));

    assertThat(options.model()).isNull();
  }

  @Test
  void smokeWithAModelAsksItAndSmokeAloneOnlyOpensTheWindow() {
    assertThat(LaunchOptions.parse(List.of("--smoke", "--model", "tiny.gguf")))
        .isEqualTo(new LaunchOptions(true, Path.of("tiny.gguf")));
    assertThat(LaunchOptions.parse(List.of("--smoke"))).isEqualTo(new LaunchOptions(true, null));
  }

  @Test
  void noArgumentsMeanAnOrdinaryStart() {
    assertThat(LaunchOptions.parse(List.of())).isEqualTo(LaunchOptions.NONE);
  }
}
