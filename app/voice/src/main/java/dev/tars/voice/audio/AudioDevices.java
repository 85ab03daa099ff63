package dev.tars.voice.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/** The microphones and speakers the system offers, by the names shown in Settings. */
public final class AudioDevices {
  private AudioDevices() {}

  public static List<String> microphones() {
    return namesOf(TargetDataLine.class);
  }

  public static List<String> speakers() {
    return namesOf(SourceDataLine.class);
  }

  private static List<String> namesOf(Class<? extends Line> kind) {
    List<String> names = new ArrayList<>();
    for (Mixer.Info info : AudioSystem.getMixerInfo()) {
      Mixer mixer = AudioSystem.getMixer(info);
      if (mixer.getTargetLineInfo().length > 0 && kind == TargetDataLine.class
          && mixer.isLineSupported(new Line.Info(kind))) {
        names.add(info.getName());
      } else if (mixer.getSourceLineInfo().length > 0 && kind == SourceDataLine.class
          && mixer.isLineSupported(new Line.Info(kind))) {
        names.add(info.getName());
      }
    }
    return names;
  }

  static Optional<Mixer> findMixer(String name, Class<? extends Line> kind) {
    for (Mixer.Info info : AudioSystem.getMixerInfo()) {
      if (info.getName().equals(name)) {
        Mixer mixer = AudioSystem.getMixer(info);
        if (mixer.isLineSupported(new Line.Info(kind))) {
          return Optional.of(mixer);
        }
      }
    }
    return Optional.empty();
  }
}
