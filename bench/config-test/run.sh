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
    JK+=(-cp "$ROOT/target/jkeepalived.jar" io.jkeepalived.config.ConfigTest -f)
    echo "(bin/jkeepalived -t is not wired yet: timing ConfigTest with the launcher's JVM flags)"
fi

# Median wall time in seconds of RUNS runs of a command (exit status ignored: -t exits 5 on warnings).
median() {
    local times=() t0 t1
    for ((r = 0; r < RUNS; r++)); do
        t0=$(date +%s%N)
        ip netns exec "$NS" "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" '{a[NR]=$1} END {printf "%.3f", a[int((n+1)/2)]/1e6}'
}

printf '%-22s %12s %12s %8s\n' "config" "keepalived" "jkeepalived" "ratio"
for conf in vrrp-1000.conf rs-10000.conf; do
    k=$(median keepalived -t -f "$WORK/$conf")
    j=$(median "${JK[@]}" "$WORK/$conf")
    printf '%-22s %11ss %11ss %8s\n' "$conf" "$k" "$j" "$(awk -v a="$j" -v b="$k" 'BEGIN {printf "%.2fx", a/b}')"
done
echo "(ratio = jkeepalived / keepalived; below 1 means jkeepalived is faster; $RUNS runs each, median)"
