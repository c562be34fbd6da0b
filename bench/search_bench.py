#!/usr/bin/env python3
"""Times search on a real repository (the Xen Project's, by default): the index and the answers.

In one run:
  1. indexes the repository into a temporary data folder (SQLite) with `herald index`, cold, and prints
     the time, the size of index.db and how much of it the search table holds (pages of search_* tables);
     --data DIR reuses an index instead;
  2. starts `herald serve` on it, waits for /healthz = 200, and checks that each query answers 200 with
     JSON (the sha prefix query must find its commit first);
  3. runs wrk (or, without wrk, a Python loop of one connection) on `/api/search?q=...` for each query
     (a word, a path-like term, an author, a version, a sha prefix), each warmed up first, and prints
     requests/s, p50 and p99, and whether p99 < 50 ms;
  4. stops the server and deletes its temporary folder, also on error.
Everything listens on 127.0.0.1 only. Python standard library only; needs a Release build of herald.

Usage: bench/search_bench.py [--repo /work/.mirror/xen-project+xen/repo] [--data DIR] [--connections 8]
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal_bench import parse_wrk, start, stop, wrk  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERALD = os.path.join(ROOT, "src", "Herald.Cli", "bin", "Release", "net10.0", "herald.dll")
TARGET_P99_MS = 50.0


def log(text):
    print(text, file=sys.stderr, flush=True)


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read()


def wait_healthy(base, deadline_seconds):
    deadline = time.monotonic() + deadline_seconds
    last = None
    while time.monotonic() < deadline:
        try:
            status, _ = get(base + "/healthz", timeout=5)
            if status == 200:
                return
            last = status
        except Exception as e:  # noqa: BLE001 - the server is still starting
            last = e
        time.sleep(0.5)
    raise RuntimeError("herald serve did not answer /healthz within %d s (last: %s)" % (deadline_seconds, last))


def search_share(db):
    """(MB of index.db, MB of the search_* tables) from SQLite's dbstat."""
    with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as connection:
        total = connection.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0]
        search = connection.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'").fetchone()[0] or 0
    return total / 1048576, search / 1048576


def python_loop(url, seconds):
    latencies = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start_time = time.perf_counter()
        get(url)
        latencies.append((time.perf_counter() - start_time) * 1000)
    latencies.sort()
    return {"rps": len(latencies) / seconds, "p50": latencies[len(latencies) // 2],
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], "non2xx": 0, "errors": 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default="/work/.mirror/xen-project+xen/repo")
    parser.add_argument("--data", help="reuse the index in this data folder (no indexing)")
    parser.add_argument("--port", type=int, default=18431)
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default: 8)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--query", action="append", help="a query to time (repeatable; default: a realistic set)")
    options = parser.parse_args()

    temp = tempfile.mkdtemp(prefix="herald-search-bench-")
    server = None
    try:
        data = options.data
        if data is None:
            data = os.path.join(temp, "data")
            log("indexing %s (cold) ..." % options.repo)
            started = time.perf_counter()
            subprocess.run(["dotnet", HERALD, "index", "--repo", options.repo, "--data", data], check=True,
                           stdout=subprocess.DEVNULL)
            print("index (cold): %.1f s" % (time.perf_counter() - started))
        db_mb, search_mb = search_share(os.path.join(data, "index.db"))
        print("index.db: %.1f MB, of which the search table %.1f MB (%.1f%%)" % (db_mb, search_mb, 100 * search_mb / db_mb))

        base = "http://127.0.0.1:%d" % options.port
        server = start(["dotnet", HERALD, "serve", "--repo", options.repo, "--data", data, "--urls", base,
                        "--access-log", "off"], os.path.join(temp, "serve.log"))
        wait_healthy(base, 600)

        with sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "index.db"), uri=True) as connection:
            sha, author = connection.execute(
                "SELECT \"Sha\", \"AuthorName\" FROM commits ORDER BY \"CommitTime\" DESC LIMIT 1").fetchone()
        queries = options.query or ["xsa", "x86/hvm", author, "4.19", "memory leak", sha[:7], "xen"]
        have_wrk = shutil.which("wrk") is not None
        if not have_wrk:
            log("wrk not found: timing with one Python connection")
        rows = []
        for query in queries:
            url = base + "/api/search?q=" + urllib.parse.quote(query)
            status, body = get(url)
            document = json.loads(body)
            counts = {g["kind"]: len(g["hits"]) for g in document["groups"]}
            if status != 200:
                raise RuntimeError("%s answered %d" % (url, status))
            if query == sha[:7]:
                commits = next(g for g in document["groups"] if g["kind"] == "commit")["hits"]
                if not commits or commits[0]["key"] != sha:
                    raise RuntimeError("the sha prefix %s did not find %s first" % (query, sha))
            if have_wrk:
                wrk(url, options.threads, options.connections, options.warmup)
                result = parse_wrk(wrk(url, options.threads, options.connections, options.duration))
            else:
                python_loop(url, options.warmup)
                result = python_loop(url, options.duration)
            if result["non2xx"] or result["errors"]:
                raise RuntimeError("%s: %d non-2xx answers, %d socket errors" % (query, result["non2xx"], result["errors"]))
            rows.append((query, counts, result))

        print("\n%-22s %-28s %10s %10s %10s  %s" % ("query", "hits (release/commit/post)", "req/s", "p50", "p99", "p99 < 50 ms"))
        for query, counts, result in rows:
            hits = "%d/%d/%d" % (counts.get("release", 0), counts.get("commit", 0), counts.get("post", 0))
            print("%-22s %-28s %10.0f %8.2f ms %8.2f ms  %s" % (query[:22], hits, result["rps"], result["p50"], result["p99"],
                                                             "yes" if result["p99"] < TARGET_P99_MS else "NO"))
        worst = max(r["p99"] for _, _, r in rows)
        print("\nworst p99 %.2f ms (%s, %d connections): %s" % (
            worst, "wrk" if have_wrk else "python", options.connections if have_wrk else 1,
            "under 50 ms" if worst < TARGET_P99_MS else "OVER 50 ms"))
        return 0 if worst < TARGET_P99_MS else 1
    finally:
        stop(server, "herald serve")
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
