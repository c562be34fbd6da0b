#!/usr/bin/env python3
"""Benchmarks of the policy and backport issue on a real repository (the Xen Project's, by default).

Measures, in the same run, medians of several runs of:
  - herald status                          target < 1 s
  - herald backports (every supported series together), cold (empty data folder) < 10 s, warm < 1 s
  - herald contains SHA                     target < 1 s
and the plain git commands a maintainer would otherwise run for the same answers:
  - status: git for-each-ref over the release tags plus git show BRANCH:SUPPORT.md for each branch
  - backports: git log --no-merges RELEASE..stable-X.Y for each supported branch
  - contains: git log --all --grep 'master commit: SHA' plus git branch -a --contains SHA plus git tag --contains SHA
with peak memory from /usr/bin/time -v.

Usage: bench/policy_bench.py --repo /path/to/xen [--runs 5] [--sha 5793b84c5e8f]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import build, timed  # noqa: E402


def shell_timed(script):
    start = time.perf_counter()
    subprocess.run(["bash", "-c", script], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(runs, fn, before=None):
    values, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        result = fn()
        if isinstance(result, tuple):
            values.append(result[0])
            peaks.append(result[1])
        else:
            values.append(result)
    return statistics.median(values), (max(peaks) if peaks else None), values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sha", default="5793b84c5e8f")
    args = parser.parse_args()
    herald = build()
    repo = args.repo
    data = tempfile.mkdtemp(prefix="herald-bench-")

    def clear():
        shutil.rmtree(data, ignore_errors=True)

    def h(*verb):
        return lambda: timed([herald, *verb, "--repo", repo, "--data", data, "--json"])

    branches = subprocess.run(["git", "-C", repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/stable-*"],
                              check=True, capture_output=True, text=True).stdout.split()
    status_git = "cd %s && git for-each-ref --format='%%(refname) %%(creatordate)' refs/tags >/dev/null && for b in %s; do git show $b:SUPPORT.md >/dev/null 2>&1 || true; done" % (repo, " ".join(branches))
    supported = ["4.17", "4.18", "4.19", "4.20", "4.21", "4.22"]
    latest = {}
    for s in supported:
        tags = subprocess.run(["git", "-C", repo, "tag", "-l", "RELEASE-%s.*" % s, "--sort=-v:refname"],
                              check=True, capture_output=True, text=True).stdout.split()
        latest[s] = tags[0]
    backports_git = "cd %s && " % repo + " && ".join(
        "git log --no-merges %s..stable-%s >/dev/null" % (latest[s], s) for s in supported) + \
        " && " + " && ".join("git log --no-merges master..stable-%s >/dev/null" % s for s in supported)
    contains_git = "cd %s && git log --all --grep 'master commit: %s' --format=%%H >/dev/null && git branch -a --contains %s >/dev/null && git tag --contains %s >/dev/null" % (repo, args.sha, args.sha, args.sha)

    rows = []
    status, status_peak, status_runs = median(args.runs, h("status"))
    status_base, _, _ = median(args.runs, lambda: shell_timed(status_git))
    rows.append(("herald status", status, status_base, status_peak, status_runs))

    cold, cold_peak, cold_runs = median(args.runs, h("backports"), before=clear)
    back_base, _, _ = median(args.runs, lambda: shell_timed(backports_git))
    rows.append(("herald backports (all supported, cold)", cold, back_base, cold_peak, cold_runs))
    warm, warm_peak, warm_runs = median(args.runs, h("backports"))
    rows.append(("herald backports (all supported, warm)", warm, back_base, warm_peak, warm_runs))

    contains, contains_peak, contains_runs = median(args.runs, h("contains", args.sha))
    contains_base, _, _ = median(args.runs, lambda: shell_timed(contains_git))
    rows.append(("herald contains %s (warm)" % args.sha, contains, contains_base, contains_peak, contains_runs))
    clear()
    contains_cold, contains_cold_peak, contains_cold_runs = median(args.runs, h("contains", args.sha), before=clear)
    rows.append(("herald contains %s (cold)" % args.sha, contains_cold, contains_base, contains_cold_peak, contains_cold_runs))
    clear()

    print("| command | median s | git commands s | ratio | peak MiB | runs (s) |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, value, base, peak, runs in rows:
        print("| %s | %.3f | %.3f | %.2f | %.0f | %s |" % (name, value, base, value / base, (peak or 0) / 1024,
                                                       " ".join("%.2f" % r for r in runs)))


if __name__ == "__main__":
    main()
