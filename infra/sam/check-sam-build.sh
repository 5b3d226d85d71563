#!/usr/bin/env bash
# Runs the Makefile targets the way `sam build` does (BuildMethod: makefile), without the
# sam CLI: copies the repository (the files git knows, committed or not) into a scratch
# directory, runs `make build-<LogicalId> ARTIFACTS_DIR=<dir>` there for the layer and for
# every function of template.yaml, and checks what each target produced:
#   - CommonLayer: java/lib holds meridian-common.jar, the AWS SDK (dynamodb, eventbridge,
#     url-connection-client) and Jackson, and no test-only jars;
#   - each function: lib/ holds exactly its thin module jar, which contains the handler
#     class named in template.yaml and no bundled SDK/Jackson classes;
#   - each function module's runtime dependencies are all in the layer.
# Function modules whose directory does not exist yet are skipped with a message.
#
# Usage: infra/sam/check-sam-build.sh [--offline] [--keep]
#   --offline  pass -o to Maven (otherwise Maven runs online and retries offline on failure)
#   --keep     keep the scratch directory and print its path
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
offline=false
keep=false
for arg in "$@"; do
  case "$arg" in
    --offline) offline=true ;;
    --keep) keep=true ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

for tool in git make mvn unzip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/meridian-sam-build.XXXXXX")"
if [ "$keep" = true ]; then
  echo "scratch directory: $work"
else
  trap 'rm -rf "$work"' EXIT
fi
src="$work/src"
out="$work/artifacts"
mkdir -p "$src" "$out"

# the same input SAM gets: the source tree without build output
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' f; do
    if [ -f "$root/$f" ]; then
      mkdir -p "$src/$(dirname "$f")"
      cp -p "$root/$f" "$src/$f"
    fi
  done

failures=0
fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "  ok: $*"; }

# make <target> ARTIFACTS_DIR=<dir>, online first, then offline (-o) if that fails
run_make() {
  local target="$1" dir="$2" log="$work/$1.log"
  local flags="-B -q"
  [ "$offline" = true ] && flags="-B -q -o"
  if (cd "$src" && make "$target" ARTIFACTS_DIR="$dir" MVN_FLAGS="$flags") >"$log" 2>&1; then
    return 0
  fi
  if [ "$offline" = false ]; then
    echo "  (online build failed; retrying offline)"
    if (cd "$src" && make "$target" ARTIFACTS_DIR="$dir" MVN_FLAGS="-B -q -o") >"$log" 2>&1; then
      return 0
    fi
  fi
  echo "  make $target failed; last lines of its output:"
  tail -n 30 "$log" | sed 's/^/    /'
  return 1
}

size_of() { du -sh "$1" | cut -f1; }

# ----------------------------------------------------------------------------- layer
echo "== build-CommonLayer"
layer="$out/CommonLayer"
if run_make build-CommonLayer "$layer"; then
  lib="$layer/java/lib"
  if [ -d "$lib" ]; then
    for want in 'meridian-common.jar' 'dynamodb-[0-9]*.jar' 'eventbridge-[0-9]*.jar' \
                'url-connection-client-[0-9]*.jar' 'jackson-databind-[0-9]*.jar'; do
      if compgen -G "$lib/$want" >/dev/null; then ok "layer has $want"; else fail "layer lacks $want"; fi
    done
    for unwanted in 'junit-*.jar' 'DynamoDBLocal-*.jar' 'meridian-dynamodb*.jar' 'elasticmq-*.jar' 'meridian-testkit*.jar' \
                    'apache-client-*.jar' 'netty-nio-client-*.jar'; do
      if compgen -G "$lib/$unwanted" >/dev/null; then fail "layer contains $unwanted"; fi
    done
    extra="$(find "$layer" -mindepth 1 -maxdepth 1 ! -name java)"
    [ -z "$extra" ] || fail "layer has files outside java/: $extra"
    echo "  layer: $(find "$lib" -name '*.jar' | wc -l) jars, $(size_of "$layer")"
    (cd "$lib" && ls -S | while read -r j; do printf '    %8s  %s\n' "$(size_of "$j")" "$j"; done)
  else
    fail "build-CommonLayer produced no java/lib"
  fi
else
  fail "build-CommonLayer"
fi

# -------------------------------------------------------------------------- functions
# logical id -> handler class, read from template.yaml
handler_of() {
  awk -v id="  $1:" '
    $0 == id { inside = 1; next }
    inside && /^  [A-Za-z0-9]+:/ { exit }
    inside && $1 == "Handler:" { sub(/::.*/, "", $2); print $2; exit }
  ' "$src/template.yaml"
}

declare -A checked_modules=()
for fn in $(cd "$src" && make -s print-functions); do
  module="$(cd "$src" && make -s "print-module-$fn")"
  echo "== build-$fn ($module)"
  if [ ! -f "$src/$module/pom.xml" ]; then
    echo "  SKIP: module $module does not exist yet"
    continue
  fi
  dir="$out/$fn"
  if ! run_make "build-$fn" "$dir"; then
    fail "build-$fn"
    continue
  fi
  jar="$dir/lib/meridian-$(basename "$module").jar"
  if [ ! -f "$jar" ]; then
    fail "no $jar"
    continue
  fi
  ok "$(basename "$jar") $(size_of "$jar")"
  others="$(find "$dir" -type f ! -path "$jar")"
  [ -z "$others" ] && ok "artifact holds only the function jar" || fail "artifact holds other files: $others"
  entries="$(unzip -Z1 "$jar")"
  if grep -qE '^(software/amazon/awssdk|com/fasterxml/jackson|dev/meridian/common)/' <<<"$entries"; then
    fail "$(basename "$jar") bundles SDK, Jackson or common classes (they belong in the layer)"
  else
    ok "jar is thin (no SDK/Jackson/common classes)"
  fi
  handler="$(handler_of "$fn")"
  if [ -z "$handler" ]; then
    fail "no Handler for $fn in template.yaml"
  elif grep -qx "${handler//.//}.class" <<<"$entries"; then
    ok "handler class $handler present"
  else
    fail "handler class $handler not in $(basename "$jar")"
  fi

  # every runtime dependency of the module must come from the layer
  if [ -z "${checked_modules[$module]:-}" ] && [ -d "$layer/java/lib" ]; then
    checked_modules[$module]=1
    flags="-B -q"; [ "$offline" = true ] && flags="-B -q -o"
    if (cd "$src" && mvn $flags -pl "$module" -am package -DskipTests dependency:list -DincludeScope=runtime \
          -DexcludeGroupIds=dev.meridian -DoutputFile=target/runtime-deps.txt -DoutputScope=false) \
          >"$work/deps-$fn.log" 2>&1 ||
       (cd "$src" && mvn -B -q -o -pl "$module" -am package -DskipTests dependency:list -DincludeScope=runtime \
          -DexcludeGroupIds=dev.meridian -DoutputFile=target/runtime-deps.txt -DoutputScope=false) \
          >"$work/deps-$fn.log" 2>&1; then
      missing=""
      # lines look like "   group:artifact:jar[:classifier]:version[:scope][ -- module ...]"
      while read -r jarname; do
        [ -f "$layer/java/lib/$jarname" ] || missing="$missing $jarname"
      done < <(grep -E '^\s+[^ ]+:[^ ]+:' "$src/$module/target/runtime-deps.txt" | sed 's/^ *//; s/ .*//' |
               sed -E 's/:(compile|runtime|provided|system|test)$//' |
               awk -F: 'NF == 4 { print $2 "-" $4 ".jar" } NF == 5 { print $2 "-" $5 "-" $4 ".jar" }')
      [ -z "$missing" ] && ok "all runtime dependencies of $module are in the layer" ||
        fail "runtime dependencies of $module missing from the layer (add them to layers/common):$missing"
    else
      echo "  (could not list the runtime dependencies of $module; see $work/deps-$fn.log)"
    fi
  fi
done

echo
if [ "$failures" -gt 0 ]; then
  echo "check-sam-build: $failures failure(s)"
  exit 1
fi
echo "check-sam-build: OK"
