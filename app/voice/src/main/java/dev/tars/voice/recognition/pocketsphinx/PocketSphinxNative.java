package dev.tars.voice.recognition.pocketsphinx;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The few C functions of PocketSphinx 5prealpha ({@code libpocketsphinx.so.3}, {@code libsphinxbase.so.3} as
 * packaged by Debian) that Tars calls. Debian ships no -dev package, so JNA binds to the versioned library.
 */
final class PocketSphinxNative {
  private PocketSphinxNative() {}

  interface Decoder extends Library {
    Pointer ps_args();

    Pointer ps_init(Pointer config);

    int ps_start_utt(Pointer decoder);

    int ps_process_raw(Pointer decoder, short[] data, SizeT samples, int noSearch, int fullUtterance);

    String ps_get_hyp(Pointer decoder, IntByReference score);

    byte ps_get_in_speech(Pointer decoder);

    int ps_end_utt(Pointer decoder);

    int ps_free(Pointer decoder);
  }

  interface Base extends Library {
    Pointer cmd_ln_parse_r(Pointer config, Pointer definitions, int argc, String[] argv, int strict);

    int cmd_ln_free_r(Pointer config);
  }

  /** C {@code size_t}. */
  public static final class SizeT extends IntegerType {
    private static final long serialVersionUID = 1L;

    public SizeT() {
      this(0);
    }

    public SizeT(long value) {
      super(Native.SIZE_T_SIZE, value, true);
    }
  }

  static Decoder loadDecoder() {
    return Native.load("pocketsphinx", Decoder.class);
  }

  static Base loadBase() {
    return Native.load("sphinxbase", Base.class);
  }
}
