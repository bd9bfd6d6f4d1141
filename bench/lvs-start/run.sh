#!/usr/bin/env bash
# bench/lvs-start - N virtual services x M real servers (no health checks: every server is programmed), time
# from start to all programmed in IPVS, keepalived vs jkeepalived in the same qemu guest (bin/qemu-guest:
# Debian's kernel has IPVS, this machine's does not). Usage: sudo bench/lvs-start/run.sh [N [M [ROUNDS]]]
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N="${1:-1000}" M="${2:-10}" ROUNDS="${3:-2}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$ROOT" && mvn -B -q -o -DskipTests package)
# bin/jkeepalived trains its AOT cache on the host (target/jkeepalived.aot); under TCG training would take minutes
"$ROOT/bin/jkeepalived" -t -f "$ROOT/src/aot/training.conf" >/dev/null 2>&1 || true
OUT="$(mktemp -d /tmp/jkbench-lvs-start.XXXX)"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$OUT"' EXIT; echo "output: $OUT" >&2
chmod 755 "$OUT"
python3 - "$N" "$M" > "$OUT/keepalived.conf" <<'PY'
import sys
n, m = int(sys.argv[1]), int(sys.argv[2])
print("global_defs {\n    router_id bench\n}")
for i in range(n):
    vip = "198.18.%d.%d" % (i // 250, i % 250 + 1)
    print("virtual_server %s 80 {\n    lb_algo wrr\n    lb_kind NAT\n    protocol TCP" % vip)
    for r in range(m):
        print("    real_server 198.19.%d.%d %d {\n        weight 1\n    }" % (i // 250, r + 1, 8000 + i % 1000))
    print("}")
PY
"$ROOT/bin/qemu-guest" --timeout 2400 --mem 2048 --out "$OUT" -- "$HERE/guest.sh" "$OUT" "$((N * M))" "$ROUNDS" \
    | grep -v '^\s*$' || { echo "guest failed; serial console:"; tail -30 "$OUT"/console.log 2>/dev/null; exit 1; }
