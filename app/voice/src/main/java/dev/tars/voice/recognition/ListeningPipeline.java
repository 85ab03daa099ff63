package dev.tars.voice.recognition;

import dev.tars.concurrent.NamedThreads;
import dev.tars.voice.VoiceException;
import dev.tars.voice.audio.AudioSource;
import dev.tars.voice.audio.SpeechAudio;
import dev.tars.voice.audio.WavFileSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one streaming path from an {@link AudioSource} to a {@link SpeechRecognizer}: a capture thread reads the
 * source in tenth-of-a-second blocks (and measures their level), a recognition thread feeds them to the
 * recognizer. Microphones and files go through it alike, so what the tests measure on files is what a person gets
 * from the microphone. The bounded queue between the two absorbs a recognizer that briefly falls behind.
 */
public final class ListeningPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ListeningPipeline.class);
  private static final int BLOCK_SAMPLES = SpeechAudio.SAMPLE_RATE / 10;
  private static final int QUEUE_BLOCKS = 100;
  private static final short[] END = new short[0];
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final ExecutorService capture = Executors.newCachedThreadPool(NamedThreads.named("voice-capture"));
  private final ExecutorService recognition = Executors.newCachedThreadPool(NamedThreads.named("voice-recognize"));

  /** Starts capturing {@code source} into {@code recognizer}. The pipeline closes the source when done. */
  public Listening start(AudioSource source, SpeechRecognizer recognizer, ListeningListener listener) {
    Run run = new Run(source, recognizer, listener);
    try {
      recognition.execute(run::recognize);
      capture.execute(run::capture);
    } catch (RejectedExecutionException e) {
      source.close();
      throw new VoiceException("Voice input has been shut down; restart Tars to use it again.", e);
    }
    return run;
  }

  /** Transcribes a whole audio file through the streaming path; blocks until done. */
  public Transcript transcribe(Path audioFile, SpeechRecognizer recognizer, ListeningListener listener) {
    Listening listening = start(WavFileSource.open(audioFile), recognizer, listener);
    try {
      return listening.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    capture.shutdownNow();
    recognition.shutdownNow();
    try {
      if (!capture.awaitTermination(2, TimeUnit.SECONDS) || !recognition.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.warn("Voice threads still busy after shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Run implements Listening {
    private final AudioSource source;
    private final SpeechRecognizer recognizer;
    private final ListeningListener listener;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final AtomicLong stoppedAt = new AtomicLong();
    private volatile boolean cancelled;
    private volatile boolean recognitionOver;

    Run(AudioSource source, SpeechRecognizer recognizer, ListeningListener listener) {
      this.source = source;
      this.recognizer = recognizer;
      this.listener = listener;
    }

    void capture() {
      try {
        while (!cancelled && !recognitionOver) {
          short[] block = new short[BLOCK_SAMPLES];
          int n = source.read(block, 0, block.length);
          if (n < 0) {
            break;
          }
          if (n == 0) {
            continue;
          }
          listener.onLevel(SpeechAudio.level(block, n));
          hand(n == block.length ? block : Arrays.copyOf(block, n));
        }
        stoppedAt.compareAndSet(0, System.nanoTime());
        hand(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        offerFailure(new CancellationException("Voice input shut down"));
      } catch (RuntimeException e) {
        offerFailure(e);
      } finally {
        source.close();
        listener.onLevel(0);
      }
    }

    /** Like {@code put}, but gives up once recognition has ended, so a failed recognizer never strands capture. */
    private void hand(short[] block) throws InterruptedException {
      while (!recognitionOver && !queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
        // waiting for the recognizer to catch up
      }
    }

    private void offerFailure(Exception e) {
      queue.clear();
      if (!queue.offer(e)) {
        result.completeExceptionally(e);
      }
    }

    void recognize() {
      long audioSamples = 0;
      long busyNanos = 0;
      long cpuStart = CPU.getCurrentThreadCpuTime();
      try (RecognitionSession session = recognizer.startSession(listener::onPartial)) {
        while (true) {
          Object item = queue.take();
          if (cancelled) {
            result.cancel(false);
            return;
          }
          if (item instanceof RuntimeException e) {
            throw e;
          }
          if (item instanceof Exception e) {
            throw new CompletionException(e);
          }
          short[] block = (short[]) item;
          long t0 = System.nanoTime();
          if (block == END) {
            String text = session.finish();
            long now = System.nanoTime();
            busyNanos += now - t0;
            Duration finishing = Duration.ofNanos(now - stoppedAt.get());
            Duration cpu = Duration.ofNanos(Math.max(0, CPU.getCurrentThreadCpuTime() - cpuStart));
            result.complete(new Transcript(text, SpeechAudio.durationOf(audioSamples), Duration.ofNanos(busyNanos),
                cpu, finishing));
            return;
          }
          session.accept(block, block.length);
          busyNanos += System.nanoTime() - t0;
          audioSamples += block.length;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.cancel(false);
      } catch (RuntimeException e) {
        if (!(e instanceof VoiceException) && !(e instanceof CancellationException)) {
          LOG.warn("Recognition of {} failed", source.description(), e);
        }
        result.completeExceptionally(e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
      } finally {
        recognitionOver = true;
        queue.clear();
        if (!result.isDone()) {
          result.cancel(false);
        }
        source.stop();
      }
    }

    @Override
    public void stop() {
      stoppedAt.compareAndSet(0, System.nanoTime());
      source.stop();
    }

    @Override
    public void cancel() {
      cancelled = true;
      source.stop();
      queue.offer(END);
      result.cancel(false);
    }

    @Override
    public CompletableFuture<Transcript> result() {
      return result;
    }
  }
}
