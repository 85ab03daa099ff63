#!/usr/bin/env bash
# The installer test: build the .deb, install it as a person would, check the menu entry and the .gguf
# association, start the installed app headless in smoke mode (window opens under Xvfb, the generated model
# answers one message, exit 0), start it the way a double-clicked .gguf does (it asks "Use this model?"), run
# the installed CLI, then uninstall and check that nothing of the app is left while the user's data stays.
#   installer/test-install.sh             build, then test
#   installer/test-install.sh --no-build  test the .deb already in installer/target/dist
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { echo "installer test: $*"; }
fail() { echo "installer test: FAILED: $*" >&2; exit 1; }

if [ "${1:-}" != "--no-build" ]; then
  say "building the package"
  started=$(date +%s)
  ./mvnw -B -q -Pinstaller package -DskipTests -pl installer -am
  say "built in $(( $(date +%s) - started )) s"
fi
DEB="$(ls installer/target/dist/tars_*.deb)"
say "$(du -h "$DEB" | cut -f1) package, $(du -sh installer/target/dist/Tars | cut -f1) app image"

WORK="$(mktemp -d)"
cleanup() {
  # A failed run must not leave the app installed on the machine.
  if dpkg-query -W -f='${Status}' tars 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tars >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# jpackage's post-install registers the menu entry with xdg-desktop-menu, which needs these folders.
mkdir -p /usr/share/desktop-directories /usr/share/applications
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$DEB" >/dev/null
test -x /opt/tars/bin/Tars && test -x /opt/tars/bin/tars-cli || fail "launchers missing in /opt/tars/bin"
say "installed: $(du -sh /opt/tars | cut -f1) in /opt/tars"

# The menu entry: a double-clicked .gguf reaches the app as its argument (%f) and the type is associated.
ENTRY=/usr/share/applications/tars-Tars.desktop
[ -f "$ENTRY" ] || fail "no menu entry $ENTRY"
grep -qx 'Exec=/opt/tars/bin/Tars %f' "$ENTRY" || fail "menu entry does not pass the file: $(grep ^Exec= "$ENTRY")"
grep -qx 'MimeType=application/x-gguf;\?' "$ENTRY" || fail "menu entry is not associated with .gguf files"
grep -qsx "NoDisplay=true" /usr/share/applications/tars-tars-cli.desktop \
  || [ ! -e /usr/share/applications/tars-tars-cli.desktop ] || fail "the command-line launcher shows in the menu"
if command -v xdg-mime >/dev/null 2>&1; then
  default="$(xdg-mime query default application/x-gguf || true)"
  [ "$default" = "tars-Tars.desktop" ] || fail "xdg-mime opens .gguf files with '$default', not Tars"
fi
grep -q 'AOTCache=\$APPDIR/tars.aot' /opt/tars/lib/app/Tars.cfg && test -f /opt/tars/lib/app/tars.aot \
  || say "warning: the installed app has no start-up cache (slower start)"

java_bin="$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)"
"$java_bin" -cp app/testkit/target/classes dev.tars.testkit.WriteTinyModel "$WORK/tiny.gguf" >/dev/null

say "smoke run of the installed app"
TARS_HOME="$WORK/home" xvfb-run -a -s "-screen 0 1280x800x24" /opt/tars/bin/Tars --smoke --model "$WORK/tiny.gguf" \
  > "$WORK/smoke.txt" 2>&1 || { cat "$WORK/smoke.txt"; fail "smoke run exited with an error"; }
grep "^SMOKE" "$WORK/smoke.txt" || true
grep -q "^SMOKE OK" "$WORK/smoke.txt" || { cat "$WORK/smoke.txt"; fail "smoke run did not answer"; }
test -f "$WORK/home/db/tars.mv.db" || fail "no database in the data folder"
if grep -E '\]\[(aot|cds) *\]' "$WORK/smoke.txt"; then
  fail "the JVM rejected the start-up cache of the installed app (see the lines above)"
fi

say "opening a .gguf the way the menu entry does"
exec_line="$(sed -n 's/^Exec=//p' "$ENTRY")"
cat > "$WORK/open.sh" <<SCRIPT
#!/usr/bin/env bash
set -u
TARS_HOME="$WORK/home2" ${exec_line//%f/"$WORK/tiny.gguf"} > "$WORK/open.txt" 2>&1 &
pid=\$!
for _ in \$(seq 1 600); do
  # The main window and the "Use this model?" question: two visible windows.
  if [ "\$(xdotool search --onlyvisible --name . 2>/dev/null | wc -l)" -ge 2 ]; then
    sleep 1
    for w in \$(xdotool search --onlyvisible --name .); do xdotool getwindowname "\$w"; done
    kill \$pid; wait \$pid
    exit 0
  fi
  kill -0 \$pid 2>/dev/null || break
  sleep 0.2
done
kill \$pid 2>/dev/null
exit 1
SCRIPT
chmod +x "$WORK/open.sh"
xvfb-run -a -s "-screen 0 1280x800x24" "$WORK/open.sh" > "$WORK/windows.txt" 2>&1 \
  || { cat "$WORK/open.txt" "$WORK/windows.txt"; fail "opening a .gguf did not ask whether to use it"; }
say "windows: $(tr '\n' ',' < "$WORK/windows.txt")"

TARS_HOME="$WORK/home" /opt/tars/bin/tars-cli --version

say "uninstalling"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tars >/dev/null
[ ! -e /opt/tars ] || fail "/opt/tars is still there after removal: $(find /opt/tars | head -5)"
[ ! -e "$ENTRY" ] || fail "the menu entry is still there after removal"
test -f "$WORK/home/db/tars.mv.db" || fail "removing the app deleted the person's data"
say "passed"
