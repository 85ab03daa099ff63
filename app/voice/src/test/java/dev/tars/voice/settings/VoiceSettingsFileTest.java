package dev.tars.voice.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.voice.settings.VoiceSettings.RecognizerChoice;
import dev.tars.voice.synthesis.VoiceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceSettingsFileTest {
  @TempDir
  Path home;

  @Test
  void withNothingSavedTheDefaultsApply() {
    assertThat(new VoiceSettingsFile(home).load()).isEqualTo(VoiceSettings.DEFAULTS);
  }

  @Test
  void savedSettingsComeBackUnchanged() {
    VoiceSettings changed = VoiceSettings.DEFAULTS.withRecognizer(RecognizerChoice.VOSK, "vosk-model-small-en-us-0.15")
        .withDevices("USB mic", "Headphones").withPushToTalk("Ctrl+Shift+T", true).withAutoRead(true)
        .withVoice(new VoiceOptions("kevin", 180, 0.6));
    new VoiceSettingsFile(home).save(changed);
    assertThat(new VoiceSettingsFile(home).load()).isEqualTo(changed);
  }

  @Test
  void aDamagedFileIsSetAsideNotDeletedAndTheDefaultsApply() throws IOException {
    VoiceSettingsFile file = new VoiceSettingsFile(home);
    Files.writeString(file.file(), "{\"recognizer\": \"VOSK\", \"voice\": {\"wordsPerMinute\": 9999");
    assertThat(file.load()).isEqualTo(VoiceSettings.DEFAULTS);
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("voice-settings.json.damaged-"));
    }
  }

  @Test
  void outOfRangeValuesAreTreatedAsDamage() throws IOException {
    VoiceSettingsFile file = new VoiceSettingsFile(home);
    Files.writeString(file.file(), """
        {"recognizer":"AUTO","voskModel":"","microphone":"","speaker":"","pushToTalkKey":"Ctrl+Space",
         "sendOnRelease":false,"autoRead":false,"voice":{"voice":"","wordsPerMinute":5000,"volume":1.0}}""");
    assertThat(file.load()).isEqualTo(VoiceSettings.DEFAULTS);
  }
}
