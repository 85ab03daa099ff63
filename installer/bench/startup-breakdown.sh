#!/usr/bin/env bash
# Where the packaged app's start-up time and idle memory go (docs/benchmarks.md, "Start-up breakdown"). Starts
# the app image twice under its own Xvfb on an existing data folder (a first start creates it, not measured):
#   1. timed:   the app's milestones (-Dtars.startup.trace, ms since the process started), the JVM's own
#               start-up phases (-Xlog:startuptime) and the time until X reports the window visible;
#   2. memory:  the same start with class loading logged and native memory tracking on; 5 s after the window
#               shows: NMT summary (jcmd), RSS by mapping (heap, AOT cache, each native library), classes by
#               origin before the first window and after 5 s.
# NMT and the class log slow the second start a little, so its times are not reported.
#   installer/bench/startup-breakdown.sh [app image|bare] [output folder]   (bare: the reference window of
#   installer/bench-startup.sh, for the same figures of an empty JavaFX window)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGE="${1:-$ROOT/installer/target/dist/Tars}"
OUT="${2:-$ROOT/installer/target/breakdown}"
JDK="${JAVA_HOME_25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}"
[ "$IMAGE" = bare ] || [ -x "$IMAGE/bin/Tars" ] || { echo "startup-breakdown: no app image at $IMAGE" >&2; exit 1; }
mkdir -p "$OUT"
WORK="$(mktemp -d)"
if [ "$IMAGE" = bare ]; then
  FX_VERSION=$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
  FX_PATH=""
  for m in base graphics controls; do
    FX_PATH="$FX_PATH${FX_PATH:+:}$HOME/.m2/repository/org/openjfx/javafx-$m/$FX_VERSION/javafx-$m-$FX_VERSION-linux.jar"
  done
  "$JDK/bin/javac" -d "$WORK/bare-classes" --module-path "$FX_PATH" --add-modules javafx.controls \
    "$ROOT/installer/bench/BareWindow.java"
fi
run_target() {
  if [ "$IMAGE" = bare ]; then
    exec "$JDK/bin/java" -Xms32m --enable-native-access=javafx.graphics --module-path "$FX_PATH" \
      --add-modules javafx.controls -cp "$WORK/bare-classes" BareWindow
  fi
  TARS_HOME="$WORK/home" exec "$IMAGE/bin/Tars"
}
XPID=""
cleanup() { [ -n "$XPID" ] && kill "$XPID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
for display in $(seq 121 150); do [ ! -e "/tmp/.X11-unix/X$display" ] && break; done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
export DISPLAY=":$display"
sleep 1

start() { # name, JAVA_TOOL_OPTIONS -> pid in $PID, window time in $WINDOW_MS
  local t0
  t0=$(date +%s%N)
  ( export JAVA_TOOL_OPTIONS="$2"; run_target ) >"$OUT/$1.out" 2>&1 &
  PID=$!
  until xdotool search --onlyvisible --name '^Tars$' >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { echo "startup-breakdown: $1 exited early" >&2; cat "$OUT/$1.out" >&2; exit 1; }
    sleep 0.01
  done
  WINDOW_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; sleep 0.5; }

start first ""; sleep 5; stop

echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" | tee "$OUT/summary.txt"
start timed "-Dtars.startup.trace=true -Xlog:startuptime:file=$OUT/jvm-phases.log:uptime"
sleep 8
stop
{
  echo "== timed start: milestones (ms since the process started)"
  { grep "^tars-startup " "$OUT/timed.out" || true; } | sed "s/^tars-startup /  /"
  echo "  $WINDOW_MS  X reports the window visible (measured by this script from just before the start)"
  echo "== services opened behind the window (the app's log)"
  { grep -h 'Services open in' "$WORK"/home/logs/*.log 2>/dev/null || true; } | tail -1 | sed 's/^.* - /  /'
  echo "== JVM phases (-Xlog:startuptime, JVM uptime)"
  { grep -E 'Create VM|Initialize module system|Genesis' "$OUT/jvm-phases.log" || true; } | sed 's/^/  /'
} | tee -a "$OUT/summary.txt"

start memory "-Dtars.startup.trace=true -XX:NativeMemoryTracking=summary -Xlog:class+load:file=$OUT/classes.log:uptime"
sleep 5
"$JDK/bin/jcmd" "$PID" VM.native_memory summary scale=MB > "$OUT/nmt.txt" 2>&1 || true
"$JDK/bin/jcmd" "$PID" GC.heap_info > "$OUT/heap.txt" 2>&1 || true
"$JDK/bin/jcmd" "$PID" GC.class_histogram > "$OUT/histogram.txt" 2>&1 || true
cp "/proc/$PID/smaps" "$OUT/smaps.txt"
grep -E '^(Rss|Pss|Anonymous)' "/proc/$PID/smaps_rollup" > "$OUT/rollup.txt"
ls "/proc/$PID/task" | while read -r t; do cat "/proc/$PID/task/$t/comm"; done | sort | uniq -c | sort -rn \
  > "$OUT/threads.txt"
stop
shown_ms=$(awk '/^tars-startup .* starting view shown$/ {print $2}' "$OUT/memory.out")
{
  echo "== memory start, 5 s after the window: $(tr '\n' ' ' < "$OUT/rollup.txt")"
  echo "== RSS by mapping (MB, the largest; [anon] holds the Java heap, metaspace, thread stacks, malloc)"
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anon]"); sub(/.*\//, "", name) }
       /^Rss:/ { rss[name] += $2 }
       END { for (n in rss) if (rss[n] >= 1024) printf "  %7.1f  %s\n", rss[n] / 1024, n }' "$OUT/smaps.txt" | sort -rn | head -25
  echo "== NMT (committed MB)"
  grep -E '^(Total|-  *[A-Z])' "$OUT/nmt.txt" | sed -E 's/\(reserved=[0-9]+MB, //; s/^/  /' | head -30
  echo "== threads: $(wc -l < "$OUT/threads.txt") names, $(awk '{s+=$1} END {print s}' "$OUT/threads.txt") threads"
  echo "== classes loaded (by origin): before the starting view showed (~${shown_ms} ms) / 5 s after the window"
  sed -E 's/^\[([0-9.]+)s\].* source: (.*)$/\1 \2/' "$OUT/classes.log" | awk -v t="${shown_ms:-0}" '
    /^[0-9.]+ / {
      up = $1 * 1000; src = $0; sub(/^[^ ]+ /, "", src)
      if (src ~ /shared objects file/) o = "AOT cache / CDS"
      else if (src ~ /^jrt:/) o = "runtime image"
      else if (src ~ /\.jar/) { o = src; sub(/.*\//, "", o) }
      else o = "generated or other"
      all[o]++; all_n++
      if (up <= t) { early[o]++; early_n++ }
    }
    END {
      printf "  %6d / %6d  all\n", early_n, all_n
      for (o in all) printf "  %6d / %6d  %s\n", early[o], all[o], o
    }' | sort -k3 -rn | head -30
  echo "== heap by class (the largest, 5 s after the window)"
  sed -n '3,14p' "$OUT/histogram.txt"
} | tee -a "$OUT/summary.txt"
