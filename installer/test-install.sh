#!/usr/bin/env bash
# The installer test: build the .deb, install it as a person would, start the installed app headless in smoke
# mode (window opens under Xvfb, the generated model answers one message, exit 0), run the installed CLI,
# then uninstall and check that nothing of the app is left while the user's data stays.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

echo "installer test: building the package"
./mvnw -B -q -Pinstaller package -DskipTests -pl installer -am
DEB="$(ls installer/target/dist/tars_*.deb)"
echo "installer test: $(du -h "$DEB" | cut -f1) package, $(du -sh installer/target/dist/Tars | cut -f1) app image"

# jpackage's post-install registers the menu entry with xdg-desktop-menu, which needs these folders.
mkdir -p /usr/share/desktop-directories /usr/share/applications
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$DEB" >/dev/null
test -x /opt/tars/bin/Tars && test -x /opt/tars/bin/tars-cli
ls /opt/tars/lib/*.desktop >/dev/null

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
java_bin="$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)"
"$java_bin" -cp app/testkit/target/classes dev.tars.testkit.WriteTinyModel "$WORK/tiny.gguf" >/dev/null

echo "installer test: smoke run of the installed app"
TARS_HOME="$WORK/home" xvfb-run -a -s "-screen 0 1280x800x24" /opt/tars/bin/Tars --smoke --model "$WORK/tiny.gguf" \
  | tee "$WORK/smoke.txt"
grep -q "^SMOKE OK" "$WORK/smoke.txt"
TARS_HOME="$WORK/home" /opt/tars/bin/tars-cli --version
test -f "$WORK/home/db/tars.mv.db"

echo "installer test: uninstalling"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tars >/dev/null
test ! -e /opt/tars/bin/Tars
test -f "$WORK/home/db/tars.mv.db"   # the person's data stays
echo "installer test: passed"
