#!/usr/bin/env python3
"""Checks that template.yaml watches everything an operator must hear about, and that the
runbook (docs/operations.md) has a section for every alarm:

  - every function: an Errors and a Throttles alarm, and a DeploymentPreference (type from
    the StageSettings mapping) whose rollback alarms include its Errors alarm;
  - every function fed by a stream: an IteratorAge alarm;
  - every queue: an ApproximateAgeOfOldestMessage alarm; every dead-letter queue (a queue
    some RedrivePolicy, rule target or OnFailure destination sends to) also a depth alarm;
  - every HTTP API: a 5xx-rate alarm (metric math 5xx / Count) and a p99 Latency alarm;
  - the business metrics: stuck PENDING orders and payment declines;
  - every alarm: named <stack>-<logical id>, AlarmActions and OKActions to the optional
    AlarmTopicArn, TreatMissingData set, a runbook link to a section that exists, and a place
    on the dashboard's alarm widget; a dashboard named after the region; an archive per bus.

Run by check-template.py (so by .ci/run); alone: python3 infra/sam/check_alarms.py.
Its self-test removes each alarm in turn (and adds an unwatched queue and function) and
requires the check to name what lost its alarm: a check that cannot fail proves nothing.
"""
import copy
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ACTIONS = {"Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}
STREAM_EVENTS = ("DynamoDB", "Kinesis")


def runbook_anchors(path=os.path.join(ROOT, "docs", "operations.md")):
    """GitHub-style anchors of the markdown headings of the runbook."""
    anchors = set()
    if not os.path.exists(path):
        return anchors
    with open(path) as f:
        for line in f:
            m = re.match(r"^#{1,6}\s+(.*)$", line.rstrip("\n"))
            if m:
                text = re.sub(r"[`*_]", "", m.group(1)).strip().lower()
                anchors.add(re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", text)))
    return anchors


def metrics_of(alarm):
    """(namespace, metric name, {dimension: value}) of every metric an alarm reads."""
    p = alarm.get("Properties", {})
    found = []
    if "MetricName" in p:
        found.append((p.get("Namespace"), p["MetricName"], dims(p.get("Dimensions", []))))
    for m in p.get("Metrics", []):
        metric = m.get("MetricStat", {}).get("Metric")
        if metric:
            found.append((metric.get("Namespace"), metric.get("MetricName"), dims(metric.get("Dimensions", []))))
    return found


def dims(dimensions):
    return {d.get("Name"): d.get("Value") for d in dimensions}


def alarms_on(alarms, namespace, metric, dimension, value):
    return [lid for lid, a in alarms.items()
            if any(ns == namespace and name == metric and d.get(dimension) == value for ns, name, d in metrics_of(a))]


def arn_target(value):
    """Logical id of a !GetAtt X.Arn (or ["X", "Arn"]), else None."""
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        att = value["Fn::GetAtt"]
        parts = att.split(".") if isinstance(att, str) else att
        if len(parts) == 2 and parts[1] == "Arn":
            return parts[0]
    return None


def dead_letter_queues(resources):
    dlqs = set()
    for r in resources.values():
        p = r.get("Properties", {})
        if r.get("Type") == "AWS::SQS::Queue":
            dlqs.add(arn_target(p.get("RedrivePolicy", {}).get("deadLetterTargetArn")))
        if r.get("Type") == "AWS::Events::Rule":
            for t in p.get("Targets", []):
                dlqs.add(arn_target(t.get("DeadLetterConfig", {}).get("Arn")))
        if r.get("Type") == "AWS::Serverless::Function":
            for e in p.get("Events", {}).values():
                dest = e.get("Properties", {}).get("DestinationConfig", {}).get("OnFailure", {})
                dlqs.add(arn_target(dest.get("Destination")))
    dlqs.discard(None)
    return {q for q in dlqs if resources.get(q, {}).get("Type") == "AWS::SQS::Queue"}


def rollback_alarms(preference):
    """The alarm logical ids a DeploymentPreference rolls back on (the 'on' branch of an !If)."""
    alarms = preference.get("Alarms", [])
    if isinstance(alarms, dict) and "Fn::If" in alarms:
        alarms = alarms["Fn::If"][1]
    return {a.get("Ref") for a in alarms if isinstance(a, dict)}


def alarm_problems(template, anchors):
    resources = template["Resources"]
    alarms = {k: v for k, v in resources.items() if v.get("Type") == "AWS::CloudWatch::Alarm"}
    problems = []

    def need(found, message):
        if not found:
            problems.append(message)

    for fn, r in resources.items():
        if r.get("Type") != "AWS::Serverless::Function":
            continue
        errors = alarms_on(alarms, "AWS/Lambda", "Errors", "FunctionName", {"Ref": fn})
        need(errors, f"function {fn} has no Errors alarm (AWS/Lambda Errors, FunctionName !Ref {fn})")
        need(alarms_on(alarms, "AWS/Lambda", "Throttles", "FunctionName", {"Ref": fn}),
             f"function {fn} has no Throttles alarm (AWS/Lambda Throttles, FunctionName !Ref {fn})")
        events = r.get("Properties", {}).get("Events", {})
        if any(e.get("Type") in STREAM_EVENTS for e in events.values()):
            need(alarms_on(alarms, "AWS/Lambda", "IteratorAge", "FunctionName", {"Ref": fn}),
                 f"function {fn} reads a stream but has no IteratorAge alarm")
        preference = r.get("Properties", {}).get("DeploymentPreference")
        if not preference:
            problems.append(f"function {fn} has no DeploymentPreference (gradual alias shift with rollback alarms)")
        else:
            kind = preference.get("Type")
            need(isinstance(kind, dict) and kind.get("Fn::FindInMap", [None])[0] == "StageSettings",
                 f"function {fn}: DeploymentPreference.Type must come from the StageSettings mapping (canary in prod)")
            need(set(errors) & rollback_alarms(preference),
                 f"function {fn}: DeploymentPreference.Alarms must include its Errors alarm")
            if any(e.get("Type") in ("HttpApi", "Api") for e in events.values()):
                # API handlers answer failures with 5xx responses, which are not Lambda errors
                server_errors = [a for a in alarms if any(ns == "Meridian" and m == "ApiServerErrors"
                                                          for ns, m, _ in metrics_of(alarms[a]))]
                need(set(server_errors) & rollback_alarms(preference),
                     f"function {fn} serves the API: DeploymentPreference.Alarms must include an alarm on Meridian/ApiServerErrors")

    dlqs = dead_letter_queues(resources)
    for q, r in resources.items():
        if r.get("Type") != "AWS::SQS::Queue":
            continue
        name = {"Fn::GetAtt": [q, "QueueName"]}
        need(alarms_on(alarms, "AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", name),
             f"queue {q} has no ApproximateAgeOfOldestMessage alarm")
        if q in dlqs:
            depth = [a for a in alarms_on(alarms, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", name)
                     if alarms[a]["Properties"].get("Threshold") == 0
                     and alarms[a]["Properties"].get("ComparisonOperator") == "GreaterThanThreshold"]
            need(depth, f"dead-letter queue {q} has no depth alarm (ApproximateNumberOfMessagesVisible > 0)")

    for api, r in resources.items():
        if r.get("Type") != "AWS::Serverless::HttpApi":
            continue
        rate = [a for a in alarms_on(alarms, "AWS/ApiGateway", "5xx", "ApiId", {"Ref": api})
                if alarms_on({a: alarms[a]}, "AWS/ApiGateway", "Count", "ApiId", {"Ref": api})
                and any("Expression" in m for m in alarms[a]["Properties"].get("Metrics", []))]
        need(rate, f"HTTP API {api} has no 5xx-rate alarm (metric math over 5xx and Count)")
        p99 = [a for a in alarms_on(alarms, "AWS/ApiGateway", "Latency", "ApiId", {"Ref": api})
               if alarms[a]["Properties"].get("ExtendedStatistic") == "p99"]
        need(p99, f"HTTP API {api} has no p99 Latency alarm")

    for metric in ("OrdersStuckPending", "PaymentsDeclined"):
        need([a for a in alarms if any(ns == "Meridian" and m == metric for ns, m, _ in metrics_of(alarms[a]))],
             f"no alarm on the business metric Meridian/{metric}")

    dashboards = {k: v for k, v in resources.items() if v.get("Type") == "AWS::CloudWatch::Dashboard"}
    need(dashboards, "no AWS::CloudWatch::Dashboard")
    body = ""
    for d, r in dashboards.items():
        name = r.get("Properties", {}).get("DashboardName", {})
        need(isinstance(name, dict) and "${AWS::Region}" in str(name.get("Fn::Sub", "")),
             f"dashboard {d}: DashboardName must contain ${{AWS::Region}} (dashboard names are per account)")
        body += str(r.get("Properties", {}).get("DashboardBody", ""))

    for lid, a in alarms.items():
        p = a.get("Properties", {})
        need(p.get("AlarmName") == {"Fn::Sub": "${AWS::StackName}-" + lid},
             f"alarm {lid}: AlarmName must be !Sub \"${{AWS::StackName}}-{lid}\" (the runbook's commands use it)")
        need(p.get("AlarmActions") == ACTIONS, f"alarm {lid}: AlarmActions must be !If [HasAlarmTopic, [!Ref AlarmTopicArn], !Ref AWS::NoValue]")
        need(p.get("OKActions") == ACTIONS, f"alarm {lid}: OKActions must be !If [HasAlarmTopic, [!Ref AlarmTopicArn], !Ref AWS::NoValue]")
        need("TreatMissingData" in p, f"alarm {lid}: TreatMissingData must be set")
        link = re.search(r"docs/operations\.md#([\w-]+)", str(p.get("AlarmDescription", "")))
        need(link, f"alarm {lid}: AlarmDescription must link its runbook section (docs/operations.md#<section>)")
        if link:
            need(link.group(1) in anchors, f"alarm {lid}: docs/operations.md has no section #{link.group(1)}")
        need("${%s.Arn}" % lid in body, f"alarm {lid} is not on the dashboard's alarm widget")

    for bus, r in resources.items():
        if r.get("Type") == "AWS::Events::EventBus":
            need([k for k, v in resources.items() if v.get("Type") == "AWS::Events::Archive"
                  and arn_target(v.get("Properties", {}).get("SourceArn")) == bus],
                 f"event bus {bus} has no AWS::Events::Archive (events could not be replayed)")
    return problems


def self_test(template, anchors):
    """Negative controls: each mutation must make the check name the resource it broke."""
    failures = []

    baseline = set(alarm_problems(template, anchors))

    def new_problems(mutated):
        return [p for p in alarm_problems(mutated, anchors) if p not in baseline]

    def expect(mutated, word, what):
        problems = new_problems(mutated)
        if not any(word in p for p in problems):
            failures.append(f"self-test: {what} went unnoticed (new problems: {problems})")

    alarms = [k for k, v in template["Resources"].items() if v.get("Type") == "AWS::CloudWatch::Alarm"]
    for lid in alarms:
        mutated = copy.deepcopy(template)
        del mutated["Resources"][lid]
        # whatever it watched must now be reported (its metric's resource, or the metric itself)
        watched = [str(v.get("Ref") or (v.get("Fn::GetAtt") or [""])[0]) if isinstance(v, dict) else str(v)
                   for _, _, d in metrics_of(template["Resources"][lid]) for v in d.values()]
        watched += [m for _, m, _ in metrics_of(template["Resources"][lid])]
        problems = new_problems(mutated)
        if not any(w and w in p for p in problems for w in watched):
            failures.append(f"self-test: removing alarm {lid} went unnoticed (it watches {watched})")
    mutated = copy.deepcopy(template)
    mutated["Resources"]["UnwatchedQueue"] = {"Type": "AWS::SQS::Queue", "Properties": {}}
    expect(mutated, "UnwatchedQueue", "a queue without alarms")
    mutated = copy.deepcopy(template)
    mutated["Resources"]["UnwatchedFunction"] = {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "x::y"}}
    expect(mutated, "UnwatchedFunction", "a function without alarms")
    fn = next(k for k, v in template["Resources"].items() if v.get("Type") == "AWS::Serverless::Function")
    mutated = copy.deepcopy(template)
    mutated["Resources"][fn]["Properties"].pop("DeploymentPreference", None)
    expect(mutated, fn, f"{fn} without a DeploymentPreference")
    mutated = copy.deepcopy(template)
    mutated["Resources"][alarms[0]]["Properties"].pop("OKActions", None)
    expect(mutated, alarms[0], f"alarm {alarms[0]} without OKActions")
    if not [p for p in alarm_problems(template, set()) if "docs/operations.md has no section" in p]:
        failures.append("self-test: a runbook without sections went unnoticed")
    return failures


def main(template=None):
    if template is None:
        from cfnlint.decode import decode
        template, matches = decode(os.path.join(ROOT, "template.yaml"))
        if template is None:
            sys.exit(f"template.yaml does not parse: {matches}")
    anchors = runbook_anchors()
    problems = alarm_problems(template, anchors) + self_test(template, anchors)
    alarms = sum(1 for v in template["Resources"].values() if v.get("Type") == "AWS::CloudWatch::Alarm")
    return problems, alarms


if __name__ == "__main__":
    problems, count = main()
    if problems:
        print("check-alarms: %d problem(s)" % len(problems))
        for p in problems:
            print("  - " + p)
        sys.exit(1)
    print("check-alarms: OK (%d alarms; every function, queue, stream and API watched; self-test passed)" % count)
