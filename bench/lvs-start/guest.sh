#!/usr/bin/env bash
# Runs in the qemu guest (see run.sh): each daemon alone in a fresh network namespace (IPVS tables are per
# namespace), -C (checker only, no VRRP). A poller inside the namespace counts the real servers in
# /proc/net/ip_vs every 0.1 s; every log line gets the time it was read (a python reader started and ready
# before the daemon: bash's read takes a pipe byte by byte and falls seconds behind under TCG).
set -uo pipefail
OUT="$1" WANT="$2" ROUNDS="$3"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
modprobe ip_vs 2>/dev/null || true
echo "guest: $(nproc) vCPU (TCG), kernel $(uname -r), keepalived $(keepalived -v 2>&1 | head -1 | cut -d' ' -f2)"
declare -A TOTAL FROMLOG
STAMP='import sys, time
open(sys.argv[2], "w").close()
with open(sys.argv[1], "rb", buffering=0) as f:
    for line in iter(f.readline, b""):
        sys.stdout.write("%.6f %s" % (time.time(), line.decode(errors="replace")))
        sys.stdout.flush()'

run() {   # name command...
    local name="$1" ns="jkbench-$1-$$"; shift
    ip netns add "$ns"; ip netns exec "$ns" ip link set lo up
    local log="$OUT/$name.log"
    local fifo="/run/$ns.fifo"; rm -f "$fifo"; mkfifo "$fifo"   # the guest has no /dev/fd for >(...)
    rm -f "$fifo.ready"
    python3 -c "$STAMP" "$fifo" "$fifo.ready" > "$log" &
    while [[ ! -e "$fifo.ready" ]]; do sleep 0.05; done
    local t0=$EPOCHREALTIME
    ip netns exec "$ns" "$@" -C -n -l -f "$OUT/keepalived.conf" -p "/run/$ns.pid" -c "/run/$ns-c.pid" -r "/run/$ns-r.pid" \
        > "$fifo" 2>&1 &
    local pid=$!
    local t1
    t1=$(ip netns exec "$ns" bash -c 'while :; do c=$(grep -c "^  -> [0-9A-F]" /proc/net/ip_vs); (( c >= '"$WANT"' )) && break;
            kill -0 '"$pid"' 2>/dev/null || { echo dead; exit; }; sleep 0.1; done; echo $EPOCHREALTIME')
    [[ "$t1" == dead ]] && { echo "$name died:"; tail -5 "$log"; t1=$EPOCHREALTIME; }
    local tlog; tlog=$(head -1 "$log" | cut -d' ' -f1)
    local total from
    total=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
    from=$(awk -v a="${tlog:-$t1}" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
    TOTAL[$name]+="$total " FROMLOG[$name]+="$from "
    printf '%-12s %6d real servers programmed: %7s s from start, %7s s from its first log line\n' "$name" \
        "$(ip netns exec "$ns" grep -c '^  -> [0-9A-F]' /proc/net/ip_vs)" "$total" "$from"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null   # it removes what it added (not timed)
    wait; rm -f "$fifo" "$fifo.ready"; ip netns del "$ns"
}
for ((r = 1; r <= ROUNDS; r++)); do
    run keepalived keepalived
    run jkeepalived "$ROOT/bin/jkeepalived"
done
best() { tr ' ' '\n' <<<"$1" | grep . | sort -n | head -1; }
k=$(best "${TOTAL[keepalived]}") j=$(best "${TOTAL[jkeepalived]}")
kl=$(best "${FROMLOG[keepalived]}") jl=$(best "${FROMLOG[jkeepalived]}")
echo "best of $ROUNDS, $WANT real servers:"
awk -v k="$k" -v j="$j" 'BEGIN{printf "  start -> all programmed:           keepalived %.2f s, jkeepalived %.2f s, ratio jkeepalived/keepalived %.2f\n", k, j, j/k}'
awk -v k="$kl" -v j="$jl" 'BEGIN{printf "  first log line -> all programmed:  keepalived %.2f s, jkeepalived %.2f s, ratio jkeepalived/keepalived %.2f\n", k, j, j/k}'
