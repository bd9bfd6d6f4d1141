#!/usr/bin/env bash
# nftables data plane benchmark (no IPVS on this kernel, so no keepalived side). Usage: bench/lvs-nft/run.sh [N [M]]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$HERE/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$ROOT" && mvn -q -o -DskipTests compile)
OUT="$(mktemp -d)"
NS="jkbench-lvs-$$"
cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -rf "$OUT"; }
trap cleanup EXIT
"$JAVA_HOME/bin/javac" -d "$OUT" -cp "$ROOT/target/classes" "$HERE/BenchLvsNft.java"
ip netns add "$NS"
timeout 600 ip netns exec "$NS" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$OUT:$ROOT/target/classes" BenchLvsNft "${1:-1000}" "${2:-1000}"
