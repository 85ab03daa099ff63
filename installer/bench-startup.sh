#!/usr/bin/env bash
# Start-up benchmark of the packaged app (run by ./tars bench): cold start of the app image to a visible
# window, and resident memory of the UI process idle without a model. Each round starts, in turn:
#   packaged   the app image as built (AOT start-up cache, small initial heap)
#   no-cache   the same image without the AOT cache line in its .cfg
#   jvm-heap   the same image without the heap options (the JVM's default heap sizing)
#   bare       the reference: an empty JavaFX window (installer/bench/BareWindow.java: one label, the same
#              JDK 25 and JavaFX jars, -Xms32m, no AOT cache), the least any JavaFX app can take here
# so a busy machine shifts every variant alike. Targets (issue 18): packaged <= 1.2x bare to the window, idle
# RSS <= bare + 60 MB; the ratios are printed per round (min/median/max) with the load average. The window is "up" when X reports a visible window named
# Tars (xdotool); memory is VmRSS from /proc 5 s later. Uses an existing data folder (not a first run).
#   installer/bench-startup.sh [rounds]      (builds the app image if there is none)
# BENCH_EXTRA_IMAGE=/path/to/Tars adds another app image as a variant of every round (e.g. one built from an
# older commit, issue 14: start-up must not get worse), with its own data folder and the name BENCH_EXTRA_NAME
# (default "extra"); its window time and RSS are then compared with the packaged image's per round.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${1:-5}"
IMAGE="$ROOT/installer/target/dist/Tars"
for tool in xdotool Xvfb; do
  command -v "$tool" >/dev/null || { echo "bench-startup: needs $tool (apt-get install xdotool xvfb)" >&2; exit 1; }
done
if [ ! -x "$IMAGE/bin/Tars" ]; then
  echo "bench-startup: building the app image..." >&2
  ./mvnw -B -q -Pinstaller package -DskipTests -Dtars.package.skip=true -pl installer -am >&2
fi

WORK="$(mktemp -d)"
XPID=""
cleanup() { [ -n "$XPID" ] && kill "$XPID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# Variants share the image's files (hard links) and differ only in their .cfg.
variant() { # name, sed expression applied to the .cfg
  cp -al "$IMAGE" "$WORK/$1"
  local cfg="$WORK/$1/lib/app/Tars.cfg"
  sed "$2" "$cfg" > "$WORK/cfg" && rm "$cfg" && mv "$WORK/cfg" "$cfg"
}
variant packaged 's/^$//'
variant no-cache '/AOTCache=/d'
variant jvm-heap '/-Xms\|-Xmx\|HeapFreeRatio/d'
VARIANTS=(packaged no-cache jvm-heap bare)
EXTRA="${BENCH_EXTRA_NAME:-extra}"
if [ -n "${BENCH_EXTRA_IMAGE:-}" ]; then
  [ -x "$BENCH_EXTRA_IMAGE/bin/Tars" ] || { echo "bench-startup: no app image at $BENCH_EXTRA_IMAGE" >&2; exit 1; }
  cp -al "$BENCH_EXTRA_IMAGE" "$WORK/$EXTRA" 2>/dev/null || cp -a "$BENCH_EXTRA_IMAGE" "$WORK/$EXTRA"
  VARIANTS+=("$EXTRA")
fi

# The bare window: compiled with the JDK 25 the project builds with, run on it with the JavaFX jars from Maven.
JDK="${JAVA_HOME_25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}"
FX_VERSION=$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
FX_PATH=""
for m in base graphics controls; do
  jar="$HOME/.m2/repository/org/openjfx/javafx-$m/$FX_VERSION/javafx-$m-$FX_VERSION-linux.jar"
  [ -f "$jar" ] || { echo "bench-startup: missing $jar (build the project once)" >&2; exit 1; }
  FX_PATH="$FX_PATH${FX_PATH:+:}$jar"
done
mkdir -p "$WORK/bare-classes"
"$JDK/bin/javac" -d "$WORK/bare-classes" --module-path "$FX_PATH" --add-modules javafx.controls \
  "$ROOT/installer/bench/BareWindow.java"
run_variant() { # variant
  if [ "$1" = bare ]; then
    exec "$JDK/bin/java" -Xms32m --enable-native-access=javafx.graphics --module-path "$FX_PATH" \
      --add-modules javafx.controls -cp "$WORK/bare-classes" BareWindow
  fi
  # Another image may have another database schema: it gets a data folder of its own.
  local home="$WORK/home"
  [ "$1" = "$EXTRA" ] && home="$WORK/home-$EXTRA"
  TARS_HOME="$home" exec "$WORK/$1/bin/Tars"
}

for display in $(seq 90 120); do [ ! -e "/tmp/.X11-unix/X$display" ] && break; done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
export DISPLAY=":$display"
sleep 1

TICKS=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICKS" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t) }' "/proc/$1/stat"; }

start_once() { # variant -> "window_ms rss_kb cpu_ms"
  local t0 t1 pid
  t0=$(date +%s%N)
  ( run_variant "$1" ) >"$WORK/$1.log" 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name '^Tars$' >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "bench-startup: $1 exited before its window showed" >&2; cat "$WORK/$1.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  local cpu
  cpu=$(cpu_ms "$pid")
  sleep 5
  local rss
  rss=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $rss $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
spread() { sort -g | awk '{a[NR]=$1} END{m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "min %s, median %s, max %s", a[1], m, a[NR]}'; }

load_start=$(cut -d' ' -f1 /proc/loadavg)
start_once packaged >/dev/null   # first run of the data folder creates the database; not measured
if [ -n "${BENCH_EXTRA_IMAGE:-}" ]; then start_once "$EXTRA" >/dev/null; fi
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    read -r ms rss cpu < <(start_once "$v")
    echo "$ms" >> "$WORK/$v.ms"; echo "$rss" >> "$WORK/$v.rss"; echo "$cpu" >> "$WORK/$v.cpu"
    printf 'round %d %-9s window %6d ms  CPU %6d ms  RSS %4d MB  (load %s)\n' "$round" "$v" "$ms" "$cpu" \
      $(( rss / 1024 )) "$(cut -d' ' -f1 /proc/loadavg)" >&2
  done
  # The packaged app against the bare window of the same round.
  p=$(sed -n "${round}p" "$WORK/packaged.ms"); b=$(sed -n "${round}p" "$WORK/bare.ms")
  awk -v p="$p" -v b="$b" 'BEGIN { printf "%.3f\n", p / b }' >> "$WORK/ratio.ms"
  p=$(sed -n "${round}p" "$WORK/packaged.rss"); b=$(sed -n "${round}p" "$WORK/bare.rss")
  echo $(( (p - b) / 1024 )) >> "$WORK/extra.rss"
  if [ -n "${BENCH_EXTRA_IMAGE:-}" ]; then
    p=$(sed -n "${round}p" "$WORK/packaged.ms"); b=$(sed -n "${round}p" "$WORK/$EXTRA.ms")
    awk -v p="$p" -v b="$b" 'BEGIN { printf "%.3f\n", p / b }' >> "$WORK/ratio-other.ms"
    p=$(sed -n "${round}p" "$WORK/packaged.rss"); b=$(sed -n "${round}p" "$WORK/$EXTRA.rss")
    echo $(( (p - b) / 1024 )) >> "$WORK/other.rss"
  fi
done

load="$load_start at start, $(cut -d' ' -f1 /proc/loadavg) at the end"
echo
echo "Start-up of the app image (median of $ROUNDS starts each, load average $load, $(nproc) cores)"
printf '%-10s %16s %20s %14s\n' variant "to window (ms)" "CPU to window (ms)" "idle RSS (MB)"
for v in "${VARIANTS[@]}"; do
  printf '%-10s %16d %20d %14d\n' "$v" "$(median < "$WORK/$v.ms")" "$(median < "$WORK/$v.cpu")" \
    $(( $(median < "$WORK/$v.rss") / 1024 ))
done
p_ms=$(median < "$WORK/packaged.ms"); n_ms=$(median < "$WORK/no-cache.ms")
p_cpu=$(median < "$WORK/packaged.cpu"); n_cpu=$(median < "$WORK/no-cache.cpu")
p_rss=$(median < "$WORK/packaged.rss"); h_rss=$(median < "$WORK/jvm-heap.rss")
awk -v p="$p_ms" -v n="$n_ms" -v pc="$p_cpu" -v nc="$n_cpu" -v pr="$p_rss" -v hr="$h_rss" 'BEGIN {
  printf "AOT cache: window after %.2fx the time and %.2fx the CPU without it (target: packaged <= 1500 ms)\n", p / n, pc / nc
  printf "Heap options: RSS %.2fx the JVM default heap sizing (target: packaged <= 250 MB)\n", pr / hr }'
echo "Packaged / bare window, per round: $(spread < "$WORK/ratio.ms") (target <= 1.2)"
echo "Packaged - bare idle RSS (MB), per round: $(spread < "$WORK/extra.rss") (target <= 60)"
if [ -n "${BENCH_EXTRA_IMAGE:-}" ]; then
  echo "Packaged / $EXTRA window, per round: $(spread < "$WORK/ratio-other.ms") ($EXTRA: $BENCH_EXTRA_IMAGE)"
  echo "Packaged - $EXTRA idle RSS (MB), per round: $(spread < "$WORK/other.rss")"
fi
