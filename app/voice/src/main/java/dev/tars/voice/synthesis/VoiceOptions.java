package dev.tars.voice.synthesis;

import java.util.Objects;

/**
 * How to speak.
 *
 * @param voice a name from {@link SpeechSynthesizer#voices()}; empty picks the synthesizer's default
 * @param wordsPerMinute speaking rate, 80 to 300 (150 is a calm default)
 * @param volume 0 (silent) to 1 (full)
 */
public record VoiceOptions(String voice, int wordsPerMinute, double volume) {
  public static final int MIN_RATE = 80;
  public static final int MAX_RATE = 300;
  public static final VoiceOptions DEFAULTS = new VoiceOptions("", 150, 1.0);

  public VoiceOptions {
    Objects.requireNonNull(voice, "voice");
    if (wordsPerMinute < MIN_RATE || wordsPerMinute > MAX_RATE) {
      throw new IllegalArgumentException("The speaking rate must be between " + MIN_RATE + " and " + MAX_RATE
          + " words per minute, was " + wordsPerMinute);
    }
    if (!(volume >= 0 && volume <= 1)) {
      throw new IllegalArgumentException("The volume must be between 0 and 1, was " + volume);
    }
  }

  public VoiceOptions withVoice(String value) {
    return new VoiceOptions(value, wordsPerMinute, volume);
  }

  public VoiceOptions withRate(int value) {
    return new VoiceOptions(voice, value, volume);
  }

  public VoiceOptions withVolume(double value) {
    return new VoiceOptions(voice, wordsPerMinute, value);
  }
}
