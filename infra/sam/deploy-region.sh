#!/usr/bin/env bash
# Deploys one samconfig.toml environment (run `sam build` first).
#
# For the primary region (its region equals PrimaryRegion) this is plain
# `sam deploy --config-env <env>`. For a secondary region it first looks up the values
# that exist only once the primary region's stack is deployed, and appends them to the
# environment's parameter_overrides:
#   OutboxStreamArn         stream ARN of this region's replica of <TablePrefix>-outbox
#   SharedUserPoolId        output UserPoolId of the primary region's stack
#   SharedUserPoolClientId  output UserPoolClientId of the primary region's stack
#
# Usage: infra/sam/deploy-region.sh <config-env> [--dry-run] [extra sam deploy args...]
#   --dry-run  print the sam deploy command instead of running it (AWS lookups still run)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,14p' "$0"
  exit 2
fi
env="$1"; shift
dry_run=false
if [ "${1:-}" = "--dry-run" ]; then dry_run=true; shift; fi

# region, stack name, overrides of <env>, and the stack name of the env deployed in the primary region
read_config() {
  python3 - "$env" <<'EOF'
import shlex, sys
try:
    import tomllib
except ImportError:
    sys.exit("error: Python 3.11+ is needed to read samconfig.toml (tomllib)")
env = sys.argv[1]
with open("samconfig.toml", "rb") as f:
    config = tomllib.load(f)
def deploy(name):
    return config.get(name, {}).get("deploy", {}).get("parameters", {})
params = deploy(env)
if not params:
    sys.exit(f"error: samconfig.toml has no [{env}.deploy.parameters]")
overrides = params.get("parameter_overrides", "")
values = dict(item.split("=", 1) for item in shlex.split(overrides))
primary = values.get("PrimaryRegion", "us-east-1")
prefix = values.get("TablePrefix", "meridian-dev")
primary_stack = next((deploy(n)["stack_name"] for n in config if n != "version"
                      and deploy(n).get("region") == primary
                      and dict(i.split("=", 1) for i in shlex.split(deploy(n).get("parameter_overrides", ""))).get("TablePrefix") == prefix),
                     "")
for value in (params["region"], params["stack_name"], primary, prefix, primary_stack, overrides):
    print(value)
EOF
}
{ read -r region; read -r stack; read -r primary; read -r prefix; read -r primary_stack; read -r overrides; } < <(read_config)
[ -n "${region:-}" ] || exit 1

cmd=(sam deploy --config-env "$env")
if [ "$region" != "$primary" ]; then
  if [ -z "$primary_stack" ]; then
    echo "error: no environment in samconfig.toml deploys TablePrefix=$prefix in the primary region $primary" >&2
    exit 1
  fi
  stream="$(aws dynamodb describe-table --region "$region" --table-name "$prefix-outbox" \
              --query Table.LatestStreamArn --output text 2>/dev/null || true)"
  output() {
    aws cloudformation describe-stacks --region "$primary" --stack-name "$primary_stack" \
      --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text 2>/dev/null || true
  }
  pool="$(output UserPoolId)"
  client="$(output UserPoolClientId)"
  for pair in "OutboxStreamArn:$stream" "SharedUserPoolId:$pool" "SharedUserPoolClientId:$client"; do
    if [ -z "${pair#*:}" ] || [ "${pair#*:}" = "None" ]; then
      echo "error: could not find ${pair%%:*} for $env ($region): deploy the primary region ($primary, stack $primary_stack) first, with $region in its ReplicaRegions" >&2
      exit 1
    fi
  done
  cmd+=(--parameter-overrides "$overrides OutboxStreamArn=$stream SharedUserPoolId=$pool SharedUserPoolClientId=$client")
fi
cmd+=("$@")

if [ "$dry_run" = true ]; then
  printf '%q ' "${cmd[@]}"; echo
else
  echo "== $env: stack $stack in $region (primary region $primary)"
  "${cmd[@]}"
fi
