#!/usr/bin/env python3
"""Benchmarks of the engine issue on a real repository (the Xen Project's, by default).

Measures, in the same run, medians of several runs of:
  - git log --no-merges --numstat <ref>            (the baseline: one git process)
  - herald stats <ref> cold (empty data folder)     ratio to the baseline, target <= 1.0
  - herald stats <ref> warm (line counts cached)    ratio to the baseline, target <= 0.1
  - herald stats <version> warm, whole process      target < 1 s
  - herald releases                                 target < 0.5 s
and the peak resident memory of herald (from /usr/bin/time -v).

Usage: bench/engine_bench.py --repo /path/to/xen [--runs 5] [--ref master] [--version 4.9.0]
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


def own_peak(cmd):
    """Peak resident memory (KiB) of the herald process itself, not its git children: VmHWM polled from /proc."""
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        try:
            with open("/proc/%d/status" % process.pid) as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.02)
    return peak


def median_of(runs, make_cmd, before=None):
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, peak = timed(make_cmd())
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks), times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ref", default="master")
    parser.add_argument("--version", default="4.9.0")
    parser.add_argument("--gitdm", help="a checkout of gitdm (github.com/marc-hb/gitdm) to compare with on the version's range")
    parser.add_argument("--range", default="RELEASE-4.8.0..RELEASE-4.9.0", help="the range for the gitdm comparison")
    args = parser.parse_args()

    herald = build()
    data = tempfile.mkdtemp(prefix="herald-bench-")
    repo = args.repo

    def clear():
        shutil.rmtree(data, ignore_errors=True)

    rows = []
    base, _, base_runs = median_of(args.runs, lambda: ["git", "-C", repo, "log", "--no-merges", "--numstat", args.ref])
    rows.append(("git log --no-merges --numstat " + args.ref, base, None, None, base_runs))

    cold, cold_peak, cold_runs = median_of(args.runs, lambda: [herald, "stats", args.ref, "--repo", repo, "--data", data, "--json"], before=clear)
    rows.append(("herald stats %s (cold)" % args.ref, cold, cold / base, cold_peak, cold_runs))

    warm, warm_peak, warm_runs = median_of(args.runs, lambda: [herald, "stats", args.ref, "--repo", repo, "--data", data, "--json"])
    rows.append(("herald stats %s (warm)" % args.ref, warm, warm / base, warm_peak, warm_runs))

    # Warm the cache for the version's own range and its previous release's range once.
    subprocess.run([herald, "stats", args.version, "--repo", repo, "--data", data, "--json"], check=True, stdout=subprocess.DEVNULL)
    ver, ver_peak, ver_runs = median_of(args.runs, lambda: [herald, "stats", args.version, "--repo", repo, "--data", data, "--json"])
    rows.append(("herald stats %s (warm, whole process)" % args.version, ver, None, ver_peak, ver_runs))

    clear()
    ver_cold, ver_cold_peak, ver_cold_runs = median_of(args.runs, lambda: [herald, "stats", args.version, "--repo", repo, "--data", data, "--json"], before=clear)
    rows.append(("herald stats %s (cold, whole process)" % args.version, ver_cold, None, ver_cold_peak, ver_cold_runs))

    if args.gitdm:
        script = "git -C %s log -p -M --no-merges %s | (cd %s && python3 ./gitdm -s -u -o /dev/null)" % (repo, args.range, args.gitdm)
        gitdm_runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(["bash", "-c", script], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            gitdm_runs.append(time.perf_counter() - start)
        gitdm = statistics.median(gitdm_runs)
        rows.append(("gitdm on %s (git log -p | gitdm)" % args.range, gitdm, None, None, gitdm_runs))
        rng, rng_peak, rng_runs = median_of(args.runs, lambda: [herald, "stats", args.range, "--repo", repo, "--data", data, "--json"], before=clear)
        rows.append(("herald stats %s (cold), ratio to gitdm" % args.range, rng, rng / gitdm, rng_peak, rng_runs))
        rngw, rngw_peak, rngw_runs = median_of(args.runs, lambda: [herald, "stats", args.range, "--repo", repo, "--data", data, "--json"])
        rows.append(("herald stats %s (warm), ratio to gitdm" % args.range, rngw, rngw / gitdm, rngw_peak, rngw_runs))

    rel, rel_peak, rel_runs = median_of(args.runs, lambda: [herald, "releases", "--repo", repo, "--data", data, "--json"])
    rows.append(("herald releases", rel, None, rel_peak, rel_runs))

    clear()
    cold_own = own_peak([herald, "stats", args.ref, "--repo", repo, "--data", data, "--json"])
    warm_own = own_peak([herald, "stats", args.ref, "--repo", repo, "--data", data, "--json"])

    shutil.rmtree(data, ignore_errors=True)
    print("peak memory of the herald process itself (VmHWM): cold %.0f MiB, warm %.0f MiB; the peak column is the largest process of the tree, git included" % (cold_own / 1024, warm_own / 1024))
    print()
    print("| command | median s | ratio to baseline | peak MiB | runs (s) |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, median, ratio, peak, runs in rows:
        print("| %s | %.3f | %s | %s | %s |" % (
            name, median,
            "%.3f" % ratio if ratio is not None else "",
            "%.0f" % (peak / 1024) if peak else "",
            " ".join("%.2f" % r for r in runs)))


if __name__ == "__main__":
    main()
