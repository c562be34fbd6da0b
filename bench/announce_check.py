#!/usr/bin/env python3
"""Checks `herald announce` on a real repository (the Xen Project's, by default) and times it.

In one run:
  1. writes a herald.toml (name "Xen Project", no other settings) into a temporary folder;
  2. drafts `4.6.6 4.7.3`, `4.8.1` and `4.9.0` and checks that they name the right stable branches
     (stable-4.6, stable-4.7, stable-4.8), tags (RELEASE-4.6.6, …) and release pages, and that the
     figures of the 4.9.0 draft are those `herald stats 4.9.0 --json` prints (read from its JSON, never
     typed here);
  3. times `herald announce 4.9.0` and, as its baseline in the same run, `herald stats 4.9.0` (announce
     does the stats work plus the templates): cold (an empty --data folder each run) and warm (the data
     folder reused), --runs times each, interleaved (announce then stats in every round), and prints the
     medians, the individual runs and the ratios announce/stats (targets: announce warm < 1 s, cold < 3 s);
  4. runs one cold and one warm `herald announce 4.9.0` (and `herald stats 4.9.0`) under /usr/bin/time -v
     and prints their peak memory (Maximum resident set size of the largest process of the tree).
Exits 1 when a check fails. Python standard library only (and /usr/bin/time, package time, for step 4);
needs a Release build of herald (dotnet build Herald.slnx -c Release).

Usage: bench/announce_check.py [--repo /work/.mirror/xen-project+xen/repo] [--runs 5] [--print]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERALD = os.path.join(ROOT, "src", "Herald.Cli", "bin", "Release", "net10.0", "herald.dll")


def herald(args, repo, config, data):
    command = ["dotnet", HERALD, *args, "--repo", repo, "--config", config, "--data", data]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def check(failures, condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def timed_once(args, repo, config, data):
    start = time.perf_counter()
    herald(args, repo, config, data)
    return time.perf_counter() - start


def peak_kib(args, repo, config, data):
    """Runs herald under /usr/bin/time -v; returns (seconds, Maximum resident set size in KiB)."""
    command = ["dotnet", HERALD, *args, "--repo", repo, "--config", config, "--data", data]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", t.name, *command], capture_output=True, text=True,
                                timeout=300, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
        for line in t.read().splitlines():
            if "Maximum resident set size" in line:
                return elapsed, int(line.split(":")[1])
    return elapsed, 0


def runs_text(times):
    return ", ".join(f"{t:.2f}" for t in times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default="/work/.mirror/xen-project+xen/repo")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--print", action="store_true", help="print the 4.6.6 4.7.3 and 4.9.0 drafts")
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="herald-announce-check-")
    try:
        config = os.path.join(work, "herald.toml")
        with open(config, "w", encoding="utf-8") as f:
            f.write('[project]\nname = "Xen Project"\nslug = "xen"\n')
        data = os.path.join(work, "data")
        failures = []

        point = json.loads(herald(["announce", "4.6.6", "4.7.3", "--json"], options.repo, config, data))
        markdown = point["markdown"]
        check(failures, point["title"] == "Xen Project 4.6.6 and 4.7.3 are available", "4.6.6 4.7.3: title")
        check(failures, point["slug"] == "xen-project-4-6-6-and-4-7-3-are-available", "4.6.6 4.7.3: slug")
        for series, version in (("4.6", "4.6.6"), ("4.7", "4.7.3")):
            check(failures, f"[stable-{series}](/log/stable-{series})" in markdown, f"{version}: shortlog of stable-{series}")
            check(failures, f"[`RELEASE-{version}`](/log/RELEASE-{version})" in markdown, f"{version}: tag RELEASE-{version}")
            check(failures, f"(/releases/{version})" in markdown, f"{version}: release page")
        check(failures, "users of the 4.6 and 4.7 stable series update" in markdown, "4.6.6 4.7.3: update advice for both series")

        single = herald(["announce", "4.8.1"], options.repo, config, data)
        check(failures, single.startswith("# Xen Project 4.8.1 is available\n"), "4.8.1: title")
        check(failures, "[stable-4.8](/log/stable-4.8)" in single and "RELEASE-4.8.1" in single, "4.8.1: branch and tag")

        stats = json.loads(herald(["stats", "4.9.0", "--json"], options.repo, config, data))
        major = json.loads(herald(["announce", "4.9.0", "--json"], options.repo, config, data))
        previous = stats["previous"]
        growth = stats["growth"]["changesets"]
        growth_text = f"{growth:g}% more" if growth > 0 else (f"{-growth:g}% fewer" if growth < 0 else "as many")
        sentence = (
            f"Xen Project 4.9.0 has {stats['changesets']} changesets from {stats['developers']} developers working for "
            f"{stats['employers']} employers, with {stats['reviews']} reviews. 4.8.0 had {previous['changesets']} changesets from "
            f"{previous['developers']} developers working for {previous['employers']} employers, with {previous['reviews']} reviews: "
            f"4.9.0 has {growth_text} changesets.")
        check(failures, major["title"] == "What's new in Xen Project 4.9", "4.9.0: title")
        check(failures, sentence in major["markdown"], "4.9.0: figures equal 'herald stats 4.9.0 --json'")
        check(failures, "(/acknowledgements/4.9.0)" in major["markdown"], "4.9.0: acknowledgements link")
        check(failures, "[`RELEASE-4.9.0`](/log/RELEASE-4.9.0)" in major["markdown"], "4.9.0: tag")

        if options.print:
            print("\n--- herald announce 4.6.6 4.7.3 ---")
            print(herald(["announce", "4.6.6", "4.7.3"], options.repo, config, data))
            print("--- herald announce 4.9.0 ---")
            print(herald(["announce", "4.9.0"], options.repo, config, data))

        # Interleaved, so that the host's load weighs on announce and its baseline alike: every round runs
        # announce then stats cold (each in a new, empty data folder), then both warm (the folder above).
        counter = iter(range(1_000_000))
        commands = {"announce": ["announce", "4.9.0"], "stats": ["stats", "4.9.0"]}
        times = {(name, kind): [] for name in commands for kind in ("cold", "warm")}
        for _ in range(options.runs):
            for name, args in commands.items():
                times[(name, "cold")].append(timed_once(args, options.repo, config, os.path.join(work, f"cold-{next(counter)}")))
        for _ in range(options.runs):
            for name, args in commands.items():
                times[(name, "warm")].append(timed_once(args, options.repo, config, data))

        print(f"\n{os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end; "
              f"medians of {options.runs} runs, same run")
        medians = {key: statistics.median(value) for key, value in times.items()}
        for kind, target in (("cold", 3.0), ("warm", 1.0)):
            for name in commands:
                extra = f"  (target < {target:g} s: {'met' if medians[(name, kind)] < target else 'NOT MET'})" if name == "announce" else ""
                print(f"herald {name:8} 4.9.0  {kind} median {medians[(name, kind)]:.2f} s  runs {runs_text(times[(name, kind)])}{extra}")
            per_run = [a / s for a, s in zip(times[("announce", kind)], times[("stats", kind)])]
            print(f"announce/stats {kind}: {medians[('announce', kind)] / medians[('stats', kind)]:.2f} (ratio of the medians); "
                  f"per round {', '.join(f'{r:.2f}' for r in per_run)}, median {statistics.median(per_run):.2f}")

        if os.path.exists("/usr/bin/time"):
            for name, args in commands.items():
                cold_s, cold_kib = peak_kib(args, options.repo, config, os.path.join(work, f"cold-{next(counter)}"))
                warm_s, warm_kib = peak_kib(args, options.repo, config, data)
                print(f"peak memory, herald {name} 4.9.0: cold {cold_kib / 1024:.0f} MiB ({cold_s:.2f} s), "
                      f"warm {warm_kib / 1024:.0f} MiB ({warm_s:.2f} s)  (Maximum resident set size, /usr/bin/time -v)")
        else:
            print("peak memory: /usr/bin/time is missing (apt-get install -y time)")
        if failures:
            print(f"{len(failures)} check(s) failed", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
