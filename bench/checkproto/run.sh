#!/usr/bin/env bash
# HTTP_GET checker benchmark, keepalived vs jkeepalived. Usage: bench/checkproto/run.sh [N ...]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$HERE/../.." && mvn -q -o -DskipTests compile)
exec timeout 1200 python3 "$HERE/bench_http.py" "$@"
