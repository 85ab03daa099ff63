package dev.tars.cli.voice;

import dev.tars.cli.CliRuntime;
import dev.tars.runtime.TarsRuntime;
import dev.tars.voice.VoiceException;
import dev.tars.voice.audio.AudioOutput;
import dev.tars.voice.audio.SpeakerOutput;
import dev.tars.voice.audio.WavWriter;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import dev.tars.voice.synthesis.VoiceOptions;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars say "text" --out FILE.wav}: speaks text into a WAV file, or on the speakers without --out. */
@Command(name = "say", mixinStandardHelpOptions = true,
    description = "Speak text with the built-in voice, into a WAV file (--out) or on the speakers.")
public final class SayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to say (words are joined by spaces).")
  List<String> text;

  @Option(names = "--out", paramLabel = "FILE.wav", description = "Write 16 kHz mono WAV here instead of playing.")
  Path out;

  @Option(names = "--voice", defaultValue = FreeTtsSynthesizer.DEFAULT_VOICE,
      description = "Voice name (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(names = "--rate", defaultValue = "150",
      description = "Words per minute, 80..300 (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--volume", defaultValue = "1.0", description = "0..1 (default: ${DEFAULT-VALUE}).")
  double volume;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    VoiceOptions options;
    try {
      options = new VoiceOptions(voice, rate, volume);
    } catch (IllegalArgumentException e) {
      err.println("tars: " + e.getMessage() + ".");
      err.flush();
      return 2;
    }
    String words = String.join(" ", text);
    // The runtime's voice: the same synthesizer the window reads answers with, loaded here on first use.
    try (TarsRuntime runtime = CliRuntime.open()) {
      SpeechSynthesizer tts = runtime.voice().synthesizer();
      if (out != null) {
        short[] samples = tts.synthesize(words, options);
        WavWriter.write(out, samples);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s (%.1f s)%n", out, samples.length / 16_000.0);
        stdout.flush();
      } else {
        try (AudioOutput speaker = SpeakerOutput.open("")) {
          tts.speak(words, options, (samples, count) -> {
            speaker.play(samples, count);
            return true;
          });
          speaker.drain();
        }
      }
      return 0;
    } catch (VoiceException e) {
      return VoiceCommandErrors.report(err, e);
    }
  }
}
