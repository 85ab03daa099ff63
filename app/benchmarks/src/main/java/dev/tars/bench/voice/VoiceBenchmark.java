package dev.tars.bench.voice;

import dev.tars.voice.audio.PacedSource;
import dev.tars.voice.audio.SpeechAudio;
import dev.tars.voice.audio.WavFileSource;
import dev.tars.voice.audio.WavWriter;
import dev.tars.voice.readaloud.ReadAloud;
import dev.tars.voice.readaloud.ReadAloudListener;
import dev.tars.voice.recognition.ListeningListener;
import dev.tars.voice.recognition.ListeningPipeline;
import dev.tars.voice.recognition.RecognitionListener;
import dev.tars.voice.recognition.RecognitionSession;
import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.recognition.Transcript;
import dev.tars.voice.recognition.WordErrorRate;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxModel;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxRecognizer;
import dev.tars.voice.synthesis.VoiceOptions;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import dev.tars.voice.audio.AudioOutput;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Voice figures: recognition real-time factor, key-release-to-final-text latency for a 3-second utterance, and
 * time to first audio when reading a streamed answer aloud. Run with {@code ./tars bench} (or
 * {@code ./mvnw -q -Pbench -pl app/benchmarks -am verify -DskipTests}). {@code -Dvoice.bench.explore=true} also
 * compares PocketSphinx decoder settings. Real engines throughout: FreeTTS speaks, PocketSphinx listens.
 */
public final class VoiceBenchmark {
  /** The sentences of the recognizer contract test (SpeechRecognizerContract), for the same WER figure. */
  private static final List<String> SENTENCES = List.of(
      "The quick brown fox jumps over the lazy dog.",
      "Please open the window before you leave.",
      "I would like a cup of coffee with milk.",
      "The weather today is sunny and warm.",
      "Turn off the lights in the kitchen.",
      "What time is the meeting tomorrow morning?",
      "Send a message to my brother about dinner.",
      "How many people live in the city?");

  private record Spoken(String text, Path wav, short[] samples) {}
  private static final int RUNS = 5;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final String UTTERANCE = "Please remind me to call my brother tomorrow morning.";

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("tars-voice-bench");
    System.out.printf(Locale.ROOT, "Voice benchmark (%d cores, load average %.1f at start, median of %d runs)%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), RUNS);
    System.out.println("Wall-clock figures grow with whatever else runs; the CPU figures do not.");
    List<Spoken> sentences;
    Spoken utterance;
    try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.load()) {
      sentences = speak(tts, SENTENCES, dir);
      utterance = threeSeconds(tts, dir);
      System.out.printf(Locale.ROOT, "utterance: \"%s\", %.2f s of audio%n", UTTERANCE,
          utterance.samples().length / (double) SpeechAudio.SAMPLE_RATE);
      readAloud(tts);
    }
    List<List<String>> tunings = new ArrayList<>();
    tunings.add(PocketSphinxRecognizer.defaultTuning());
    if (Boolean.getBoolean("voice.bench.explore")) {
      tunings.add(List.of());
      tunings.add(List.of("-fwdflat", "no", "-bestpath", "no"));
      tunings.add(List.of("-fwdflat", "no", "-pl_window", "5"));
      tunings.add(List.of("-fwdflat", "no", "-ds", "2"));
    }
    for (List<String> tuning : tunings) {
      recognition(dir, tuning, sentences, utterance);
    }
  }

  private static Spoken threeSeconds(FreeTtsSynthesizer tts, Path dir) {
    short[] speech = tts.synthesize(UTTERANCE, VoiceOptions.DEFAULTS);
    short[] padded = withSilence(speech, 0.15);
    Path wav = dir.resolve("utterance.wav");
    WavWriter.write(wav, padded);
    return new Spoken(UTTERANCE, wav, padded);
  }

  private static void recognition(Path dir, List<String> tuning, List<Spoken> sentences, Spoken utterance)
      throws Exception {
    long loadStart = System.nanoTime();
    try (SpeechRecognizer recognizer = PocketSphinxRecognizer.load(PocketSphinxModel.debianEnglish(),
        dir.resolve("ps.log"), tuning); ListeningPipeline pipeline = new ListeningPipeline()) {
      double loadMs = (System.nanoTime() - loadStart) / 1e6;
      for (int i = 0; i < 3; i++) {
        pipeline.transcribe(utterance.wav(), recognizer, ListeningListener.NONE);
      }
      int errors = 0;
      int words = 0;
      for (Spoken s : sentences) {
        Transcript t = pipeline.transcribe(s.wav(), recognizer, ListeningListener.NONE);
        errors += WordErrorRate.errors(s.text(), t.text());
        words += WordErrorRate.words(s.text()).size();
      }
      double[] rtf = new double[RUNS];
      double[] cpuRtf = new double[RUNS];
      double[] direct = new double[RUNS];
      double[] release = new double[RUNS];
      double[] releaseCpu = new double[RUNS];
      String text = "";
      for (int i = 0; i < RUNS; i++) {
        Transcript offline = pipeline.transcribe(utterance.wav(), recognizer, ListeningListener.NONE);
        rtf[i] = offline.realTimeFactor();
        cpuRtf[i] = offline.cpuRealTimeFactor();
        direct[i] = directRealTimeFactor(recognizer, utterance.samples());
        releaseCpu[i] = workAfterReleaseCpuMillis(recognizer, utterance.samples());
        Transcript live = pipeline.start(new PacedSource(WavFileSource.open(utterance.wav())), recognizer,
            ListeningListener.NONE).result().get(30, TimeUnit.SECONDS);
        release[i] = live.finishing().toNanos() / 1e6;
        text = live.text();
      }
      System.out.printf(Locale.ROOT, "%n%s %s (load %.0f ms)%n", recognizer.name(),
          tuning.isEmpty() ? "[decoder defaults]" : tuning, loadMs);
      System.out.printf(Locale.ROOT, "  WER on %d FreeTTS sentences: %.1f%% (%d/%d words)%n", sentences.size(),
          100.0 * errors / words, errors, words);
      System.out.printf(Locale.ROOT, "  real-time factor, streaming path: wall %.3f, CPU %.3f   (target <= 0.25)%n",
          median(rtf), median(cpuRtf));
      System.out.printf(Locale.ROOT, "  real-time factor, one native call (reference): %.3f   pipeline/ref = %.2f%n",
          median(direct), median(rtf) / median(direct));
      System.out.printf(Locale.ROOT, "  key release -> final text, live 3 s utterance: %.0f ms   (target <= 300 ms)"
          + "  [min %.0f, max %.0f]%n", median(release), Arrays.stream(release).min().orElse(0),
          Arrays.stream(release).max().orElse(0));
      System.out.printf(Locale.ROOT, "  key release -> final text, engine CPU work left at release (last 100 ms block +"
          + " finish): %.0f ms   (target <= 300 ms)%n", median(releaseCpu));
      System.out.printf(Locale.ROOT, "  heard: \"%s\"%n", text);
    }
  }

  /**
   * What the recognizer still has to do when the key comes up, if it kept pace with the speech until then: the
   * last captured block and the final search. CPU time of this thread, so other programs on the machine do not
   * count.
   */
  private static double workAfterReleaseCpuMillis(SpeechRecognizer recognizer, short[] samples) {
    int block = SpeechAudio.SAMPLE_RATE / 10;
    int head = samples.length - block;
    try (RecognitionSession session = recognizer.startSession(RecognitionListener.NONE)) {
      for (int at = 0; at < head; at += block) {
        session.accept(Arrays.copyOfRange(samples, at, Math.min(head, at + block)), Math.min(block, head - at));
      }
      long start = CPU.getCurrentThreadCpuTime();
      session.accept(Arrays.copyOfRange(samples, head, samples.length), samples.length - head);
      session.finish();
      return (CPU.getCurrentThreadCpuTime() - start) / 1e6;
    }
  }

  /** The engine alone: the whole utterance in one call, no threads, no conversion. */
  private static double directRealTimeFactor(SpeechRecognizer recognizer, short[] samples) {
    long start = System.nanoTime();
    try (RecognitionSession session = recognizer.startSession(RecognitionListener.NONE)) {
      session.accept(samples, samples.length);
      session.finish();
    }
    return (System.nanoTime() - start) / 1e9 / (samples.length / (double) SpeechAudio.SAMPLE_RATE);
  }

  /**
   * A streamed answer at 20 tokens a second (a small local model on two cores); time from the token that ends the
   * first sentence to the first audio reaching the (real-time) output.
   */
  private static void readAloud(FreeTtsSynthesizer tts) throws Exception {
    List<String> tokens = List.of("The", " capital", " of", " France", " is", " Paris", ",", " a", " city", " of",
        " about", " two", " million", " people", ".", " It", " lies", " on", " the", " Seine", ".");
    int firstFullStop = tokens.indexOf(".");
    double[] fromSentenceEnd = new double[RUNS + 2];
    for (int run = 0; run < RUNS + 2; run++) {
      RecordingOutput speaker = new RecordingOutput();
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      AtomicLong firstEndNanos = new AtomicLong();
      try (ReadAloud readAloud = new ReadAloud(tts, () -> speaker, VoiceOptions.DEFAULTS)) {
        ReadAloud.Reading reading = readAloud.begin(new ReadAloudListener() {
          @Override
          public void onFinished(boolean stopped) {
            done.complete(stopped);
          }
        });
        for (int i = 0; i < tokens.size(); i++) {
          if (i == firstFullStop) {
            firstEndNanos.set(System.nanoTime());
          }
          reading.append(tokens.get(i));
          Thread.sleep(50);
        }
        reading.complete();
        done.get(60, TimeUnit.SECONDS);
        fromSentenceEnd[run] = (speaker.firstPlayNanos() - firstEndNanos.get()) / 1e6;
      }
    }
    double[] measured = Arrays.copyOfRange(fromSentenceEnd, 2, fromSentenceEnd.length);
    System.out.printf(Locale.ROOT, "%nRead-aloud (FreeTTS kevin16, answer streamed at 20 tokens/s)%n");
    System.out.printf(Locale.ROOT, "  first sentence's full stop -> first audio: %.0f ms   (target <= 500 ms)"
        + "  [min %.0f, max %.0f; first, cold run %.0f ms]%n", median(measured),
        Arrays.stream(measured).min().orElse(0), Arrays.stream(measured).max().orElse(0), fromSentenceEnd[0]);
    System.out.printf(Locale.ROOT, "  (first sentence: 12 words, ~4 s of speech; the splitter waits one more token, 50 ms,"
        + " to know it ended)%n");
  }

  private static List<Spoken> speak(SpeechSynthesizer tts, List<String> texts, Path dir) {
    List<Spoken> spoken = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      short[] samples = withSilence(tts.synthesize(texts.get(i), VoiceOptions.DEFAULTS), 0.3);
      Path wav = dir.resolve("sentence-" + i + ".wav");
      WavWriter.write(wav, samples);
      spoken.add(new Spoken(texts.get(i), wav, samples));
    }
    return spoken;
  }

  private static short[] withSilence(short[] speech, double seconds) {
    int pad = (int) (seconds * SpeechAudio.SAMPLE_RATE);
    short[] out = new short[speech.length + 2 * pad];
    System.arraycopy(speech, 0, out, pad, speech.length);
    return out;
  }

  /** Stands in for a sound card: blocks like one with a fifth of a second of buffer; notes the first samples. */
  private static final class RecordingOutput implements AudioOutput {
    private final AtomicLong firstPlayNanos = new AtomicLong();
    private long playedUntilNanos;

    @Override
    public void play(short[] chunk, int count) {
      long now = System.nanoTime();
      firstPlayNanos.compareAndSet(0, now);
      long wait;
      synchronized (this) {
        playedUntilNanos = Math.max(playedUntilNanos, now) + count * 1_000_000_000L / SpeechAudio.SAMPLE_RATE;
        wait = playedUntilNanos - now - 200_000_000L;
      }
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }

    long firstPlayNanos() {
      return firstPlayNanos.get();
    }

    @Override
    public void drain() {}

    @Override
    public synchronized void stopNow() {
      playedUntilNanos = 0;
    }

    @Override
    public void close() {}
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
