#!/usr/bin/env python3
"""Benchmark of downloads: a 100 MiB file through `herald serve` against nginx serving the same file.

Target (the publishing issue): download throughput of a 100 MB file through `herald serve` at least 70% of
nginx serving the same file, with herald's memory flat while serving (no whole file in memory).

In one run:
  1. builds herald in Release into artifacts/download-bench (or takes --herald PATH);
  2. writes DATA/artifacts/release/xen/bench/big.bin, --size-mib MiB of os.urandom bytes (once per run; no
     `herald publish` needed: /downloads/<path> serves any plain file under DATA/artifacts);
  3. starts `herald serve` on that data folder, waits for /healthz = 200 and checks
     that HEAD /downloads/release/xen/bench/big.bin answers 200 with the file's Content-Length; when the
     data folder had no index yet, starts it again once indexed (indexing leaves the process's heap large);
  4. starts a private nginx (daemon off, 2 workers, access log off, a child of this script) serving the same
     folder at the same URL with `sendfile on` (as nginx is usually configured) and, unless
     --no-sendfile-off, a second one with `sendfile off`;
  5. one uncounted download from each target, then --runs rounds; in each round each client kind measures
     every target back to back (the order rotated each round):
       wrk -t2 -c4 -d10s on the file (Transfer/sec),
       --clients parallel curls, each downloading the file --repeat times on its connection (bytes received /
       wall time),
       one curl downloading it --single times (median of curl's %{speed_download});
     the targets are herald (every client asks for the same URL, as browsers and mirrors do), herald with a
     distinct query string on every request (unless --no-distinct: no two requests share an output-cache
     key), the --also builds, nginx, nginx with sendfile off. Responses shorter than the file are counted
     (curl: the bytes it got; wrk: estimated from completed responses x size against the bytes read);
  6. memory: herald's VmRSS before serving and its VmHWM then (the start-up peak), its VmHWM while serving
     each target (reset through /proc/PID/clear_refs before each measurement), VmRSS sampled every 0.1 s,
     VmRSS 2 s after, and the largest VmHWM seen (the whole-life peak). Not /usr/bin/time -v: its "Maximum
     resident set size" is the same kernel counter, which the resets lower;
  7. prints medians (MB/s, MB = 10^6 bytes), the ratios herald/nginx (sendfile on; medians of the per-round
     ratios), server CPU seconds per GB
     during wrk and the memory table; writes the report also to bench/results/download-<UTC time>.md; stops
     everything (also on error or Ctrl-C) and removes the file.

Everything listens on and is sent to 127.0.0.1 only. Needs wrk, nginx and curl
(apt-get install -y wrk nginx curl). Python standard library only; reuses portal_bench's helpers.

Usage: bench/download_bench.py [--repo /work/.mirror/xen-project+xen/repo] [--data DIR] [--herald PATH]
                               [--runs 3] [--duration 10] [--connections 4] [--threads 2] [--clients 4]
                               [--repeat 5] [--single 5] [--size-mib 100] [--no-sendfile-off] [--no-distinct]
                               [--also LABEL=PATH ...]

--also LABEL=PATH measures another herald build (say, one with a change to try, built elsewhere) in the same
interleaved rounds, on its own port and from the same data folder, so the builds are compared under the
same load.

--data DIR keeps the data folder (and its index) for the next run: the first start of herald serve indexes
the repository (about 40 s for Xen); later starts only refresh it. Without --data a temporary folder is used.
"""
import argparse
import datetime
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import benchlib  # noqa: E402
from portal_bench import HOST, NGINX_CONF, free_port, session_cpu_seconds, start, stop, wait_for  # noqa: E402

DEFAULT_REPO = "/work/.mirror/xen-project+xen/repo"
RELATIVE = "release/xen/bench/big.bin"  # under DATA/artifacts; the URL is /downloads/ + this
URL_PATH = "/downloads/" + RELATIVE
MB = 1e6


def log(message):
    print("download-bench: " + message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- preparation

def write_file(path, size_mib):
    """Writes size_mib MiB of random bytes to path, 1 MiB at a time (so the writer never holds it whole)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(1 << 20))
    os.replace(path + ".tmp", path)
    return os.path.getsize(path)


def open_up(data, path):
    """nginx workers may run as another user (nobody) when this runs as root: let them reach and read path."""
    folder = os.path.dirname(path)
    while True:
        try:
            os.chmod(folder, os.stat(folder).st_mode | 0o755)
        except PermissionError:
            pass
        if os.path.samefile(folder, data) or folder == os.path.dirname(folder):
            break
        folder = os.path.dirname(folder)
    os.chmod(path, 0o644)


def nginx_conf(tmp, artifacts, port, workers, sendfile):
    location = "        location /downloads/ {\n            alias %s/;\n        }" % artifacts
    conf = NGINX_CONF.format(workers=workers, tmp=tmp, host=HOST, port=port, www=artifacts, locations=location)
    if not sendfile:
        conf = conf.replace("sendfile on;", "sendfile off;")
    return conf


def start_nginx(nginx_bin, tmp, artifacts, workers, sendfile):
    os.makedirs(tmp)
    port = free_port()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(nginx_conf(tmp, artifacts, port, workers, sendfile))
    check = subprocess.run([nginx_bin, "-t", "-q", "-p", tmp, "-e", os.path.join(tmp, "error.log"), "-c", conf],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
    if check.returncode != 0:
        raise RuntimeError("nginx -t rejected the configuration:\n" + check.stdout)
    process = start([nginx_bin, "-p", tmp, "-e", os.path.join(tmp, "error.log"), "-c", conf], os.path.join(tmp, "stdout.log"))
    return port, process


def check_head(port, size, what):
    """HEAD of the file: 200 with Content-Length = size."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("HEAD", URL_PATH)
        response = connection.getresponse()
        response.read()
        length = response.getheader("Content-Length")
        if response.status != 200 or length != str(size):
            raise RuntimeError("%s: HEAD %s answered %d with Content-Length %s (expected 200 and %d)"
                               % (what, URL_PATH, response.status, length, size))
        return dict((k.lower(), v) for k, v in response.getheaders())
    finally:
        connection.close()


def wait_head(port, size, deadline_seconds, process, what):
    """Polls HEAD of the file (not GET: no 100 MiB bodies) until check_head passes, the process exits or time is up."""
    deadline = time.monotonic() + deadline_seconds
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("%s exited with %d (last: %s)" % (what, process.returncode, last))
        try:
            return check_head(port, size, what)
        except (OSError, RuntimeError) as e:
            last = str(e)
        time.sleep(0.25)
    raise RuntimeError("%s did not serve %s within %d s (last: %s; a 403 means its workers cannot read the data "
                       "folder: give the folders on the way o+x)" % (what, URL_PATH, deadline_seconds, last))


# ---------------------------------------------------------------- memory of herald

def status_kib(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak(pid):
    """Resets VmHWM to the current RSS (Linux >= 4.0); False when not allowed."""
    try:
        with open("/proc/%d/clear_refs" % pid, "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class RssSampler:
    """Samples VmRSS of pid every interval seconds while active (between resume() and pause())."""

    def __init__(self, pid, interval=0.1):
        self.pid = pid
        self.interval = interval
        self.samples = []
        self._active = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._done.is_set():
            if self._active.is_set():
                self.samples.append(status_kib(self.pid, "VmRSS"))
            time.sleep(self.interval)

    def resume(self, pid=None):
        """Starts sampling (pid, when given, from now on) into a fresh list."""
        if pid is not None:
            self.pid = pid
        self.samples = []
        self._active.set()

    def pause(self):
        self._active.clear()

    def close(self):
        self._done.set()
        self._thread.join(timeout=2)


# ---------------------------------------------------------------- clients

TRANSFER = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}

# A different query string for every request, so that no two requests share a cache key in herald's output
# cache (nginx ignores it). Each wrk thread gets its own number from setup().
UNIQUE_LUA = """\
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  n = 0
end
function request()
  n = n + 1
  return wrk.format(nil, wrk.path .. "?bench=" .. id .. "-" .. n)
end
"""


def run_wrk(url, threads, connections, seconds, size, script=None):
    """wrk on url; returns (bytes/s from Transfer/sec, completed responses, short responses, problems).

    wrk counts every byte read (the responses still in flight at the end too), so completed responses x size
    can only exceed the bytes read when responses were shorter than the file: their number is estimated
    from the difference (a lower bound; wrk prints bytes with 3 significant digits, hence the 2% slack)."""
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds] + (["-s", script] if script else []) + [url]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        raise RuntimeError("%s exited with %d:\n%s" % (" ".join(cmd), done.returncode, done.stdout))
    rate = read = None
    responses = 0
    problems = []
    for line in done.stdout.splitlines():
        match = re.match(r"\s*Transfer/sec:\s+([0-9.]+)([KMGT]?B)", line)
        if match:
            rate = float(match.group(1)) * TRANSFER[match.group(2)]
        match = re.match(r"\s*(\d+) requests in [0-9.]+\w+, ([0-9.]+)([KMGT]?B) read", line)
        if match:
            responses = int(match.group(1))
            read = float(match.group(2)) * TRANSFER[match.group(3)]
        if re.match(r"\s*(Socket errors|Non-2xx)", line):
            problems.append(line.strip())
    if rate is None or read is None:
        raise RuntimeError("could not read wrk's output:\n" + done.stdout)
    missing = responses * size - read
    short = int(missing // size) + 1 if missing > 0.02 * responses * size else 0
    return rate, responses, short, problems


def curl_cmd(urls):
    """One curl for urls, one after the other on one connection, bodies to /dev/null, one line per transfer."""
    cmd = ["curl", "-s", "--max-time", "600", "-w", "%{http_code} %{size_download} %{speed_download}\\n"]
    for url in urls:
        cmd += ["-o", "/dev/null", url]
    return cmd


def run_curl(urls):
    """Starts curl_cmd(urls); returns a function that waits and gives [(status, bytes, speed bytes/s)]."""
    process = subprocess.Popen(curl_cmd(urls), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish():
        out, err = process.communicate(timeout=900)
        if process.returncode != 0:
            raise RuntimeError("curl %s exited with %d: %s" % (urls[0], process.returncode, err.strip()))
        transfers = []
        for line in out.splitlines():
            status, got, speed = line.split()
            if status != "200":
                raise RuntimeError("curl %s: status %s" % (urls[0], status))
            transfers.append((int(status), int(got), float(speed)))
        if len(transfers) != len(urls):
            raise RuntimeError("curl %s: %d transfers reported for %d URLs" % (urls[0], len(transfers), len(urls)))
        return transfers
    return finish


def with_query(url, unique):
    return url + "?bench=%d-%d" % (os.getpid(), next(COUNTER)) if unique else url


COUNTER = iter(range(1, 1 << 62))


def parallel_curl(url, clients, repeat, size, unique):
    """clients curls at once, each downloading the whole file repeat times on its connection;
    returns (bytes received / wall time, responses, short responses)."""
    started = time.perf_counter()
    waits = [run_curl([with_query(url, unique) for _ in range(repeat)]) for _ in range(clients)]
    transfers = [t for wait in waits for t in wait()]
    wall = time.perf_counter() - started
    return sum(got for _, got, _ in transfers) / wall, len(transfers), sum(1 for _, got, _ in transfers if got != size)


def single_curl(url, count, size, unique):
    """count downloads one after the other on one connection; returns (median of %{speed_download}, short responses)."""
    transfers = run_curl([with_query(url, unique) for _ in range(count)])()
    return statistics.median(speed for _, _, speed in transfers), sum(1 for _, got, _ in transfers if got != size)


# ---------------------------------------------------------------- herald processes

class Herald:
    """One `herald serve` on its own port (PATH may be a script that execs herald: the pid stays the same)."""

    def __init__(self, name, command, repo, data, tmp, suffix=""):
        self.name = name
        self.command = command
        self.folder = os.path.join(tmp, re.sub(r"[^A-Za-z0-9]+", "-", name) + suffix)
        os.makedirs(self.folder)
        self.log = os.path.join(self.folder, "serve.log")
        self.port = free_port()
        self.repo = repo
        self.data = data
        self.proc = None
        self.pid = None
        self.ready_seconds = None
        self.rss_before = self.rss_after = self.startup_peak = self.whole_peak = 0

    def start(self, timeout, size):
        log("starting %s serve on %s:%d (%s, data %s) ..." % (self.name, HOST, self.port, self.command, self.data))
        began = time.monotonic()
        self.proc = start([self.command, "serve", "--repo", self.repo, "--data", self.data,
                           "--urls", "http://%s:%d" % (HOST, self.port)], self.log, cwd=self.folder)
        self.pid = self.proc.pid
        wait_for(self.port, "/healthz", timeout, self.proc, self.name + " serve")
        self.ready_seconds = time.monotonic() - began
        headers = check_head(self.port, size, self.name)
        log("%s serve: /healthz 200 after %.1f s; HEAD %s: 200, Content-Length %d, %s"
            % (self.name, self.ready_seconds, URL_PATH, size, headers.get("content-type")))

    def peak(self):
        """VmHWM now; also kept as the whole-life peak when it is the largest seen."""
        value = status_kib(self.pid, "VmHWM")
        self.whole_peak = max(self.whole_peak, value)
        return value

    def stop(self):
        stop(self.proc, self.name + " serve", signal.SIGTERM, 20.0)


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=DEFAULT_REPO, help="the repository (read only; bare is fine); default: %(default)s")
    parser.add_argument("--data", help="herald's data folder, kept for the next run (default: a temporary folder)")
    parser.add_argument("--herald", help="an already built herald command (default: build it into artifacts/download-bench)")
    parser.add_argument("--also", action="append", default=[], metavar="LABEL=PATH",
                        help="another herald build to measure in the same rounds (e.g. one with a change to try); "
                             "served on its own port from the same data folder; repeatable")
    parser.add_argument("--runs", type=int, default=3, help="rounds; each measures every target once per client kind (default: 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk measurement (default: 10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default: 2)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default: 4)")
    parser.add_argument("--clients", type=int, default=4, help="parallel curl downloads (default: 4)")
    parser.add_argument("--repeat", type=int, default=5, help="downloads of each parallel curl client, one after the other (default: 5)")
    parser.add_argument("--single", type=int, default=5, help="sequential single-client curl downloads per round (default: 5)")
    parser.add_argument("--size-mib", type=int, default=100, help="size of the file, MiB (default: 100)")
    parser.add_argument("--nginx-workers", default="2", help="nginx worker_processes (default: 2)")
    parser.add_argument("--no-sendfile-off", action="store_true", help="do not also measure nginx with sendfile off")
    parser.add_argument("--no-distinct", action="store_true",
                        help="do not also measure herald with a distinct query string on every request (no shared cache key)")
    parser.add_argument("--start-timeout", type=int, default=600, help="time limit for herald serve to answer /healthz, s (default: 600)")
    parser.add_argument("--out", help="also write the report here (default: bench/results/download-<UTC time>.md)")
    args = parser.parse_args()

    for tool in ("wrk", "nginx", "curl"):
        if shutil.which(tool) is None and not os.path.exists("/usr/sbin/" + tool):
            parser.error("%s is missing: apt-get install -y wrk nginx curl" % tool)
    repo = os.path.abspath(args.repo)
    if not os.path.isdir(repo):
        parser.error("no repository at %s" % repo)
    if args.runs < 1 or args.clients < 1 or args.repeat < 1 or args.single < 0 or args.size_mib < 1:
        parser.error("--runs, --clients, --repeat and --size-mib must be positive, --single not negative")
    also = []
    for spec in args.also:
        label, _, path = spec.partition("=")
        if not label or not path or not os.access(path, os.X_OK) or label.startswith("nginx") or label == "herald":
            parser.error("--also wants LABEL=PATH with an executable PATH and a label other than herald or nginx…: %s" % spec)
        also.append((label, os.path.abspath(path)))
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"

    def interrupted(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    tmp = tempfile.mkdtemp(prefix="herald-download-bench-")
    data = os.path.abspath(args.data) if args.data else os.path.join(tmp, "data")
    os.makedirs(data, exist_ok=True)
    artifacts = os.path.join(data, "artifacts")
    big = os.path.join(artifacts, RELATIVE.replace("/", os.sep))
    lua = os.path.join(tmp, "unique.lua")
    heralds = []
    sampler = None
    fresh = False
    index_seconds = 0.0
    nginxes = []  # (name, port, process)
    started = time.monotonic()
    report = []
    try:
        if args.herald:
            command = os.path.abspath(args.herald)
        else:
            log("building herald (Release) into artifacts/download-bench ...")
            command = benchlib.build("download-bench")
        if not os.access(command, os.X_OK):
            raise RuntimeError("no herald command at %s" % command)
        with open(lua, "w") as f:
            f.write(UNIQUE_LUA)

        log("writing %d MiB of random bytes to %s ..." % (args.size_mib, big))
        size = write_file(big, args.size_mib)
        open_up(tmp if data.startswith(tmp + os.sep) else data, big)

        # ---- herald serve (and the builds to compare), one after the other: the first may index
        fresh = not os.path.exists(os.path.join(data, "index.db"))
        for name, path in [("herald", command)] + also:
            heralds.append(Herald(name, path, repo, data, tmp))
            heralds[-1].start(args.start_timeout, size)
        if fresh:
            # The first start built the index in that process, which leaves its heap large (and GC-dependent):
            # start it again so that the memory figures are those of a server that only refreshed its index.
            index_seconds = heralds[0].ready_seconds
            heralds[0].stop()
            heralds[0] = Herald("herald", command, repo, data, tmp, "restarted")
            heralds[0].start(args.start_timeout, size)
            log("herald serve restarted after indexing the repository (%.1f s) in a fresh data folder" % index_seconds)
        by_name = {h.name: h for h in heralds}

        # ---- nginx, same folder, same URL
        variants = [("nginx", True)] + ([] if args.no_sendfile_off else [("nginx sendfile off", False)])
        for name, sendfile in variants:
            port, process = start_nginx(nginx_bin, os.path.join(tmp, name.replace(" ", "-")), artifacts, args.nginx_workers, sendfile)
            nginxes.append((name, port, process))
            wait_head(port, size, 30, process, name)
            log("%s on %s:%d serves %s (Content-Length %d)" % (name, HOST, port, URL_PATH, size))

        # Targets: (name, port, process, herald or None, a distinct query string on every request)
        targets = [("herald", heralds[0].port, heralds[0].proc, heralds[0], False)]
        if not args.no_distinct:
            targets.append(("herald, distinct URLs", heralds[0].port, heralds[0].proc, heralds[0], True))
        targets += [(h.name, h.port, h.proc, h, False) for h in heralds[1:]]
        targets += [(name, port, process, None, False) for name, port, process in nginxes]
        names = [t[0] for t in targets]
        herald_names = [t[0] for t in targets if t[3] is not None]

        # ---- memory before serving (herald has answered only /healthz and a HEAD so far)
        time.sleep(1.0)
        peak_reset = True
        for h in heralds:
            h.rss_before = status_kib(h.pid, "VmRSS")
            h.startup_peak = h.peak()
            peak_reset = reset_peak(h.pid) and peak_reset
        sampler = RssSampler(heralds[0].pid)
        peaks = {n: 0 for n in herald_names}     # VmHWM while serving that target
        sampled = {n: 0 for n in herald_names}   # highest VmRSS sample

        # One download from each, not counted: first requests (JIT, file opened) and the page cache.
        for name, port, _, _, unique in targets:
            single_curl("http://%s:%d%s" % (HOST, port, URL_PATH), 1, size, unique)
        for h in heralds:
            h.peak()

        kinds = [("wrk -t%d -c%d -d%ds" % (args.threads, args.connections, args.duration), "wrk"),
                 ("%d parallel curl x %d" % (args.clients, args.repeat), "parallel")]
        if args.single:
            kinds.append(("1 curl (median of %d)" % args.single, "single"))
        results = {(kind, n): [] for _, kind in kinds for n in names}
        short = {n: 0 for n in names}
        responses = {n: 0 for n in names}
        cpu = {n: [] for n in names}  # server CPU seconds per GB during wrk
        wrk_problems = []
        for round_ in range(args.runs):
            # Every client kind measures all the targets back to back, in an order rotated each round.
            order = targets[round_ % len(targets):] + targets[:round_ % len(targets)]
            for label, kind in kinds:
                for name, port, proc, h, unique in order:
                    if proc.poll() is not None:
                        raise RuntimeError("%s exited with %d during the measurement" % (name, proc.returncode))
                    url = "http://%s:%d%s" % (HOST, port, URL_PATH)
                    if h is not None:
                        reset_peak(h.pid)
                        sampler.resume(h.pid)
                    if kind == "wrk":
                        cpu_before = session_cpu_seconds(proc.pid)
                        rate, count, n_short, problems = run_wrk(url, args.threads, args.connections, args.duration, size,
                                                                 lua if unique else None)
                        cpu[name].append((session_cpu_seconds(proc.pid) - cpu_before) / (rate * args.duration / 1e9))
                        wrk_problems += ["%s: %s" % (name, p) for p in problems]
                    elif kind == "parallel":
                        rate, count, n_short = parallel_curl(url, args.clients, args.repeat, size, unique)
                    else:
                        rate, n_short = single_curl(url, args.single, size, unique)
                        count = args.single
                    if h is not None:
                        sampler.pause()
                        peaks[name] = max(peaks[name], h.peak())
                        sampled[name] = max([sampled[name]] + sampler.samples)
                    results[(kind, name)].append(rate)
                    responses[name] += count
                    short[name] += n_short
                    log("round %d/%d, %s, %s: %.0f MB/s%s" % (round_ + 1, args.runs, label, name, rate / MB,
                                                               "; %d short responses" % n_short if n_short else ""))

        # ---- memory after serving
        sampler.close()
        time.sleep(2.0)
        for h in heralds:
            h.rss_after = status_kib(h.pid, "VmRSS")
            h.peak()
    finally:
        if sampler is not None:
            sampler.close()
        for h in heralds:
            h.stop()
        for name, _, process in nginxes:
            stop(process, name, signal.SIGQUIT, 10.0)
        if args.data:  # leave the kept data folder as it was: no 100 MiB file, no empty bench folders
            try:
                os.remove(big)
                for folder in ("release/xen/bench", "release/xen", "release"):
                    os.rmdir(os.path.join(artifacts, folder))
            except OSError:
                pass
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- report
    def out(line=""):
        report.append(line)
        print(line)

    medians = {key: statistics.median(values) for key, values in results.items()}
    in_flight = max(args.connections, args.clients)
    out("# Downloads: %d MiB file, herald vs nginx" % args.size_mib)
    out()
    out("%s UTC; %d cores, load average %s at the end; file %s (%s bytes of os.urandom) under DATA/artifacts, "
        "GET %s on 127.0.0.1; nginx %s workers, access log off, the same folder; rounds interleaved (%s), medians of %d; "
        "total %.0f s. MB = 10^6 bytes."
        % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"), os.cpu_count() or 0,
           " ".join("%.1f" % x for x in os.getloadavg()), RELATIVE, format(size, ","), URL_PATH, args.nginx_workers,
           "; ".join(names), args.runs, time.monotonic() - started))
    if also:
        out()
        out("Builds: " + "; ".join("%s = %s" % (h.name, h.command) for h in heralds) + ".")
    out()
    out("| client | " + " | ".join("%s MB/s" % n for n in names) + " | " +
        " | ".join("%s / nginx" % n for n in herald_names) + " |")
    out("| --- | " + " | ".join("---:" for _ in names) + " | " + " | ".join("---:" for _ in herald_names) + " |")
    ratios = {}
    for label, kind in kinds:
        for n in herald_names:
            # Paired: herald and nginx of the same round (measured back to back), then the median of the ratios.
            ratios[(kind, n)] = statistics.median(a / b for a, b in zip(results[(kind, n)], results[(kind, "nginx")]))
        out("| %s | %s | %s |" % (label, " | ".join("%.0f" % (medians[(kind, n)] / MB) for n in names),
                                  " | ".join("**%.2f**" % ratios[(kind, n)] for n in herald_names)))
    out("| server CPU s/GB during wrk | %s | |" % " | ".join("%.2f" % statistics.median(cpu[n]) for n in names))
    out("| short responses | %s | |" % " | ".join("%d of %d" % (short[n], responses[n]) for n in names))
    out()
    out("Runs (MB/s): " + "; ".join("%s %s: %s" % (n, kind, " ".join("%.0f" % (r / MB) for r in results[(kind, n)]))
                                    for _, kind in kinds for n in names) + ".")
    out()
    out("Ratios (herald / nginx with sendfile on) are medians of the per-round ratios; the two are measured back to "
        "back in each round, so a change in the host's load between rounds cancels out. Per round: " + "; ".join(
            "%s %s: %s" % (n, kind, " ".join("%.2f" % (a / b) for a, b in zip(results[(kind, n)], results[(kind, "nginx")])))
            for _, kind in kinds for n in herald_names) + ".")
    out()
    out("Server CPU: user+system seconds of the server's processes during wrk per GB served (median); the clients run "
        "on the same cores. Short responses: 200 with fewer bytes than the file (curl: bytes received; wrk: estimated "
        "from completed responses x size against the bytes read, a lower bound).")
    if wrk_problems:
        out()
        out("wrk reported: " + "; ".join(wrk_problems))
    out()
    out("| herald memory, MiB | " + " | ".join(herald_names) + " |")
    out("| --- | " + " | ".join("---:" for _ in herald_names) + " |")

    def row(label, values):
        out("| %s | %s |" % (label, " | ".join("%.0f" % (v / 1024) for v in values)))
    row("RSS before serving (after start-up and index refresh)", [by_name.get(n, heralds[0]).rss_before for n in herald_names])
    row("peak RSS while serving it (VmHWM, reset before each measurement%s)" % ("" if peak_reset else "; reset refused: whole-life peak"),
        [peaks[n] for n in herald_names])
    row("highest 0.1 s sample of RSS while serving it", [sampled[n] for n in herald_names])
    row("growth while serving (peak − before)", [peaks[n] - by_name.get(n, heralds[0]).rss_before for n in herald_names])
    row("RSS 2 s after the last round", [by_name.get(n, heralds[0]).rss_after for n in herald_names])
    row("start-up peak (VmHWM before serving: start-up, index refresh, snapshot)", [by_name.get(n, heralds[0]).startup_peak for n in herald_names])
    row("whole-life peak (the largest VmHWM seen)", [by_name.get(n, heralds[0]).whole_peak for n in herald_names])
    out()
    out("Up to %d downloads in flight at once, %d MiB each (%d MiB if each were held whole). \"herald\" and \"herald, "
        "distinct URLs\" are one process; its VmHWM is reset before each measurement, so each column is the peak while "
        "serving that target only. RSS after and the peaks of the last two rows are per process." % (in_flight, args.size_mib, in_flight * args.size_mib))
    out()
    for n in herald_names:
        growth = (peaks[n] - by_name.get(n, heralds[0]).rss_before) / 1024
        flat = growth < args.size_mib / 2
        fast = all(ratios[(kind, n)] >= 0.7 for _, kind in kinds[:2])
        out("Targets for %s: ≥ 70%% of nginx (sendfile on) — %s (%s%s); memory flat — %s (growth %.0f MiB)." % (
            n, "met" if fast and not short[n] else "**not met**",
            ", ".join("%s %.0f%%" % (label, ratios[(kind, n)] * 100) for label, kind in kinds),
            "; %d short responses" % short[n] if short[n] else "", "met" if flat else "**not met**", growth))
    out()
    out("herald serve answered /healthz after " + ", ".join("%.1f s (%s)" % (h.ready_seconds, h.name) for h in heralds)
        + " (index refresh on start)" + (
            "; the data folder had no index: the first start indexed the repository in %.1f s and was then restarted, "
            "so the memory figures are those of a server that only refreshed its index." % index_seconds if fresh else "."))

    path = args.out or os.path.join(HERE, "results", "download-%s.md" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(report) + "\n")
    log("report written to %s" % path)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt as e:
        print("download-bench: interrupted (%s)" % (e or "Ctrl-C"), file=sys.stderr)
        sys.exit(130)
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        print("download-bench: " + str(e), file=sys.stderr)
        sys.exit(1)
