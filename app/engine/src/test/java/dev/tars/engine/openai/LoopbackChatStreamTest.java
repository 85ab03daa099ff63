package dev.tars.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.Sampling;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine child's short path ({@link OpenAiChatEngine.Options#engineChild}) against a raw HTTP/1.1 server on
 * loopback that writes exactly the bytes, and the pauses, each test needs.
 */
class LoopbackChatStreamTest {
  /** What the fake server does with one accepted request. */
  @FunctionalInterface
  private interface Script {
    void answer(String requestHead, OutputStream out) throws Exception;
  }

  private final ExecutorService serverThreads = Executors.newCachedThreadPool(NamedThreads.named("fake-engine"));
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private ServerSocket server;
  private volatile Script script;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    serverThreads.execute(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          socket.setTcpNoDelay(true);
          String head = readRequest(socket.getInputStream());
          requests.add(head);
          script.answer(head, socket.getOutputStream());
        } catch (Exception e) {
          // the client went away, or the test is over
        }
      }
    });
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    serverThreads.shutdownNow();
  }

  private OpenAiChatEngine engine(Duration responseTimeout) {
    return new OpenAiChatEngine(new OpenAiChatEngine.Options(URI.create("http://127.0.0.1:" + server.getLocalPort()),
        "secret-token", "m", true, Duration.ofSeconds(2), responseTimeout, true));
  }

  private static ChatRequest ask() {
    return new ChatRequest(List.of(ChatMessage.user("hello")), new Sampling(0, 1, 16));
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request cut");
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.UTF_8);
    int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
      + "Transfer-Encoding: chunked\r\n\r\n";

  private static byte[] chunk(String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bytes);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String textEvent(String text) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
  }

  /** Writes {@code bytes} in two parts at {@code at}, with a pause so the client reads them apart. */
  private static void writeSplit(OutputStream out, byte[] bytes, int at) throws Exception {
    out.write(bytes, 0, at);
    out.flush();
    Thread.sleep(30);
    out.write(bytes, at, bytes.length - at);
    out.flush();
  }

  @Test
  void eventsAndCharactersSplitAcrossReadsArriveWholeAndInOrder() throws Exception {
    script = (head, out) -> {
      out.write(CHUNKED_HEAD.getBytes(StandardCharsets.US_ASCII));
      byte[] first = chunk(textEvent("Hola"));
      writeSplit(out, first, first.length / 2); // an event cut mid-JSON
      byte[] accented = chunk(textEvent(" caf\u00e9 \ud83d\ude00"));
      int inTheEmoji = new String(accented, StandardCharsets.ISO_8859_1).indexOf("\u00f0") + 2;
      writeSplit(out, accented, inTheEmoji); // a 4-byte character cut after its second byte
      byte[] twoEvents = chunk(textEvent(" y") + textEvent(" adi\u00f3s"));
      writeSplit(out, twoEvents, 4); // the chunk's size line cut
      out.write(chunk("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],"
          + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":4}}\n\n"));
      out.write(chunk("data: [DONE]\n\n"));
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    };
    List<String> deltas = new CopyOnWriteArrayList<>();
    try (OpenAiChatEngine engine = engine(Duration.ofSeconds(5))) {
      Completion completion = engine.generate(ask(), deltas::add).result().get(10, TimeUnit.SECONDS);

      assertThat(completion.error()).isNull();
      assertThat(deltas).containsExactly("Hola", " caf\u00e9 \ud83d\ude00", " y", " adi\u00f3s");
      assertThat(completion.text()).isEqualTo("Hola caf\u00e9 \ud83d\ude00 y adi\u00f3s");
      assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(completion.promptTokens()).isEqualTo(7);
      assertThat(completion.completionTokens()).isEqualTo(4);
    }
    String request = requests.getFirst();
    assertThat(request).startsWith("POST /v1/chat/completions HTTP/1.1\r\n")
        .contains("Authorization: Bearer secret-token\r\n", "Host: 127.0.0.1:" + server.getLocalPort())
        .contains("\"stream\":true", "\"cache_prompt\":true");
  }

  @Test
  void cancelInTheMiddleOfAnEventEndsAtOnceAndKeepsTheTextSoFar() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    script = (head, out) -> {
      out.write(CHUNKED_HEAD.getBytes(StandardCharsets.US_ASCII));
      out.write(chunk(textEvent("one")));
      byte[] half = chunk(textEvent(" two"));
      out.write(half, 0, half.length / 2);
      out.flush();
      released.await(10, TimeUnit.SECONDS); // a token that takes very long
    };
    List<String> deltas = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    try (OpenAiChatEngine engine = engine(Duration.ofSeconds(5))) {
      Generation generation = engine.generate(ask(), text -> {
        deltas.add(text);
        first.countDown();
      });
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(50); // the reader is now blocked on the rest of the second event

      long start = System.nanoTime();
      generation.cancel();
      Completion completion = generation.result().get(2, TimeUnit.SECONDS);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
      assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(completion.error()).isNull();
      assertThat(completion.text()).isEqualTo("one");
      assertThat(deltas).containsExactly("one");
    } finally {
      released.countDown();
    }
  }

  @Test
  void aServerThatDiesMidChunkEndsInAnErrorThatKeepsThePartialAnswer() throws Exception {
    script = (head, out) -> {
      out.write(CHUNKED_HEAD.getBytes(StandardCharsets.US_ASCII));
      out.write(chunk(textEvent("partial")));
      byte[] next = chunk(textEvent(" answer"));
      out.write(next, 0, 10);
      out.flush();
      Thread.sleep(50);
      // the socket closes here, as when the engine process is killed
    };
    try (OpenAiChatEngine engine = engine(Duration.ofSeconds(5))) {
      Completion completion = engine.generate(ask(), text -> {}).result().get(10, TimeUnit.SECONDS);

      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(completion.text()).isEqualTo("partial");
      assertThat(completion.error().getMessage()).contains("partial answer was kept");
    }
  }

  @Test
  void aRefusalIsReadFromItsSizedBody() throws Exception {
    String error = "{\"error\":{\"message\":\"the prompt has 3000 tokens, which does not fit the context window\"}}";
    script = (head, out) -> out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + error.length() + "\r\n\r\n" + error).getBytes(StandardCharsets.US_ASCII));
    try (OpenAiChatEngine engine = engine(Duration.ofSeconds(5))) {
      Completion completion = engine.generate(ask(), text -> {}).result().get(10, TimeUnit.SECONDS);

      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(completion.error().getMessage()).isEqualTo(
          "The engine refused the request (HTTP 400): the prompt has 3000 tokens, which does not fit the context window");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutAndOneThatIsGoneCannotBeReached() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    script = (head, out) -> released.await(10, TimeUnit.SECONDS);
    try (OpenAiChatEngine engine = engine(Duration.ofMillis(300))) {
      Completion completion = engine.generate(ask(), text -> {}).result().get(10, TimeUnit.SECONDS);

      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(completion.error().getMessage()).contains("did not answer in time");
    } finally {
      released.countDown();
    }

    server.close();
    try (OpenAiChatEngine engine = engine(Duration.ofSeconds(5))) {
      Completion completion = engine.generate(ask(), text -> {}).result().get(10, TimeUnit.SECONDS);

      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(completion.error().getMessage()).contains("Cannot reach the engine");
    }
  }

  @Test
  void onlyAnHttpUrlOfThisMachineMayTakeTheShortPath() {
    assertThatThrownBy(() -> OpenAiChatEngine.Options.engineChild(URI.create("https://127.0.0.1:8080"), "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    assertThatThrownBy(() -> OpenAiChatEngine.Options.engineChild(URI.create("http://10.1.2.3:8080"), "k"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OpenAiChatEngine.Options.engineChild(URI.create("http://127.0.0.1:8080"), "k").loopbackStream())
        .isTrue();
    assertThat(OpenAiChatEngine.Options.llamaCpp(URI.create("http://127.0.0.1:8080"), "k").loopbackStream())
        .isFalse();
  }
}
