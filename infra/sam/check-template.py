#!/usr/bin/env python3
"""Checks template.yaml against the contract in docs/architecture.md and docs/events.md,
and the things cfn-lint does not check (global table keys, stream view types, SQS event
settings, rule patterns against the sample events); then runs the sibling checks:
check_alarms.py (every function, queue, stream and API has its alarms, each alarm its runbook
section in docs/operations.md), check_local_env.py (events/env.json, for sam local invoke,
covers every function with declared variables only) and check_workflows.py (actions pinned to commits, deploys
gated on ci with a smoke check after each region, CI on Java 17 and 21).

Reads the markdown tables of the docs, so a change to either side that is not made to the
other fails here. Needs cfn-lint installed (its YAML loader understands !Ref, !Sub, ...).

Usage: python3 infra/sam/check-template.py   (exit status 1 on any mismatch)
"""
import glob
import json
import os
import re
import sys

from cfnlint.decode import decode

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def md_table(path, first_header):
    """Rows (lists of cells, backticks stripped) of the markdown table whose first header cell is first_header."""
    rows, inside = [], False
    with open(os.path.join(ROOT, path)) as f:
        for line in f:
            line = line.rstrip("\n")
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not inside:
                inside = line.startswith("|") and cells[0] == first_header
                continue
            if not line.startswith("|"):
                break
            if set(line.replace("|", "").strip()) <= set("-: "):
                continue
            rows.append(cells)
    if not rows:
        failures.append(f"{path}: no table starting with '{first_header}'")
    return rows


def ticks(text):
    return re.findall(r"`([^`]+)`", text)


template, matches = decode(os.path.join(ROOT, "template.yaml"))
if template is None:
    sys.exit(f"template.yaml does not parse: {matches}")
resources = template["Resources"]
env = template["Globals"]["Function"]["Environment"]["Variables"]

# ---------------------------------------------------------------- functions and handlers
functions = {k: v for k, v in resources.items() if v["Type"] == "AWS::Serverless::Function"}
documented = {}
for cells in md_table("docs/architecture.md", "logical id"):
    logical_id, handler = ticks(cells[0])[0], ticks(cells[1])[0]
    documented[logical_id] = handler
check(set(functions) == set(documented),
      f"functions in template {sorted(functions)} differ from docs {sorted(documented)}")
for logical_id, handler in documented.items():
    fn = functions.get(logical_id)
    if not fn:
        continue
    props = fn["Properties"]
    check(props.get("Handler") == handler, f"{logical_id}: Handler {props.get('Handler')} != docs {handler}")
    check(props.get("CodeUri") == ".", f"{logical_id}: CodeUri must be '.' (the Makefile builds from the root)")
    check(fn.get("Metadata", {}).get("BuildMethod") == "makefile", f"{logical_id}: Metadata.BuildMethod must be makefile")
    for name, event in props.get("Events", {}).items():
        p = event["Properties"]
        if event["Type"] == "SQS":
            check(p.get("BatchSize") == 10, f"{logical_id}.{name}: BatchSize should be 10")
            check(p.get("FunctionResponseTypes") == ["ReportBatchItemFailures"],
                  f"{logical_id}.{name}: needs FunctionResponseTypes [ReportBatchItemFailures]")
        if event["Type"] == "DynamoDB":
            check(p.get("StartingPosition") == "TRIM_HORIZON", f"{logical_id}.{name}: StartingPosition TRIM_HORIZON")
            check(p.get("FunctionResponseTypes") == ["ReportBatchItemFailures"],
                  f"{logical_id}.{name}: needs FunctionResponseTypes [ReportBatchItemFailures]")
            check("DestinationConfig" in p, f"{logical_id}.{name}: needs an OnFailure destination")

layer = resources.get("CommonLayer", {})
check(layer.get("Type") == "AWS::Serverless::LayerVersion", "CommonLayer must be a LayerVersion")
check(layer.get("Metadata", {}).get("BuildMethod") == "makefile", "CommonLayer: Metadata.BuildMethod must be makefile")

# every function's SQS queue has a DLQ and a visibility timeout >= 6 x the function timeout
def number(value):
    """A literal, or a !Ref to a parameter: its default (what a deployment uses unless overridden)."""
    if isinstance(value, dict) and "Ref" in value:
        return int(template["Parameters"][value["Ref"]]["Default"])
    return int(value)


timeout = number(template["Globals"]["Function"]["Timeout"])
for logical_id, fn in functions.items():
    for name, event in fn["Properties"].get("Events", {}).items():
        if event["Type"] != "SQS":
            continue
        queue_id = event["Properties"]["Queue"]["Fn::GetAtt"][0]
        queue = resources[queue_id]["Properties"]
        check(number(queue.get("VisibilityTimeout", 30)) >= 6 * number(fn["Properties"].get("Timeout", timeout)),
              f"{queue_id}: VisibilityTimeout must be >= 6 x the timeout of {logical_id}")
        check("RedrivePolicy" in queue, f"{queue_id}: needs a RedrivePolicy (DLQ)")

# ---------------------------------------------------------------- environment variables
ENDPOINT_OVERRIDES = ("DYNAMODB_ENDPOINT", "EVENTBRIDGE_ENDPOINT", "SQS_ENDPOINT")
for cells in md_table("docs/architecture.md", "variable"):
    for name in ticks(cells[0]):
        if name == "AWS_REGION":
            check(name not in env, "AWS_REGION must not be set by the template (Lambda sets it)")
        elif name in ENDPOINT_OVERRIDES:
            # declared (so sam local invoke --env-vars may set them) and empty: the real endpoint in AWS
            check(env.get(name) == "", f"{name} must be declared in Globals.Function.Environment with the value \"\" (empty = the AWS endpoint)")
        else:
            check(name in env, f"environment variable {name} (docs) missing from Globals.Function.Environment")
for name in ENDPOINT_OVERRIDES:
    check(any(name in ticks(c[0]) for c in md_table("docs/architecture.md", "variable")),
          f"endpoint override {name} is not documented in docs/architecture.md (Environment variables)")
check(str(number(env.get("RESERVATION_TTL_SECONDS"))) == "900", "RESERVATION_TTL_SECONDS should default to 900 (docs/architecture.md)")

# ---------------------------------------------------------------- tables
def table_rows_of_docs():
    """Rows of the table under '## Tables' (its first header is also 'logical id')."""
    rows = []
    text = open(os.path.join(ROOT, "docs/architecture.md")).read()
    section = text.split("## Tables", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        if line.startswith("| `"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


for cells in table_rows_of_docs():
    logical_id = ticks(cells[0])[0]
    table = resources.get(logical_id)
    if not table:
        failures.append(f"table {logical_id} (docs) missing from template")
        continue
    check(table["Type"] == "AWS::DynamoDB::GlobalTable", f"{logical_id}: must be AWS::DynamoDB::GlobalTable")
    check(table.get("Condition") == "IsPrimaryRegion", f"{logical_id}: must have Condition IsPrimaryRegion")
    p = table["Properties"]
    attrs = {a["AttributeName"]: a["AttributeType"] for a in p.get("AttributeDefinitions", [])}
    keys = re.findall(r"`(\w+)` \((S|N|B)\)", cells[1])
    schema = [(k["AttributeName"], k["KeyType"]) for k in p.get("KeySchema", [])]
    check(schema == list(zip([k for k, _ in keys], ["HASH", "RANGE"])), f"{logical_id}: KeySchema {schema} != docs {keys}")
    for name, type_ in keys:
        check(attrs.get(name) == type_, f"{logical_id}: attribute {name} should be {type_}")
    for gsi_name, gsi_keys in re.findall(r"GSI `(\w+)`: ((?:`\w+` \([SNB]\)(?: \+ )?)+)", cells[2]):
        gsi = next((g for g in p.get("GlobalSecondaryIndexes", []) if g["IndexName"] == gsi_name), None)
        if not gsi:
            failures.append(f"{logical_id}: GSI {gsi_name} (docs) missing")
            continue
        want = re.findall(r"`(\w+)` \((S|N|B)\)", gsi_keys)
        got = [(k["AttributeName"], k["KeyType"]) for k in gsi["KeySchema"]]
        check(got == list(zip([k for k, _ in want], ["HASH", "RANGE"])), f"{logical_id}.{gsi_name}: keys {got} != docs {want}")
        for name, type_ in want:
            check(attrs.get(name) == type_, f"{logical_id}: GSI attribute {name} should be {type_}")
    used = {k for k, _ in schema} | {k["AttributeName"] for g in p.get("GlobalSecondaryIndexes", []) for k in g["KeySchema"]}
    check(set(attrs) == used, f"{logical_id}: AttributeDefinitions {sorted(attrs)} must be exactly the key attributes {sorted(used)}")
    ttl = re.search(r"TTL `(\w+)`", cells[2])
    spec = p.get("TimeToLiveSpecification")
    if ttl:
        check(spec == {"AttributeName": ttl.group(1), "Enabled": True}, f"{logical_id}: TTL should be {ttl.group(1)}")
    else:
        check(spec is None, f"{logical_id}: TTL not in docs")
    check(p.get("BillingMode") == "PAY_PER_REQUEST", f"{logical_id}: BillingMode PAY_PER_REQUEST")
    check(p.get("StreamSpecification") == {"StreamViewType": "NEW_AND_OLD_IMAGES"}, f"{logical_id}: stream NEW_AND_OLD_IMAGES")
    check(p.get("SSESpecification", {}).get("SSEEnabled") is True, f"{logical_id}: SSE")
    local = p.get("Replicas", [{}])[0]
    check(local.get("Region") == {"Ref": "AWS::Region"}, f"{logical_id}: first replica must be this region")
    check(local.get("PointInTimeRecoverySpecification") == {"PointInTimeRecoveryEnabled": True}, f"{logical_id}: PITR")
    suffix = re.sub(r"(?<!^)([A-Z])", r"-\1", logical_id[:-len("Table")]).lower()
    check(p.get("TableName") == {"Fn::Sub": "${TablePrefix}-" + suffix}, f"{logical_id}: TableName should be ${{TablePrefix}}-{suffix}")
    env_name = suffix.replace("-", "_").upper() + "_TABLE"
    check(env.get(env_name) == {"Fn::Sub": "${TablePrefix}-" + suffix}, f"{env_name} should be !Sub ${{TablePrefix}}-{suffix}")

# ---------------------------------------------------------------- bus rules vs sample events
rules = {k: v for k, v in resources.items() if v["Type"] == "AWS::Events::Rule"}
docs_rules = {ticks(c[0])[0]: ticks(c[2])[0] for c in md_table("docs/architecture.md", "rule")}
check(set(rules) == set(docs_rules), f"rules {sorted(rules)} != docs {sorted(docs_rules)}")
for name, target_queue in docs_rules.items():
    rule = rules.get(name)
    if not rule:
        continue
    targets = rule["Properties"]["Targets"]
    check([t["Arn"] for t in targets] == [{"Fn::GetAtt": [target_queue, "Arn"]}], f"{name}: target should be {target_queue}")
    for t in targets:
        check("RetryPolicy" in t, f"{name}: target needs a RetryPolicy")
        check(t.get("DeadLetterConfig", {}).get("Arn") == {"Fn::GetAtt": ["EventsTargetDLQ", "Arn"]},
              f"{name}: target DLQ should be EventsTargetDLQ")


def matches(pattern, event):
    """The subset of EventBridge matching the rules use: value lists, nesting, $or."""
    for key, want in pattern.items():
        if key == "$or":
            if not any(matches(p, event) for p in want):
                return False
        elif isinstance(want, dict):
            if not isinstance(event.get(key), dict) or not matches(want, event[key]):
                return False
        elif event.get(key) not in want:
            return False
    return True


consumers = {"inventory": "InventoryRule", "payments": "PaymentsRule", "orders": "OrdersRule"}
for cells in md_table("docs/events.md", "source"):
    detail_type = ticks(cells[1])[0]
    want = {consumers[w] for w in re.findall(r"\b(inventory|payments|orders)\b", cells[4])}
    fixture = os.path.join(ROOT, "events", "sqs", re.sub(r"(?<!^)([A-Z])", r"-\1", detail_type).lower() + ".json")
    if not os.path.exists(fixture):
        failures.append(f"no sample event {os.path.relpath(fixture, ROOT)} for {detail_type}")
        continue
    record = json.load(open(fixture))["Records"][0]
    event = json.loads(record["body"])
    check(event["detail-type"] == detail_type and event["source"] == cells[0],
          f"{os.path.basename(fixture)}: source/detail-type should be {cells[0]}/{detail_type}")
    data_fields = [f.strip().split(":")[0] for f in cells[2].strip("`").split(",")]
    data_fields = [re.sub(r"[`\s].*", "", f) for f in data_fields]
    check(sorted(event["detail"]["data"]) == sorted(data_fields),
          f"{os.path.basename(fixture)}: data fields {sorted(event['detail']['data'])} != docs {sorted(data_fields)}")
    got = {name for name, rule in rules.items() if matches(rule["Properties"]["EventPattern"], event)}
    check(got == want, f"{detail_type} is matched by {sorted(got)}, docs say consumed by {sorted(want)}")

for path in glob.glob(os.path.join(ROOT, "events", "**", "*.json"), recursive=True):
    try:
        json.load(open(path))
    except ValueError as e:
        failures.append(f"{os.path.relpath(path, ROOT)}: {e}")

# ---------------------------------------------------------------- alarms, sam local env, workflows
# sibling checks, each with its own negative controls (see their docstrings)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_alarms  # noqa: E402

import check_local_env  # noqa: E402
import check_workflows  # noqa: E402

alarm_failures, alarm_count = check_alarms.main(template)
failures += alarm_failures
workflow_failures, _ = check_workflows.main()
failures += workflow_failures
env_failures, _ = check_local_env.main(template)
failures += env_failures

if failures:
    print("check-template: %d problem(s)" % len(failures))
    for f in failures:
        print("  - " + f)
    sys.exit(1)
print("check-template: OK (%d functions, %d tables, %d rules, %d alarms; env.json and workflows checked; self-tests passed)"
      % (len(functions), len(table_rows_of_docs()), len(rules), alarm_count))
