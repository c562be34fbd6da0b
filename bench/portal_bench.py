#!/usr/bin/env python3
"""Benchmark of the portal on a real repository (the Xen Project's, by default), against nginx.

In one run:
  1. builds herald in Release into artifacts/portal-bench;
  2. times `herald index` on an empty data folder (cold, whole repository; target < 60 s) and again with
     nothing new (target < 1 s): medians, with the peak resident memory from /usr/bin/time -v;
  3. creates --posts posts (default 50) in category Releases with `herald post new` (a Markdown body of
     a few paragraphs, a list and a link), so that /news/category/releases is a real archive;
  4. starts `herald serve` on that data folder, waits for /healthz = 200, saves the exact bodies of the
     measured URLs (and /) as static files and starts a private nginx (daemon off, a child of this script)
     that serves them on another loopback port;
  5. runs `wrk -t2 -c64 -d10s --latency` against each URL on both servers (each warmed up for 2 s first),
     --wrk-runs times, interleaved, and prints medians of requests/s, p50 and p99 with the ratio
     herald/nginx (targets: herald >= 50% of nginx's requests/s, p99 < 20 ms), and the news archive
     against the release page on each server, with its body size (target: herald's news/release >= 1.0);
  6. stops both servers and deletes its temporary folders, also on error or interruption.

Everything listens on and is sent to 127.0.0.1 only; every wait has a time limit. Needs wrk and nginx
(apt-get install -y wrk nginx) and /usr/bin/time (package time). Python standard library only.

Usage: bench/portal_bench.py [--repo /work/.mirror/xen-project+xen/repo] [--runs N] [--wrk-runs 3]
                             [--duration 10] [--warmup 2] [--skip-index] [--posts 50]
"""
import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_REPO = "/work/.mirror/xen-project+xen/repo"
HOST = "127.0.0.1"  # the only address anything here listens on or sends to

# What nginx serves for each path: the file name in its root and the content type.
STATIC = {
    "/": ("index.html", None),
    "/releases/4.19.0": ("release.html", None),
    "/api/status": ("status.json", "application/json"),
    "/news/category/releases": ("news-releases.html", None),
}
NEWS = "/news/category/releases"   # exists once a post is in category Releases
RELEASE = "/releases/4.19.0"       # the news archive's yardstick

# The body of every benchmark post: a few paragraphs, a list and a link, like a point-release post.
POST_BODY = """\
The Xen Project is pleased to announce the release of Xen {version}. This is a point release of the
{series} stable series: it carries the fixes backported from the development branch since the previous
release, among them the security fixes of the advisories published in that time.

We recommend that all users of the {series} stable series update to this release.

Among the changes:

- fixes for XSA advisories published since the previous release;
- a corrected handling of guest page tables on some CPUs;
- build fixes for newer compilers and toolchains;
- documentation updates for the hypervisor command line.

The sources are on the [download page](/releases/{version}), with the signed tag and checksums.
Thanks to everyone who reported problems, wrote, reviewed and backported the fixes ({n}).
"""


def log(message):
    print("portal-bench: " + message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- build and index

def build():
    """Builds the herald command in Release into artifacts/portal-bench; returns its path."""
    out = os.path.join(ROOT, "artifacts", "portal-bench")
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Herald.Cli", "Herald.Cli.csproj"),
                    "-c", "Release", "-o", out, "-nologo", "-v", "quiet"],
                   check=True, stdout=sys.stderr, timeout=900)
    herald = os.path.join(out, "herald")
    if not os.access(herald, os.X_OK):
        raise SystemExit("portal-bench: the build left no %s" % herald)
    return herald


def timed(cmd, timeout):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak KiB of the largest process of the tree, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=timeout)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError("%s exited with %d: %s" % (" ".join(cmd), done.returncode, done.stderr.strip()[-2000:]))
        peak = 0
        for line in t.read().splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split(":")[1])
        return elapsed, peak, done.stdout.strip()


def create_posts(herald, repo, data, tmp, count, timeout):
    """Creates count published posts in category Releases with `herald post new`; returns the seconds it took."""
    started = time.perf_counter()
    for n in range(1, count + 1):
        series = "4.%d" % (6 + (n - 1) % 14)
        version = "%s.%d" % (series, 1 + (n - 1) // 14)
        body = os.path.join(tmp, "post-%d.md" % n)
        with open(body, "w", encoding="utf-8") as f:
            f.write(POST_BODY.format(version=version, series=series, n=n))
        cmd = [herald, "post", "new", "--title", "Xen Project %s is available %d" % (version, n), "--category", "Releases",
               "--file", body, "--repo", repo, "--data", data]
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError("%s exited with %d: %s" % (" ".join(cmd), done.returncode, done.stderr.strip()[-2000:]))
        os.remove(body)
    return time.perf_counter() - started


def clear_folder(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)


def measure_index(herald, repo, data, cold_runs, warm_runs, timeout):
    """Returns the index rows: (name, median s, target s, peak KiB, runs, last output)."""
    cmd = [herald, "index", "--repo", repo, "--data", data]
    rows = []
    times, peaks, out = [], [], ""
    for i in range(cold_runs):
        clear_folder(data)
        log("herald index, cold run %d/%d (empty data folder) ..." % (i + 1, cold_runs))
        seconds, peak, out = timed(cmd, timeout)
        log("  %.2f s, peak %.0f MiB: %s" % (seconds, peak / 1024, out))
        times.append(seconds)
        peaks.append(peak)
    if times:
        rows.append(("herald index (cold, empty data folder)", statistics.median(times), 60.0, max(peaks), times, out))
    times, peaks = [], []
    for i in range(warm_runs):
        seconds, peak, out = timed(cmd, timeout)
        log("herald index, nothing new, run %d/%d: %.3f s, peak %.0f MiB: %s" % (i + 1, warm_runs, seconds, peak / 1024, out))
        times.append(seconds)
        peaks.append(peak)
    if times:
        rows.append(("herald index (nothing new)", statistics.median(times), 1.0, max(peaks), times, out))
    return rows


# ---------------------------------------------------------------- servers

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(port, path, timeout=30.0):
    """GET http://127.0.0.1:port/path; returns (status, headers dict, body bytes)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wait_for(port, path, deadline_seconds, process, what):
    """Polls GET path until 200, the process exits, or the time limit passes."""
    deadline = time.monotonic() + deadline_seconds
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("%s exited with %d before %s answered 200 (last: %s)" % (what, process.returncode, path, last))
        try:
            status, _, body = get(port, path, timeout=5.0)
            if status == 200:
                return
            last = "%d %s" % (status, body[:200].decode("utf-8", "replace"))
        except OSError as e:
            last = str(e)
        time.sleep(0.25)
    raise RuntimeError("%s: %s did not answer 200 within %d s (last: %s)" % (what, path, deadline_seconds, last))


def start(cmd, log_path, cwd=None, env=None):
    """Starts a server in its own session (so it and its children can be stopped together)."""
    with open(log_path, "wb") as out:
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=cwd, env=env, start_new_session=True)


def stop(process, what, first_signal=signal.SIGTERM, grace=15.0):
    """Stops a server started by start(): first_signal to its process group, then SIGKILL after grace seconds."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, first_signal)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
        log("%s stopped (exit %s)" % (what, process.returncode))
    except subprocess.TimeoutExpired:
        log("%s did not stop within %.0f s; killing it" % (what, grace))
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
    # Children left in the group (git, nginx workers) go too.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def session_cpu_seconds(sid):
    """User + system CPU seconds of the live processes of session sid (a server and its workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        # fields[0] is the state (field 3); session is field 6, utime 14, stime 15.
        if int(fields[3]) == sid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def peak_rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; text/css css; }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/html text/css application/json;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    server {{
        listen {host}:{port};
        server_name localhost;
        root {www};
{locations}
        location / {{ return 404; }}
    }}
}}
"""


def nginx_config(tmp, www, port, workers, saved):
    locations = []
    for path, (name, content_type) in saved.items():
        extra = (" default_type %s;" % content_type) if content_type else ""
        locations.append("        location = %s {%s try_files /%s =404; }" % (path, extra, name))
    return NGINX_CONF.format(workers=workers, tmp=tmp, host=HOST, port=port, www=www, locations="\n".join(locations))


# ---------------------------------------------------------------- wrk

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def to_ms(text):
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError("unknown latency %r" % text)
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output):
    """Requests/s, latency percentiles (ms), request count and errors from wrk --latency's output."""
    result = {"rps": None, "p50": None, "p99": None, "requests": 0, "errors": 0, "non2xx": 0}
    for line in output.splitlines():
        line = line.strip()
        match = re.match(r"Requests/sec:\s+([0-9.]+)", line)
        if match:
            result["rps"] = float(match.group(1))
        match = re.match(r"(50|99)(?:\.000)?%\s+([0-9.]+(?:us|ms|s|m))$", line)
        if match:
            result["p" + match.group(1)] = to_ms(match.group(2))
        match = re.match(r"(\d+) requests in", line)
        if match:
            result["requests"] = int(match.group(1))
        match = re.match(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", line)
        if match:
            result["errors"] = sum(int(g) for g in match.groups())
        match = re.match(r"Non-2xx or 3xx responses: (\d+)", line)
        if match:
            result["non2xx"] = int(match.group(1))
    if result["rps"] is None or result["p50"] is None or result["p99"] is None:
        raise RuntimeError("could not read wrk's output:\n" + output)
    return result


def wrk(url, threads, connections, seconds):
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency", url]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError("%s exited with %d:\n%s" % (" ".join(cmd), done.returncode, done.stdout))
    return done.stdout


# ---------------------------------------------------------------- main

def fmt_ms(value):
    return "%.2f ms" % value if value < 100 else "%.0f ms" % value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=DEFAULT_REPO, help="the repository (read only; bare is fine); default: %(default)s")
    parser.add_argument("--runs", type=int, help="runs of each index measurement (default: 3 cold, 5 with nothing new)")
    parser.add_argument("--cold-runs", type=int, help="runs of the cold index (overrides --runs)")
    parser.add_argument("--warm-runs", type=int, help="runs of the index with nothing new (overrides --runs)")
    parser.add_argument("--wrk-runs", type=int, default=3, help="wrk measurements of each URL and server; medians are reported (default: 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk measurement (default: 10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before each measurement, not counted (default: 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default: 2)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default: 64)")
    parser.add_argument("--posts", type=int, default=50, help="posts to create in category Releases before serving (default: 50; 0: none, and %s is not measured)" % NEWS)
    parser.add_argument("--paths", default="/releases/4.19.0,/api/status,/news/category/releases", help="comma-separated paths to measure (of: %s)" % ", ".join(STATIC))
    parser.add_argument("--nginx-workers", default="2", help="nginx worker_processes (default: 2; 'auto' works)")
    parser.add_argument("--index-timeout", type=int, default=900, help="time limit of one index run, s (default: 900)")
    parser.add_argument("--start-timeout", type=int, default=600, help="time limit for herald serve to answer /healthz, s (default: 600)")
    parser.add_argument("--inline-io", choices=["true", "false"], default="false", help="herald serve --inline-io (default: %(default)s, herald's default)")
    parser.add_argument("--skip-index", action="store_true", help="do not time herald index (herald serve then indexes on start)")
    args = parser.parse_args()

    cold_runs = args.cold_runs if args.cold_runs is not None else (args.runs if args.runs is not None else 3)
    warm_runs = args.warm_runs if args.warm_runs is not None else (args.runs if args.runs is not None else 5)
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    # Without posts there is no category Releases (its archive answers 404): neither saved nor measured.
    served = {p: v for p, v in STATIC.items() if p != NEWS or args.posts > 0}
    if args.posts <= 0 and NEWS in paths:
        if args.paths == parser.get_default("paths"):
            paths.remove(NEWS)
        else:
            parser.error("%s needs --posts > 0" % NEWS)
    for p in paths:
        if p not in served:
            parser.error("unknown path %s (known: %s)" % (p, ", ".join(served)))
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not os.path.exists("/usr/sbin/" + tool):
            parser.error("%s is missing: apt-get install -y wrk nginx" % tool)
    if not os.path.exists("/usr/bin/time"):
        parser.error("/usr/bin/time is missing: apt-get install -y time")
    repo = os.path.abspath(args.repo)
    if not os.path.isdir(repo):
        parser.error("no repository at %s" % repo)
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"

    # SIGTERM and SIGHUP unwind like Ctrl-C, so the finally below always runs.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    tmp = tempfile.mkdtemp(prefix="herald-portal-bench-")
    data = os.path.join(tmp, "data")
    www = os.path.join(tmp, "www")
    nginx_tmp = os.path.join(tmp, "nginx")
    herald_proc = nginx_proc = None
    started = time.monotonic()
    try:
        log("building herald (Release) ...")
        herald = build()
        index_rows = []
        if not args.skip_index:
            index_rows = measure_index(herald, repo, data, cold_runs, warm_runs, args.index_timeout)

        # ---- the posts, before the portal starts (it reads them on start)
        posts_seconds = None
        if args.posts > 0:
            os.makedirs(data, exist_ok=True)
            log("creating %d posts in category Releases with herald post new ..." % args.posts)
            posts_seconds = create_posts(herald, repo, data, tmp, args.posts, args.index_timeout)
            log("  %d posts in %.1f s (%.2f s each)" % (args.posts, posts_seconds, posts_seconds / args.posts))

        # ---- herald serve
        herald_port = free_port()
        herald_log = os.path.join(tmp, "herald-serve.log")
        os.makedirs(data, exist_ok=True)
        log("starting herald serve on %s:%d ..." % (HOST, herald_port))
        serve_start = time.monotonic()
        herald_proc = start([herald, "serve", "--repo", repo, "--data", data, "--urls", "http://%s:%d" % (HOST, herald_port), "--inline-io", args.inline_io],
                            herald_log, cwd=tmp)
        wait_for(herald_port, "/healthz", args.start_timeout, herald_proc, "herald serve")
        ready_seconds = time.monotonic() - serve_start
        log("herald serve answered /healthz 200 after %.2f s" % ready_seconds)

        # ---- the static copies
        os.makedirs(www)
        saved = {}
        sizes = {}
        for path, (name, content_type) in served.items():
            status, headers, body = get(herald_port, path)
            if status != 200:
                raise RuntimeError("herald answered %d to %s" % (status, path))
            # The first answer was rendered (and streamed, chunked); wrk gets the cached one, whose framing
            # the report gives. Both must be the same bytes.
            status, headers, again = get(herald_port, path)
            if status != 200 or again != body:
                raise RuntimeError("herald's second answer to %s differs from its first (status %d)" % (path, status))
            with open(os.path.join(www, name), "wb") as f:
                f.write(body)
            saved[path] = (name, content_type)
            sizes[path] = (len(body), headers.get("content-type", ""), headers.get("content-length") is None)
            log("saved %s (%d bytes, %s) as %s" % (path, len(body), headers.get("content-type", "?"), name))
        # Workers may run as another user when this runs as root: let them read the files.
        for folder in (tmp, www):
            os.chmod(folder, 0o755)
        for name in os.listdir(www):
            os.chmod(os.path.join(www, name), 0o644)

        # ---- nginx
        os.makedirs(nginx_tmp)
        nginx_port = free_port()
        conf = os.path.join(nginx_tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(nginx_config(nginx_tmp, www, nginx_port, args.nginx_workers, saved))
        check = subprocess.run([nginx_bin, "-t", "-q", "-p", nginx_tmp, "-e", os.path.join(nginx_tmp, "error.log"), "-c", conf],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
        if check.returncode != 0:
            raise RuntimeError("nginx -t rejected the configuration:\n" + check.stdout)
        log("starting nginx on %s:%d (worker_processes %s) ..." % (HOST, nginx_port, args.nginx_workers))
        nginx_proc = start([nginx_bin, "-p", nginx_tmp, "-e", os.path.join(nginx_tmp, "error.log"), "-c", conf],
                           os.path.join(nginx_tmp, "stdout.log"))
        wait_for(nginx_port, paths[0], 30, nginx_proc, "nginx")
        for path in served:
            status, headers, body = get(nginx_port, path)
            with open(os.path.join(www, saved[path][0]), "rb") as f:
                if status != 200 or body != f.read():
                    raise RuntimeError("nginx does not serve the saved copy of %s (status %d)" % (path, status))
            log("nginx serves %s: %d bytes, %s" % (path, len(body), headers.get("content-type", "?")))

        # ---- wrk, interleaved: each round measures every URL on herald then nginx
        servers = [("herald", herald_port, herald_proc), ("nginx", nginx_port, nginx_proc)]
        results = {(p, s[0]): [] for p in paths for s in servers}
        herald_requests = 0  # all that wrk sent herald, warm-ups included
        for round_ in range(args.wrk_runs):
            for path in paths:
                for name, port, proc in servers:
                    if proc.poll() is not None:
                        raise RuntimeError("%s exited with %d during the measurement" % (name, proc.returncode))
                    url = "http://%s:%d%s" % (HOST, port, path)
                    if args.warmup > 0:
                        warm = parse_wrk(wrk(url, args.threads, args.connections, args.warmup))
                        if name == "herald":
                            herald_requests += warm["requests"]
                    cpu_before = session_cpu_seconds(proc.pid)
                    output = wrk(url, args.threads, args.connections, args.duration)
                    cpu = session_cpu_seconds(proc.pid) - cpu_before
                    result = parse_wrk(output)
                    if name == "herald":
                        herald_requests += result["requests"]
                    result["cpu_us"] = cpu / result["requests"] * 1e6 if result["requests"] else 0.0
                    result["cpu_share"] = cpu / args.duration
                    results[(path, name)].append(result)
                    log("round %d/%d %s %s: %.0f req/s, p50 %s, p99 %s, %.0f us CPU/request, %.0f%% of a core%s" % (
                        round_ + 1, args.wrk_runs, name, path, result["rps"], fmt_ms(result["p50"]), fmt_ms(result["p99"]),
                        result["cpu_us"], result["cpu_share"] * 100,
                        ("; %d socket errors" % result["errors"] if result["errors"] else "")
                        + ("; %d non-2xx/3xx" % result["non2xx"] if result["non2xx"] else "")))
        herald_rss = peak_rss_kib(herald_proc.pid)
        herald_log_size = os.path.getsize(herald_log)
    finally:
        stop(herald_proc, "herald serve", signal.SIGTERM, 20.0)
        stop(nginx_proc, "nginx", signal.SIGQUIT, 10.0)
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- report
    print("# Portal benchmark")
    print()
    # The load average tells how busy the shared host was: p99 and herald's CPU per request move with it.
    print("Repository %s; %d cores, load average %s at the end; wrk -t%d -c%d -d%ds --latency (warm-up %d s) on 127.0.0.1, "
          "herald and nginx in the same run, medians of %d runs. Total %.0f s." % (
              repo, os.cpu_count() or 0, " ".join("%.1f" % x for x in os.getloadavg()), args.threads, args.connections,
              args.duration, args.warmup, args.wrk_runs, time.monotonic() - started))
    print()
    if index_rows:
        print("| command | median s | target | met | peak MiB | runs (s) |")
        print("| --- | ---: | ---: | :---: | ---: | --- |")
        for name, median, target, peak, runs, _ in index_rows:
            print("| %s | %.3f | < %g s | %s | %.0f | %s |" % (name, median, target, "yes" if median < target else "**no**",
                                                              peak / 1024, " ".join("%.2f" % r for r in runs)))
        print()
        print("Last index output: `%s`" % index_rows[0][5])
        print()
    print("| URL | server | requests/s | p50 | p99 | herald/nginx req/s | server CPU µs/request | server CPU (cores) | runs (req/s) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    verdicts = []
    for path in paths:
        medians = {}
        for name in ("herald", "nginx"):
            rs = results[(path, name)]
            medians[name] = {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50", "p99", "cpu_us", "cpu_share")}
        ratio = medians["herald"]["rps"] / medians["nginx"]["rps"] if medians["nginx"]["rps"] else 0.0
        for name in ("herald", "nginx"):
            m = medians[name]
            print("| %s | %s | %.0f | %s | %s | %s | %.0f | %.2f | %s |" % (
                path, name, m["rps"], fmt_ms(m["p50"]), fmt_ms(m["p99"]), "%.2f" % ratio if name == "herald" else "",
                m["cpu_us"], m["cpu_share"], " ".join("%.0f" % r["rps"] for r in results[(path, name)])))
        errors = sum(r["errors"] + r["non2xx"] for n in ("herald", "nginx") for r in results[(path, n)])
        verdicts.append((path, ratio, medians["herald"]["p99"], errors))
    print()
    print("| URL | response | herald ≥ 50% of nginx req/s | herald p99 < 20 ms | errors |")
    print("| --- | --- | :---: | :---: | ---: |")
    for path, ratio, p99, errors in verdicts:
        size, ctype, chunked = sizes[path]
        print("| %s | %s bytes, %s%s | %s (%.0f%%) | %s (%s) | %d |" % (
            path, format(size, ","), ctype, ", chunked" if chunked else "",
            "yes" if ratio >= 0.5 else "**no**", ratio * 100, "yes" if p99 < 20 else "**no**", fmt_ms(p99), errors))
    print()
    if NEWS in paths and RELEASE in paths:
        med = {(p, n): statistics.median(r["rps"] for r in results[(p, n)]) for p in (NEWS, RELEASE) for n in ("herald", "nginx")}
        p99 = {n: statistics.median(r["p99"] for r in results[(NEWS, n)]) for n in ("herald", "nginx")}
        rounds = [a["rps"] / b["rps"] for a, b in zip(results[(NEWS, "herald")], results[(RELEASE, "herald")])]
        news_ratio = med[(NEWS, "herald")] / med[(RELEASE, "herald")]
        print("News archive (%d posts in category Releases, created in %.1f s) against the release page, same run:" % (args.posts, posts_seconds or 0))
        print()
        print("| server | %s req/s | p99 | %s req/s | news/release req/s | runs (news/release) | bodies (bytes) |" % (NEWS, RELEASE))
        print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
        for name in ("herald", "nginx"):
            per_round = [a["rps"] / b["rps"] for a, b in zip(results[(NEWS, name)], results[(RELEASE, name)])]
            print("| %s | %.0f | %s | %.0f | %.2f | %s | %s / %s |" % (
                name, med[(NEWS, name)], fmt_ms(p99[name]), med[(RELEASE, name)], med[(NEWS, name)] / med[(RELEASE, name)],
                " ".join("%.2f" % r for r in per_round), format(sizes[NEWS][0], ","), format(sizes[RELEASE][0], ",")))
        print()
        print("Target: herald serves %s at least as fast as %s: %s (%.2f; per round %s); news herald/nginx %.2f." % (
            NEWS, RELEASE, "yes" if news_ratio >= 1.0 else "**no**", news_ratio, " ".join("%.2f" % r for r in rounds),
            med[(NEWS, "herald")] / med[(NEWS, "nginx")] if med[(NEWS, "nginx")] else 0.0))
        print()
    print("herald serve: /healthz 200 after %.2f s; peak RSS %.0f MiB; its console log grew %s bytes (%.0f bytes per request) "
          "over %s requests (warm-ups included)." % (ready_seconds, herald_rss / 1024, format(herald_log_size, ","),
                                                      herald_log_size / max(1, herald_requests), format(herald_requests, ",")))
    print("Server CPU is user+system time of the server's processes during the measured seconds; wrk shares the same %d cores." % (os.cpu_count() or 0))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt as e:
        print("portal-bench: interrupted (%s)" % (e or "Ctrl-C"), file=sys.stderr)
        sys.exit(130)
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        print("portal-bench: " + str(e), file=sys.stderr)
        sys.exit(1)
