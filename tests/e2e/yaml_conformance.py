#!/usr/bin/env python3
"""Judges duty's YAML-level verdicts (syntax, encoding, alias, duplicate-key
findings; schema findings do not count) against a corpus and, when given, the
official yaml-test-suite.

usage: yaml_conformance.py DUTY CORPUS_DIR EXCEPTIONS [SUITE_DIR]

CORPUS_DIR holds valid/*.yaml (no YAML-level finding allowed) and
invalid/*.yaml, whose first line says where the first YAML-level finding is
and a fragment of its message: "# expect: LINE:COL fragment".
SUITE_DIR is the suite's data: one folder per case (nested for variants)
with in.yaml, and a file named error when the input is invalid.
EXCEPTIONS lists suite cases whose verdict differs on purpose: "ID REASON".
"""
import json
import os
import subprocess
import sys

YAML_RULES = {"syntax", "encoding", "alias", "duplicate-key"}
REASONS = {"one-document": "holds one YAML document"}


def verdict(duty, path):
    """(yaml_findings, problem): the YAML-level findings, or why there are none."""
    try:
        p = subprocess.run([duty, "validate", "--format", "json", path],
                           capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    if p.returncode not in (0, 1):
        return None, f"exit {p.returncode}: {p.stderr.decode(errors='replace')[:300]}"
    try:
        report = json.loads(p.stdout)
    except ValueError as e:
        return None, f"output is not JSON: {e}"
    found = [d for d in report["diagnostics"] if d["rule"] in YAML_RULES]
    if not found and p.returncode != 0 and not report["diagnostics"]:
        return None, "exit 1 without findings"
    return found, None


def check_corpus(duty, corpus):
    failures, count = [], 0
    for kind in ("valid", "invalid"):
        folder = os.path.join(corpus, kind)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            count += 1
            found, problem = verdict(duty, path)
            if problem:
                failures.append(f"{path}: {problem}")
            elif kind == "valid" and found:
                failures.append(f"{path}: valid YAML rejected: {found[0]['message']}")
            elif kind == "invalid":
                with open(path, encoding="utf-8", errors="replace") as f:
                    header = f.readline().strip()
                if not header.startswith("# expect: "):
                    failures.append(f"{path}: first line lacks '# expect: LINE:COL fragment'")
                    continue
                where, _, fragment = header[len("# expect: "):].partition(" ")
                if not found:
                    failures.append(f"{path}: invalid YAML accepted")
                    continue
                first = found[0]
                got = f"{first['line']}:{first.get('column', 0)}"
                if got != where or fragment not in first["message"]:
                    failures.append(f"{path}: expected {where} '{fragment}', got {got} '{first['message']}'")
    return count, failures


def check_suite(duty, suite, exceptions):
    failures = []
    cases = sorted(os.path.relpath(root, suite) for root, _, files in os.walk(suite) if "in.yaml" in files)
    valid_rejected, invalid_accepted, listed = [], [], 0
    for case in cases:
        folder = os.path.join(suite, case)
        valid = not os.path.exists(os.path.join(folder, "error"))
        found, problem = verdict(duty, os.path.join(folder, "in.yaml"))
        if problem:
            failures.append(f"{case}: {problem}")
            continue
        deviates = valid == bool(found)
        if deviates:
            (valid_rejected if valid else invalid_accepted).append(case)
        reason = exceptions.get(case)
        if reason is None:
            if deviates:
                what = f"valid YAML rejected: {found[0]['message']}" if valid else "invalid YAML accepted"
                failures.append(f"{case}: {what} (not in the exception list)")
            continue
        listed += 1
        if not deviates:
            failures.append(f"{case}: listed as an exception ({reason}) but now conforms: remove it from the list")
        elif valid and REASONS[reason] not in found[0]["message"]:
            failures.append(f"{case}: listed for {reason}, but rejected for: {found[0]['message']}")
    unknown = sorted(set(exceptions) - set(cases))
    failures += [f"{case}: in the exception list but not in the suite" for case in unknown]
    print(f"yaml-test-suite: {len(cases)} cases; valid rejected {len(valid_rejected)}, "
          f"invalid accepted {len(invalid_accepted)}; {listed} listed exceptions")
    return failures


def read_exceptions(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            case, reason = line[0], line[1] if len(line) > 1 else ""
            if reason not in REASONS:
                sys.exit(f"{path}: {case}: unknown reason '{reason}' (one of {', '.join(REASONS)})")
            out[case] = reason
    return out


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    duty, corpus, exceptions_path = sys.argv[1:4]
    count, failures = check_corpus(duty, corpus)
    print(f"corpus: {count} files")
    if len(sys.argv) == 5:
        failures += check_suite(duty, sys.argv[4], read_exceptions(exceptions_path))
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
