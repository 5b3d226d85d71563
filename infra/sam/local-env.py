#!/usr/bin/env python3
"""Writes a `sam local invoke --env-vars` file for the engines of a running `./meridian local`
whose ports differ from those in events/env.json.

The engine URLs come from the running stack (GET <api>/_local/endpoints, which answers
{"dynamodb": URL, "sqs": URL, "events": URL, ...}) or from the command line (the URLs
`./meridian local` prints). Loopback hosts are rewritten to host.docker.internal (or --host),
because the functions run in containers; every function of template.yaml gets the same entry,
and EVENT_BUS_NAME the local bus. The result obeys the same check as events/env.json
(infra/sam/check_local_env.py).

Usage:
  python3 infra/sam/local-env.py --from http://127.0.0.1:3000 > /tmp/env.json
  python3 infra/sam/local-env.py --dynamodb http://127.0.0.1:8000 --sqs http://127.0.0.1:9324 \\
      --events http://127.0.0.1:4010 [--host 127.0.0.1] [-o /tmp/env.json]
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_local_env  # noqa: E402

ROOT = check_local_env.ROOT
VARIABLES = {"dynamodb": "DYNAMODB_ENDPOINT", "sqs": "SQS_ENDPOINT", "events": "EVENTBRIDGE_ENDPOINT"}
LOOPBACK = ("127.0.0.1", "localhost", "0.0.0.0", "[::1]")


def fetch_endpoints(base, timeout=5):
    url = base.rstrip("/") + "/_local/endpoints"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = json.load(response)
    except (urllib.error.URLError, ValueError, OSError) as e:
        raise SystemExit(f"local-env: cannot read {url} (is ./meridian local running there?): {e}")
    if not isinstance(body, dict):
        raise SystemExit(f"local-env: {url} answered {body!r}, not a JSON object")
    return body


def container_url(url, host):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or not parts.port:
        raise SystemExit(f"local-env: {url!r} is not an http://host:port URL")
    name = parts.hostname if parts.hostname not in LOOPBACK else host
    if parts.hostname == "::1":
        name = host
    return f"http://{name}:{parts.port}"


def env_file(template, endpoints, host):
    missing = [k for k in VARIABLES if not endpoints.get(k)]
    if missing:
        raise SystemExit(f"local-env: no URL for {', '.join(missing)} (give --{' --'.join(missing)} or --from)")
    entry = {VARIABLES[k]: container_url(endpoints[k], host) for k in VARIABLES}
    bus = check_local_env.local_bus_name(template)
    if bus:
        entry["EVENT_BUS_NAME"] = bus
    return {fn: dict(entry) for fn in sorted(check_local_env.declared(template))}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="base", help="base URL of the running stack's HTTP API (reads /_local/endpoints)")
    for k in VARIABLES:
        parser.add_argument("--" + k, help=f"URL of the local {k} engine")
    parser.add_argument("--host", default="host.docker.internal", help="host the containers reach the engines by")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    endpoints = fetch_endpoints(args.base) if args.base else {}
    for k in VARIABLES:
        if getattr(args, k):
            endpoints[k] = getattr(args, k)
    template = check_local_env.load_template()
    env = env_file(template, endpoints, args.host)
    problems = check_local_env.env_problems(template, env)
    if problems:
        raise SystemExit("local-env: the file would be wrong:\n  - " + "\n  - ".join(problems))
    text = json.dumps(env, indent=2) + "\n"
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
