#!/usr/bin/env bash
# Times `keepalived -t -f` (Debian's keepalived 2.2.7) and `bin/jkeepalived -t -f` on the same generated
# configurations (1,000 vrrp_instance; 10,000 real_server), RUNS times each, and prints the medians and
# their ratio. Needs root: both run inside a network namespace it creates (interfaces eth0..eth3 as veth
# pairs, no addresses, no traffic) and deletes on exit.
#   bench/config-test/run.sh [RUNS]      (default 7)
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS="${1:-7}"
[[ "$(id -u)" -eq 0 ]] || { echo "run.sh: needs root (network namespace)" >&2; exit 4; }
command -v keepalived >/dev/null || { echo "run.sh: keepalived is not installed" >&2; exit 4; }
[[ -x /usr/bin/time ]] || { echo "run.sh: needs /usr/bin/time (package time)" >&2; exit 4; }

WORK="$(mktemp -d /tmp/jkm-bench.XXXXXX)"
NS="jkm-bench-$$"
cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ip netns add "$NS"
for i in 0 1 2 3; do
    ip -n "$NS" link add "eth$i" type veth peer name "peth$i"
    ip -n "$NS" link set "eth$i" up
done
python3 "$HERE/gen.py" "$WORK"

# jkeepalived: the launcher when -t is wired into it, else the same JVM flags on ConfigTest directly.
"$ROOT/bin/jkeepalived" --version >/dev/null 2>&1 || true   # builds on first use
JK=("$ROOT/bin/jkeepalived" -t -f)
probe="$(ip netns exec "$NS" "$ROOT/bin/jkeepalived" -t -f "$WORK/vrrp-1000.conf" 2>&1 || true)"
if [[ "$probe" == *"not wired"* ]]; then
    JDK="$(cat "$ROOT/target/.jdk-home")"
    JK=("$JDK/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m -Xshare:auto)
    [[ -f "$ROOT/target/jkeepalived.aot" ]] && JK+=("-XX:AOTCache=$ROOT/target/jkeepalived.aot")
    JK+=(-cp "$ROOT/target/jkeepalived.jar" io.jkeepalived.config.load.ConfigTest -f)
    echo "(bin/jkeepalived -t is not wired yet: timing ConfigTest with the launcher's JVM flags)"
fi

# Medians of RUNS runs of a command: "WALL CPU" in seconds (CPU = user + system, children included; it is
# the steadier figure on a busy machine). Exit status ignored: -t exits 5 on warnings.
medians() {
    local t="$WORK/times"
    : > "$t"
    for ((r = 0; r < RUNS; r++)); do
        /usr/bin/time -a -o "$t" -f "%e %U %S" ip netns exec "$NS" "$@" >/dev/null 2>&1 || true
    done
    grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$t" | awk '{print $1, $2 + $3}' > "$t.2"
    local w c
    w=$(cut -d' ' -f1 "$t.2" | sort -n | awk -v n="$RUNS" '{a[NR]=$1} END {printf "%.3f", a[int((n+1)/2)]}')
    c=$(cut -d' ' -f2 "$t.2" | sort -n | awk -v n="$RUNS" '{a[NR]=$1} END {printf "%.3f", a[int((n+1)/2)]}')
    echo "$w $c"
}

printf '%-16s %12s %12s %7s   %12s %12s %7s\n' "config" "ka wall" "jk wall" "ratio" "ka cpu" "jk cpu" "ratio"
for conf in vrrp-1000.conf rs-10000.conf; do
    read -r kw kc < <(medians keepalived -t -f "$WORK/$conf")
    read -r jw jc < <(medians "${JK[@]}" "$WORK/$conf")
    printf '%-16s %11ss %11ss %6sx   %11ss %11ss %6sx\n' "$conf" "$kw" "$jw" \
        "$(awk -v a="$jw" -v b="$kw" 'BEGIN {printf "%.2f", a/b}')" "$kc" "$jc" \
        "$(awk -v a="$jc" -v b="$kc" 'BEGIN {printf "%.2f", a/b}')"
done
echo "(ratio = jkeepalived / keepalived, below 1 = jkeepalived faster; median of $RUNS runs; load: $(cut -d' ' -f1-3 /proc/loadavg))"
