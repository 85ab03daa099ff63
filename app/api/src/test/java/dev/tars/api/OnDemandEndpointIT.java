package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The relay's endpoint made on the first connection (decision 1450), over real HTTP on loopback: nothing is made
 * until someone connects, the first request is answered on the same port, and the checks hold as for an endpoint
 * started in advance.
 */
class OnDemandEndpointIT {
  private static final String SECRET = "relay-0123456789abcdefghijklmnopqrstuvwxyz";
  private final AtomicInteger made = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  private Handler makeHandler() {
    made.incrementAndGet();
    return new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        served.incrementAndGet();
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap("passed".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    };
  }

  private static String get(int port, String auth) throws Exception {
    return RawHttp.exchange(port, "GET /relay/info HTTP/1.1\r\nHost: 127.0.0.1:" + port + auth, new byte[0]);
  }

  @Test
  void nothingIsMadeBeforeTheFirstConnectionWhichIsThenServedOnTheSamePort() throws Exception {
    try (OnDemandEndpoint endpoint = OnDemandEndpoint.open("test-relay", SECRET, 1024, this::makeHandler)) {
      Thread.sleep(300);
      assertThat(endpoint.started()).isFalse();
      assertThat(made).hasValue(0);

      String first = get(endpoint.port(), "\r\nAuthorization: Bearer " + SECRET);
      assertThat(RawHttp.status(first)).isEqualTo(200);
      assertThat(RawHttp.body(first)).contains("passed");
      assertThat(endpoint.started()).isTrue();
      assertThat(RawHttp.status(get(endpoint.port(), "\r\nAuthorization: Bearer " + SECRET))).isEqualTo(200);
      assertThat(made).as("the handler is made once").hasValue(1);
      assertThat(served).hasValue(2);
    }
  }

  @Test
  void theFirstConnectionIsCheckedLikeAnyOther() throws Exception {
    try (OnDemandEndpoint endpoint = OnDemandEndpoint.open("test-relay", SECRET, 1024, this::makeHandler)) {
      assertThat(RawHttp.status(get(endpoint.port(), ""))).isEqualTo(401);
      assertThat(RawHttp.status(get(endpoint.port(), "\r\nAuthorization: Bearer " + SECRET
          + "\r\nOrigin: http://localhost:3000"))).isEqualTo(403);
      assertThat(served).hasValue(0);
    }
  }

  @Test
  void closedBeforeAnyConnectionItMakesNothingAndFreesThePort() throws Exception {
    OnDemandEndpoint endpoint = OnDemandEndpoint.open("test-relay", SECRET, 1024, this::makeHandler);
    int port = endpoint.port();
    endpoint.close();
    endpoint.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    assertThat(made).hasValue(0);
  }

  @Test
  void aHandlerThatCannotBeMadeClosesTheWaitingConnectionInsteadOfLeavingItHanging() throws Exception {
    try (OnDemandEndpoint endpoint = OnDemandEndpoint.open("test-relay", SECRET, 1024, () -> {
      throw new IllegalStateException("closing");
    })) {
      long begun = System.nanoTime();
      String response;
      try {
        response = get(endpoint.port(), "\r\nAuthorization: Bearer " + SECRET);
      } catch (java.io.IOException refused) {
        response = "";
      }
      assertThat(RawHttp.status(response)).as("no answer: the connection was closed").isEqualTo(-1);
      assertThat((System.nanoTime() - begun) / 1_000_000).as("ms until the caller knows").isLessThan(5_000);
      assertThat(endpoint.started()).isFalse();
    }
  }
}
