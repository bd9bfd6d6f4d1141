#!/usr/bin/env bash
# Health-checker benchmark, keepalived vs jkeepalived (see README.md). Usage: bench/checker/run.sh [N ...]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$HERE/../.." && mvn -q -o -DskipTests package)
exec timeout 900 python3 "$HERE/bench.py" "$@"
