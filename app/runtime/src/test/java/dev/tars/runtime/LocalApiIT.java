package dev.tars.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.AppSettings;
import dev.tars.engine.EngineException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local API as the Settings switch drives it, over real loopback sockets. */
class LocalApiIT {
  @TempDir Path home;

  @Test
  void aPortTakenByAnotherProgramMovesToTheNextFreeOneAndSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        LocalApi api = new LocalApi(home, home.resolve("logs"), () -> {
          throw new EngineException("No model in this test.");
        }, null, null, null)) {
      int port = taken.getLocalPort();
      api.apply(AppSettings.DEFAULTS.withApiServer(true, port)).get();

      assertThat(api.status().state()).isEqualTo(LocalApi.State.SERVING);
      assertThat(api.status().port()).isNotEqualTo(port);
      assertThat(api.status().askedPort()).isEqualTo(port);
    }
  }
}
