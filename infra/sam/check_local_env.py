#!/usr/bin/env python3
"""Checks events/env.json, the --env-vars file of `sam local invoke`, against template.yaml:

  - it has an entry for every function of the template, and nothing else (a `Parameters`
    entry, which SAM applies to every function, is allowed);
  - it names only variables the template declares for that function (Globals or its own
    Environment): SAM silently ignores any other, so a typo would leave a function talking to
    real AWS;
  - every function gets every endpoint override the template declares empty
    (DYNAMODB_ENDPOINT, EVENTBRIDGE_ENDPOINT, SQS_ENDPOINT), each an http URL on a host a
    container reaches the host by, the same URL for every function (one set of engines);
  - EVENT_BUS_NAME is the bus `./meridian local` creates (stack name meridian-local).

Run by check-template.py (so by .ci/run); alone: python3 infra/sam/check_local_env.py.
Its self-test breaks a copy of env.json in each of those ways and requires the check to name
the function and variable; and it runs infra/sam/local-env.py (the generator for other ports)
against a stand-in for GET /_local/endpoints and checks its file the same way.
"""
import copy
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV_FILE = os.path.join(ROOT, "events", "env.json")
LOCAL_STACK_NAME = "meridian-local"   # ./meridian local's default --stack-name
CONTAINER_HOSTS = ("host.docker.internal", "127.0.0.1", "localhost")
URL = re.compile(r"^http://([^/:]+):(\d{1,5})/?$")


def load_template(path=os.path.join(ROOT, "template.yaml")):
    """template.yaml with PyYAML (fast): short-form intrinsics become their long form
    (!Sub x -> {"Fn::Sub": x}, !Ref x -> {"Ref": x}), as cfn-lint's loader does."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def intrinsic(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        name = suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix
        if suffix == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
        return {name: value}

    Loader.add_multi_constructor("!", intrinsic)
    with open(path) as f:
        return yaml.load(f, Loader=Loader)


def declared(template):
    """{function: set of variable names} as the template declares them (Globals + own)."""
    globals_env = set(template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {}))
    result = {}
    for lid, r in template["Resources"].items():
        if r.get("Type") == "AWS::Serverless::Function":
            own = r.get("Properties", {}).get("Environment", {}).get("Variables", {})
            result[lid] = globals_env | set(own)
    return result


def endpoint_overrides(template):
    env = template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    return sorted(k for k, v in env.items() if k.endswith("_ENDPOINT") and v == "")


def local_bus_name(template):
    buses = [r for r in template["Resources"].values() if r.get("Type") == "AWS::Events::EventBus"]
    if len(buses) != 1:
        return None
    name = buses[0].get("Properties", {}).get("Name")
    if isinstance(name, dict) and "Fn::Sub" in name and isinstance(name["Fn::Sub"], str):
        return name["Fn::Sub"].replace("${AWS::StackName}", LOCAL_STACK_NAME)
    return name if isinstance(name, str) else None


def env_problems(template, env):
    problems = []
    if not isinstance(env, dict):
        return ["events/env.json must be a JSON object keyed by function logical id"]
    functions = declared(template)
    overrides = endpoint_overrides(template)
    if not overrides:
        problems.append("template.yaml declares no empty *_ENDPOINT variable in Globals.Function.Environment")
    for fn in sorted(set(functions) - set(env)):
        problems.append(f"events/env.json has no entry for function {fn}")
    urls = {}
    for key, values in env.items():
        if key == "Parameters":
            allowed = set.intersection(*functions.values()) if functions else set()
        elif key not in functions:
            problems.append(f"events/env.json: {key} is not a function of template.yaml")
            continue
        else:
            allowed = functions[key]
        if not isinstance(values, dict):
            problems.append(f"events/env.json: {key} must map variable names to values")
            continue
        for name, value in values.items():
            if name not in allowed:
                problems.append(f"events/env.json: {key}.{name} is not declared for {key} in template.yaml "
                                f"(sam local invoke ignores undeclared variables)")
            if not isinstance(value, str):
                problems.append(f"events/env.json: {key}.{name} must be a string")
        if key == "Parameters":
            continue
        merged = {**env.get("Parameters", {}), **values}
        for name in overrides:
            value = merged.get(name)
            if value is None:
                problems.append(f"events/env.json: {key} does not set {name} (it would call real AWS)")
                continue
            m = URL.match(str(value))
            if not m or m.group(1) not in CONTAINER_HOSTS:
                problems.append(f"events/env.json: {key}.{name} = {value!r} is not http://<{'|'.join(CONTAINER_HOSTS)}>:<port>")
            urls.setdefault(name, set()).add(value)
        bus = local_bus_name(template)
        if "EVENT_BUS_NAME" in allowed and bus and merged.get("EVENT_BUS_NAME") != bus:
            problems.append(f"events/env.json: {key}.EVENT_BUS_NAME must be {bus!r} (the bus of ./meridian local)")
    for name, values in sorted(urls.items()):
        if len(values) > 1:
            problems.append(f"events/env.json: {name} differs between functions ({sorted(values)}): one set of local engines")
    return problems


def self_test(template, env):
    failures = []
    fn = sorted(declared(template))[0]
    override = (endpoint_overrides(template) or ["DYNAMODB_ENDPOINT"])[0]

    def expect(mutated, words, what):
        found = env_problems(template, mutated)
        if not any(all(w in p for w in words) for p in found):
            failures.append(f"self-test: {what} went unnoticed (problems: {found})")

    mutated = copy.deepcopy(env)
    mutated.pop(fn, None)
    expect(mutated, [fn, "no entry"], f"env.json without {fn}")
    mutated = copy.deepcopy(env)
    mutated.setdefault(fn, {})["DYNAMO_ENDPOINT"] = "http://host.docker.internal:8000"
    expect(mutated, [fn, "DYNAMO_ENDPOINT", "not declared"], "an undeclared variable (a typo)")
    mutated = copy.deepcopy(env)
    mutated.setdefault(fn, {}).pop(override, None)
    expect(mutated, [fn, override], f"{fn} without {override}")
    mutated = copy.deepcopy(env)
    mutated.setdefault(fn, {})[override] = "https://dynamodb.us-east-1.amazonaws.com"
    expect(mutated, [fn, override], f"{fn}.{override} pointing at AWS")
    mutated = copy.deepcopy(env)
    mutated["NoSuchFunction"] = {}
    expect(mutated, ["NoSuchFunction"], "an entry for a function the template does not have")
    return failures


def generator_test(template):
    """infra/sam/local-env.py against a stand-in for GET /_local/endpoints on a free loopback
    port: its file must pass env_problems and carry the served ports; without an sqs URL it
    must fail naming it."""
    import http.server
    import subprocess
    import threading

    served = {}

    class Endpoints(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(served).encode()
            self.send_response(200 if self.path == "/_local/endpoints" else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    failures = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Endpoints)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = "http://127.0.0.1:%d" % server.server_address[1]
        tool = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "local-env.py"), "--from", base]
        served.update({"dynamodb": "http://127.0.0.1:41001", "sqs": "http://127.0.0.1:41002",
                       "events": "http://127.0.0.1:41003", "dynamodbstreams": "http://127.0.0.1:41001"})
        run = subprocess.run(tool, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            failures.append(f"local-env.py --from failed: {run.stderr.strip()}")
        else:
            env = json.loads(run.stdout)
            failures += [f"local-env.py output: {p}" for p in env_problems(template, env)]
            got = {v.get("DYNAMODB_ENDPOINT") for v in env.values()}
            if got != {"http://host.docker.internal:41001"}:
                failures.append(f"local-env.py: DYNAMODB_ENDPOINT {sorted(got)} is not the served port on host.docker.internal")
        served.pop("sqs")
        run = subprocess.run(tool, capture_output=True, text=True, timeout=120)
        if run.returncode == 0 or "sqs" not in run.stderr:
            failures.append(f"self-test: local-env.py accepted endpoints without sqs (exit {run.returncode}: {run.stderr.strip()})")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    return failures


def main(template=None):
    if template is None:
        from cfnlint.decode import decode
        template, matches = decode(os.path.join(ROOT, "template.yaml"))
        if template is None:
            sys.exit(f"template.yaml does not parse: {matches}")
    try:
        with open(ENV_FILE) as f:
            env = json.load(f)
    except (OSError, ValueError) as e:
        return [f"events/env.json cannot be read: {e}"], 0
    problems = env_problems(template, env)
    if not problems:
        problems += self_test(template, env)
        problems += generator_test(template)
    return problems, len([k for k in env if k != "Parameters"])


if __name__ == "__main__":
    problems, count = main()
    if problems:
        print("check-local-env: %d problem(s)" % len(problems))
        for p in problems:
            print("  - " + p)
        sys.exit(1)
    print("check-local-env: OK (events/env.json covers %d functions, declared variables only; self-test passed)" % count)
