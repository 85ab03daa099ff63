package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The private endpoint of the MCP relay keeps the local API's guards, over real HTTP on loopback. */
class LoopbackEndpointIT {
  private static final String SECRET = "relay-0123456789abcdefghijklmnopqrstuvwxyz";
  private final AtomicInteger served = new AtomicInteger();
  private LoopbackEndpoint endpoint;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Handler echo = new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        served.incrementAndGet();
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap("passed".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    };
    endpoint = LoopbackEndpoint.start("test-relay", SECRET, 1024, echo);
    port = endpoint.port();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private String get(String headers) throws Exception {
    return RawHttp.exchange(port, "GET /relay/info HTTP/1.1\r\n" + headers, new byte[0]);
  }

  @Test
  void theRightSecretFromThisComputerReachesTheHandler() throws Exception {
    String response = get("Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + SECRET);
    assertThat(RawHttp.status(response)).isEqualTo(200);
    assertThat(RawHttp.body(response)).contains("passed");
    assertThat(get("Host: localhost:" + port + "\r\nAuthorization: Bearer " + SECRET)).startsWith("HTTP/1.1 200");
  }

  @Test
  void aMissingOrWrongSecretIsRefused() throws Exception {
    assertThat(RawHttp.status(get("Host: 127.0.0.1:" + port))).isEqualTo(401);
    assertThat(RawHttp.status(get("Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + SECRET + "x")))
        .isEqualTo(401);
    assertThat(served).hasValue(0);
  }

  @Test
  void aWebPageOrARebindingNameIsRefusedEvenWithTheSecret() throws Exception {
    String auth = "\r\nAuthorization: Bearer " + SECRET;
    assertThat(RawHttp.status(get("Host: 127.0.0.1:" + port + auth + "\r\nOrigin: http://localhost:3000")))
        .isEqualTo(403);
    assertThat(RawHttp.status(get("Host: evil.example:" + port + auth))).isEqualTo(421);
    assertThat(RawHttp.status(get("Host: 127.0.0.1:1" + auth))).isEqualTo(421);
    assertThat(served).hasValue(0);
  }

  @Test
  void aBodyOverTheLimitIsRefused() throws Exception {
    byte[] body = "x".repeat(2048).getBytes(StandardCharsets.UTF_8);
    String response = RawHttp.exchange(port, "POST /relay/read HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nAuthorization: Bearer " + SECRET + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length, body);
    assertThat(RawHttp.status(response)).isEqualTo(413);
    assertThat(served).hasValue(0);
  }
}
