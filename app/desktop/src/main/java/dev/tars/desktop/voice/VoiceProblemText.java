package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.voice.VoiceException;
import dev.tars.voice.VoiceUnavailableException;

/**
 * What went wrong with voice, in the page's language: a missing or broken speech model or audio device by its
 * kind ({@code voice.problem.*}); other voice problems in the words the voice module chose (English); anything
 * else as {@code otherwiseKey}.
 */
final class VoiceProblemText {
  private VoiceProblemText() {}

  static String of(Throwable cause, I18n i18n, String otherwiseKey) {
    if (cause instanceof VoiceUnavailableException u && u.problem().isPresent()) {
      return i18n.get("voice.problem." + u.problem().get().name(), u.subject());
    }
    return cause instanceof VoiceException ? cause.getMessage() : i18n.get(otherwiseKey);
  }
}
