package dev.tars.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the app was started with: a {@code .gguf} file (double-clicked in the file manager), and the
 * {@code --smoke} check used by the installer test ({@code --smoke --model FILE.gguf}).
 */
record LaunchOptions(boolean smoke, Path model) {
  static final LaunchOptions NONE = new LaunchOptions(false, null);

  static LaunchOptions parse(List<String> args) {
    boolean smoke = false;
    Path model = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--smoke")) {
        smoke = true;
      } else if (arg.equals("--model") && i + 1 < args.size()) {
        model = Path.of(args.get(++i));
      } else if (arg.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf") && Files.isRegularFile(Path.of(arg))) {
        model = Path.of(arg);
      }
    }
    return new LaunchOptions(smoke, model);
  }
}
