package dev.tars.cli.voice;

import dev.tars.cli.CliRuntime;
import dev.tars.runtime.TarsRuntime;
import dev.tars.runtime.VoiceSystem;
import dev.tars.voice.VoiceException;
import dev.tars.voice.recognition.ListeningListener;
import dev.tars.voice.recognition.ListeningPipeline;
import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.recognition.Transcript;
import dev.tars.voice.settings.VoiceSettings;
import dev.tars.voice.settings.VoiceSettings.RecognizerChoice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars transcribe FILE.wav}: prints what is said in an audio file, offline. */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
    description = "Print the words spoken in an audio file (WAV, AIFF or AU; any sample rate, mono or stereo).")
public final class TranscribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.wav", description = "The recording to transcribe.")
  Path file;

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "auto (Vosk if a model is installed, else PocketSphinx), vosk or pocketsphinx."
          + " Default: the choice in Settings > Voice.")
  RecognizerChoice engine;

  @Option(names = "--partial", description = "Also print partial results to standard error as they are heard.")
  boolean partial;

  @Option(names = "--stats", description = "Print the engine and the real-time factor to standard error.")
  boolean stats;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TarsRuntime runtime = CliRuntime.open()) {
      return transcribe(runtime.voice(), out, err);
    }
  }

  private int transcribe(VoiceSystem voice, PrintWriter out, PrintWriter err) {
    VoiceSettings settings = voice.settings();
    if (engine != null) {
      settings = settings.withRecognizer(engine, settings.voskModel());
    }
    try (SpeechRecognizer recognizer = voice.engines().openRecognizer(settings);
        ListeningPipeline pipeline = new ListeningPipeline()) {
      Transcript transcript = pipeline.transcribe(file, recognizer, new ListeningListener() {
        @Override
        public void onPartial(String textSoFar) {
          if (partial) {
            err.println("... " + textSoFar);
            err.flush();
          }
        }
      });
      out.println(transcript.text());
      out.flush();
      if (stats) {
        err.printf(Locale.ROOT, "%s: %.1f s of audio in %.2f s (real-time factor %.2f)%n", recognizer.name(),
            transcript.audio().toMillis() / 1000.0, transcript.processing().toMillis() / 1000.0,
            transcript.realTimeFactor());
        err.flush();
      }
      return 0;
    } catch (VoiceException e) {
      return VoiceCommandErrors.report(err, e);
    }
  }
}
