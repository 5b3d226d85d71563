#!/usr/bin/env bash
# ./meridian bench [--json] [--runs N] [--warm N] [--only TEXT] [--no-cold] [--no-warm] [--no-cds] [--no-prime] [--url-connection-only] [--before DIR] [--no-local] [--only-engine | --no-engine] [--engine-items N] [--engine-seconds N]
# Builds the bench module unless MERIDIAN_BENCH_NO_BUILD=1, then runs dev.meridian.bench.BenchMain.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$ROOT/infra/bench/target"
if [[ "${MERIDIAN_BENCH_NO_BUILD:-}" != "1" ]]; then
  (cd "$ROOT" && mvn -B -q -pl infra/bench,infra/cli -am package -DskipTests) >&2
fi
if [[ ! -f "$TARGET/bench.classpath" ]]; then
  echo "meridian bench: $TARGET/bench.classpath missing; build with: mvn -o -pl infra/bench -am package -DskipTests" >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx1g -XX:+UseSerialGC -Dmeridian.bench.target="$TARGET" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err \
  -cp "$TARGET/classes:$(cat "$TARGET/bench.classpath")" dev.meridian.bench.BenchMain "$@"
