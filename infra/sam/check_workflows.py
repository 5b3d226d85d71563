#!/usr/bin/env python3
"""Checks the GitHub workflows for what makes a deploy safe:

  - every third-party action is pinned to a full commit SHA, with its release tag in a
    comment (`uses: owner/repo@<40 hex> # vX.Y.Z`): a tag can be moved, a commit cannot;
  - deploy.yml deploys only a commit whose CI passed: it is triggered by the ci workflow's
    completion (workflow_run, branch main), its first job runs only when that run succeeded
    and checks, for a manual run too, that ci succeeded for the exact commit; every job
    checks out that commit;
  - after each region's deploy it runs `./meridian smoke --target ...`, and the secondary
    regions go one at a time with fail-fast, so a failed smoke check stops the rollout;
  - ci.yml builds and tests on Java 17 and 21 (the Lambda runtime's version).

Run by check-template.py (so by .ci/run); alone: python3 infra/sam/check_workflows.py.
Its self-test breaks a copy of the workflows in each of those ways and requires the check to
name the break.
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKFLOWS = os.path.join(ROOT, ".github", "workflows")
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([^@\s]+)@([0-9a-f]{40})\s+#\s*v\d[\w.-]*\s*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)")


def load(texts):
    """{file name: (text, parsed)} ; PyYAML reads the key `on` as True."""
    parsed = {}
    for name, text in texts.items():
        doc = yaml.safe_load(text)
        if True in doc and "on" not in doc:
            doc["on"] = doc.pop(True)
        parsed[name] = (text, doc)
    return parsed


def pin_problems(name, text):
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        m = USES.match(line)
        if not m or m.group(1).startswith(("./", "docker://")):
            continue
        if not PINNED.match(line):
            problems.append(f"{name}:{number}: action {m.group(1)} is not pinned to a full commit SHA "
                            f"with its tag in a comment (uses: owner/repo@<40 hex> # vX.Y.Z)")
    return problems


def steps_text(job):
    return "\n".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in job.get("steps", []))


def depends_on(jobs, job_id, target):
    """Whether job_id needs target, directly or through other jobs."""
    seen, todo = set(), [job_id]
    while todo:
        needs = jobs.get(todo.pop(), {}).get("needs", [])
        for n in [needs] if isinstance(needs, str) else needs:
            if n == target:
                return True
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return False


def deploy_problems(ci, deploy):
    problems = []
    ci_name = ci.get("name")
    run = (deploy.get("on") or {}).get("workflow_run") or {}
    if ci_name not in (run.get("workflows") or []) or (run.get("types") or []) != ["completed"]:
        problems.append(f"deploy.yml: must be triggered by workflow_run of the ci workflow ({ci_name!r}) with types [completed]")
    if "main" not in (run.get("branches") or []):
        problems.append("deploy.yml: workflow_run must be limited to branch main")
    if "push" in (deploy.get("on") or {}):
        problems.append("deploy.yml: must not deploy on push (that would not wait for ci)")
    jobs = deploy.get("jobs", {})
    gates = [j for j, job in jobs.items()
             if "workflow_run.conclusion == 'success'" in str(job.get("if", ""))
             and "actions/workflows/ci.yml/runs?head_sha=" in steps_text(job) and "status=success" in steps_text(job)]
    if not gates:
        problems.append("deploy.yml: needs a gate job that runs only if the ci run succeeded "
                        "(if: github.event.workflow_run.conclusion == 'success') and checks ci succeeded for the commit")
    gate = gates[0] if gates else None
    deploying = [j for j, job in jobs.items() if "deploy-region.sh" in steps_text(job) or "sam deploy" in steps_text(job)]
    if not deploying:
        problems.append("deploy.yml: no job deploys (infra/sam/deploy-region.sh)")
    for j, job in jobs.items():
        if j == gate:
            continue
        if gate and not depends_on(jobs, j, gate):
            problems.append(f"deploy.yml: job {j} does not depend on the gate job {gate}")
        for s in job.get("steps", []):
            if str(s.get("uses", "")).startswith("actions/checkout@"):
                if "needs.plan.outputs.sha" not in str((s.get("with") or {}).get("ref", "")):
                    problems.append(f"deploy.yml: job {j} checks out something other than the gated commit (with: ref: needs.plan.outputs.sha)")
    for j in deploying:
        steps = jobs[j].get("steps", [])
        at = max(i for i, s in enumerate(steps) if "deploy-region.sh" in str(s.get("run", "")) or "sam deploy" in str(s.get("run", "")))
        if not any("./meridian smoke --target" in str(s.get("run", "")) for s in steps[at + 1:]):
            problems.append(f"deploy.yml: job {j} does not run ./meridian smoke --target after its deploy")
        strategy = jobs[j].get("strategy", {})
        matrix = str(strategy.get("matrix", {}))
        if "secondaries" in matrix and (strategy.get("max-parallel") != 1 or strategy.get("fail-fast") is False):
            problems.append(f"deploy.yml: job {j} must deploy one region at a time (max-parallel: 1) and stop on a failure (fail-fast)")
    return problems


def ci_problems(ci):
    problems = []
    javas = set()
    for job in ci.get("jobs", {}).values():
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        uses_matrix = any("matrix.java" in str((s.get("with") or {}).get("java-version", "")) for s in job.get("steps", []))
        if uses_matrix:
            javas |= {str(v) for v in matrix.get("java", [])}
    for want in ("17", "21"):
        if want not in javas:
            problems.append(f"ci.yml: no build job runs on Java {want} (strategy.matrix.java with setup-java java-version: ${{{{ matrix.java }}}})")
    return problems


def problems_of(texts):
    parsed = load(texts)
    problems = []
    for name, (text, _) in parsed.items():
        problems += pin_problems(name, text)
    if "ci.yml" not in parsed or "deploy.yml" not in parsed:
        return problems + ["ci.yml and deploy.yml must both exist in .github/workflows"]
    problems += ci_problems(parsed["ci.yml"][1])
    problems += deploy_problems(parsed["ci.yml"][1], parsed["deploy.yml"][1])
    return problems


def self_test(texts):
    failures = []

    def expect(mutated, word, what):
        found = problems_of(mutated)
        if not any(word in p for p in found):
            failures.append(f"self-test: {what} went unnoticed (problems: {found})")

    def edit(name, old, new):
        if old not in texts[name]:
            failures.append(f"self-test: {name} no longer contains {old!r}; update the self-test")
            return None
        mutated = dict(texts)
        mutated[name] = texts[name].replace(old, new, 1)
        return mutated

    cases = [
        ("ci.yml", re.search(r"actions/checkout@[0-9a-f]{40} # v[\w.]+", texts["ci.yml"]).group(0),
         "actions/checkout@v4", "not pinned", "an action on a tag"),
        ("deploy.yml", "# v", "#", "not pinned", "a pin without its tag comment"),
        ("deploy.yml", "github.event.workflow_run.conclusion == 'success'", "true", "gate job", "a deploy that does not wait for ci's success"),
        ("deploy.yml", "./meridian smoke --target", "echo skipped --target", "smoke", "a region deployed without a smoke check"),
        ("deploy.yml", "max-parallel: 1", "max-parallel: 3", "one region at a time", "secondary regions deployed at once"),
        ("deploy.yml", "ref: ${{ needs.plan.outputs.sha }}", "ref: main", "gated commit", "a job that checks out main instead of the gated commit"),
        ("ci.yml", 'java: ["17", "21"]', 'java: ["17"]', "Java 21", "CI without Java 21"),
    ]
    for name, old, new, word, what in cases:
        mutated = edit(name, old, new)
        if mutated is not None:
            expect(mutated, word, what)
    return failures


def read_workflows():
    texts = {}
    for name in sorted(os.listdir(WORKFLOWS)):
        if name.endswith((".yml", ".yaml")):
            with open(os.path.join(WORKFLOWS, name)) as f:
                texts[name] = f.read()
    return texts


def main():
    texts = read_workflows()
    problems = problems_of(texts)
    if not problems:
        problems += self_test(texts)
    return problems, len(texts)


if __name__ == "__main__":
    problems, count = main()
    if problems:
        print("check-workflows: %d problem(s)" % len(problems))
        for p in problems:
            print("  - " + p)
        sys.exit(1)
    print("check-workflows: OK (%d workflows; actions pinned, deploy gated on ci, smoke after each region; self-test passed)" % count)
