#!/usr/bin/env python3
"""Checks `herald announce` on a real repository (the Xen Project's, by default) and times it.

In one run:
  1. writes a herald.toml (name "Xen Project", no other settings) into a temporary folder;
  2. drafts `4.6.6 4.7.3`, `4.8.1` and `4.9.0` and checks that they name the right stable branches
     (stable-4.6, stable-4.7, stable-4.8), tags (RELEASE-4.6.6, …) and release pages, and that the
     figures of the 4.9.0 draft are those `herald stats 4.9.0 --json` prints (read from its JSON, never
     typed here);
  3. times `herald announce 4.9.0`: cold (an empty --data folder each run) and warm (the data folder
     reused) --runs times each, and prints the medians (targets: warm < 1 s, cold < 3 s).
Exits 1 when a check fails. Python standard library only; needs a Release build of herald.

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


def timed(args, repo, config, data_factory, runs):
    times = []
    for _ in range(runs):
        data = data_factory()
        start = time.perf_counter()
        herald(args, repo, config, data)
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


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

        counter = iter(range(1_000_000))
        cold, cold_runs = timed(["announce", "4.9.0"], options.repo, config, lambda: os.path.join(work, f"cold-{next(counter)}"), options.runs)
        warm, warm_runs = timed(["announce", "4.9.0"], options.repo, config, lambda: data, options.runs)
        print(f"herald announce 4.9.0  cold median {cold:.2f} s  runs {', '.join(f'{t:.2f}' for t in cold_runs)}  (target < 3 s)")
        print(f"herald announce 4.9.0  warm median {warm:.2f} s  runs {', '.join(f'{t:.2f}' for t in warm_runs)}  (target < 1 s)")
        if failures:
            print(f"{len(failures)} check(s) failed", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
