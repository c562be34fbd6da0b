#!/usr/bin/env python3
"""What the security process costs the portal, on a real repository (the Xen Project's, by default).

In one run:
  1. indexes the repository into a temporary data folder (SQLite) with `herald index` (or reuses --data),
     and copies that folder twice: PLAIN (no managed advisory) and EMBARGOED (with `herald advisory create
     --embargo-until` one year ahead, plus one public draft published at once, so both kinds are present);
  2. starts `herald serve` on each copy (two ports), waits for /healthz = 200 on both, and checks that an
     anonymous visitor of EMBARGOED does not see the embargoed id (/advisories/ID = 404, same bytes as a
     missing id) while a pre-disclosure member's token does;
  3. runs wrk (-t2 -c32, --duration s, warmed up, Accept-Encoding: br as browsers send) on /advisories and
     /api/advisories against both servers, interleaved, --rounds times, and prints the medians and the ratio
     EMBARGOED/PLAIN per route, the median of the per-round ratios (target: >= 0.90, i.e. the access checks
     cost under 10%), plus a member's answers (a bearer token: never cached, never compressed);
  4. on EMBARGOED, --lag-runs times: creates an advisory whose embargo ends 8 s ahead and polls
     /api/advisories/ID anonymously every 20 ms until it answers 200, and prints the lag after the instant
     (target < 5 s), median and worst;
  5. stops both servers and deletes its temporary folders, also on error.
Everything listens on 127.0.0.1 only. Python standard library only; needs a Release build of herald and wrk.

Usage: bench/advisory_bench.py [--repo /work/.mirror/xen-project+xen/repo] [--data DIR] [--rounds 3]
                               [--duration 8] [--lag-runs 3]
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal_bench import free_port, get, parse_wrk, start, stop, wait_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERALD = os.path.join(ROOT, "src", "Herald.Cli", "bin", "Release", "net10.0", "herald.dll")
ROUTES = ["/advisories", "/api/advisories"]
TARGET_RATIO = 0.90
TARGET_LAG = 5.0


def log(text):
    print(text, file=sys.stderr, flush=True)


def herald(repo, data, *args, timeout=600):
    done = subprocess.run(["dotnet", HERALD, *args, "--repo", repo, "--data", data],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError("herald %s exited with %d:\n%s%s" % (" ".join(args), done.returncode, done.stdout, done.stderr))
    return done.stdout


def utc(seconds_ahead):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_ahead)
    return moment.replace(microsecond=0), moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def create(repo, data, title, seconds_ahead):
    moment, text = utc(seconds_ahead)
    made = json.loads(herald(repo, data, "advisory", "create", "--title", title, "--embargo-until", text, "--json"))
    return made["id"], moment


def bearer_get(port, path, token):
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Authorization": "Bearer " + token})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wrk_with(url, seconds, headers):
    cmd = ["wrk", "-t2", "-c32", "-d%ds" % seconds, "--latency"]
    for name, value in headers.items():
        cmd += ["-H", "%s: %s" % (name, value)]
    done = subprocess.run(cmd + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError("wrk exited with %d:\n%s" % (done.returncode, done.stdout))
    result = parse_wrk(done.stdout)
    if result["non2xx"] or result["errors"]:
        raise RuntimeError("wrk saw %d non-2xx answers and %d errors on %s" % (result["non2xx"], result["errors"], url))
    return result


def measure(port, path, seconds, token=None):
    """wrk on path as a browser asks (Accept-Encoding: br), warmed up first; with token, as a member (never cached)."""
    url = "http://127.0.0.1:%d%s" % (port, path)
    headers = {"Accept-Encoding": "br"}
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    wrk_with(url, 2, headers)
    return wrk_with(url, seconds, headers)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default="/work/.mirror/xen-project+xen/repo")
    parser.add_argument("--data", help="an indexed data folder to copy (default: index into a temporary one)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--lag-runs", type=int, default=3)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="herald-advisory-bench-")
    servers = []
    try:
        base = args.data
        if base is None:
            base = os.path.join(tmp, "base")
            started = time.monotonic()
            herald(args.repo, base, "index", timeout=1800)
            log("indexed %s in %.1f s" % (args.repo, time.monotonic() - started))
        plain, embargoed = os.path.join(tmp, "plain"), os.path.join(tmp, "embargoed")
        shutil.copytree(base, plain)
        shutil.copytree(base, embargoed)
        hidden, _ = create(args.repo, embargoed, "Guest escape under embargo (benchmark)", 365 * 86400)
        draft = json.loads(herald(args.repo, embargoed, "advisory", "create", "--title", "Published at once (benchmark)", "--json"))
        herald(args.repo, embargoed, "advisory", "publish", draft["id"])
        member = json.loads(herald(args.repo, embargoed, "predisclosure", "add", "--org", "Bench Hosting", "--email", "security@bench.example", "--json"))
        log("embargoed %s, public %s" % (hidden, draft["id"]))

        ports = {}
        for name, data in (("plain", plain), ("embargoed", embargoed)):
            port = free_port()
            process = start(["dotnet", HERALD, "serve", "--repo", args.repo, "--data", data, "--urls", "http://127.0.0.1:%d" % port,
                             "--access-log", "off"], os.path.join(tmp, name + ".log"))
            servers.append((process, name))
            ports[name] = port
            wait_for(port, "/healthz", 300, process, "herald serve (%s)" % name)

        # Outsiders do not see it; a member does.
        missing = get(ports["embargoed"], "/advisories/XSA-99999")
        secret = get(ports["embargoed"], "/advisories/" + hidden)
        if secret[0] != 404 or secret[2] != missing[2]:
            raise RuntimeError("an anonymous visitor sees %s: %d" % (hidden, secret[0]))
        status, headers, _ = bearer_get(ports["embargoed"], "/api/advisories/" + hidden, member["token"])
        if status != 200 or "no-store" not in headers.get("cache-control", ""):
            raise RuntimeError("the member's answer: %d %s" % (status, headers.get("cache-control")))
        log("checked: anonymous 404 identical to a missing id; member 200 with Cache-Control: %s" % headers["cache-control"])

        results = {(name, route): [] for name in ports for route in ROUTES}
        for round_number in range(args.rounds):
            for route in ROUTES:
                for name in (("plain", "embargoed") if round_number % 2 == 0 else ("embargoed", "plain")):
                    results[(name, route)].append(measure(ports[name], route, args.duration))
        members = {route: measure(ports["embargoed"], route, args.duration, member["token"]) for route in ROUTES}

        print("## Access checks (anonymous, wrk -t2 -c32 -d%ds, %d rounds, medians)" % (args.duration, args.rounds))
        print("| route | without embargoed req/s | with embargoed req/s | ratio | p99 with |")
        print("|---|---:|---:|---:|---:|")
        for route in ROUTES:
            without = statistics.median(r["rps"] for r in results[("plain", route)])
            with_ = statistics.median(r["rps"] for r in results[("embargoed", route)])
            p99 = statistics.median(r["p99"] for r in results[("embargoed", route)])
            ratios = [w["rps"] / p["rps"] for w, p in zip(results[("embargoed", route)], results[("plain", route)])]
            ratio = statistics.median(ratios)
            print("| %s | %.0f | %.0f | %.3f (median of per-round ratios %s; of medians %.3f) %s | %.2f ms |" % (
                route, without, with_, ratio, " ".join("%.2f" % r for r in ratios), with_ / without,
                "ok" if ratio >= TARGET_RATIO else "BELOW %.2f" % TARGET_RATIO, p99))
        for route in ROUTES:
            print("member (Authorization: Bearer, never cached) %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms"
                  % (route, members[route]["rps"], members[route]["p50"], members[route]["p99"]))

        lags = []
        for run in range(args.lag_runs):
            advisory, moment = create(args.repo, embargoed, "Publication lag %d (benchmark)" % run, 8)
            instant = moment.timestamp()
            deadline = instant + 60
            while time.time() < deadline:
                if get(ports["embargoed"], "/api/advisories/" + advisory, timeout=5)[0] == 200:
                    break
                time.sleep(0.02)
            else:
                raise RuntimeError("%s was not public 60 s after its embargo" % advisory)
            lags.append(time.time() - instant)
            log("%s public %.2f s after its embargo ended" % (advisory, lags[-1]))
        print("publication lag after the embargo instant (%d runs): median %.2f s, worst %.2f s (%s; target < %.0f s)"
              % (len(lags), statistics.median(lags), max(lags), " ".join("%.2f" % lag for lag in lags), TARGET_LAG))
    finally:
        for process, name in servers:
            stop(process, "herald serve (%s)" % name)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
