#!/usr/bin/env python3
"""Benchmark of publishing a release (the publishing issue) on a real repository.

Measures, in the same run, medians of several runs of:
  - herald publish VERSION (fresh data folder each run; tar.gz + tar.xz, sums, signatures)
  - by hand: git archive | gzip -9, git archive | xz -9, sha256sum, and gpg --detach-sign of each file
and prints the ratio (target: herald within 1.2x of the hand-made release).

Usage: bench/publish_bench.py --repo /path/to/xen [--version 4.19.1] [--runs 3]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

from benchlib import build, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--version", default="4.19.1")
    parser.add_argument("--tag", default=None, help="the release tag (default: RELEASE-VERSION)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tag = args.tag or "RELEASE-" + args.version
    herald = build()
    work = tempfile.mkdtemp(prefix="herald-publish-bench-")
    try:
        gnupg = os.path.join(work, "gnupg")
        os.makedirs(gnupg, mode=0o700)
        env = dict(os.environ, GNUPGHOME=gnupg)
        subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Bench <bench@example.org>", "rsa3072", "sign", "never"],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        keys = os.path.join(work, "keys")
        subprocess.run([herald, "key", "generate", "--name", "Bench", "--email", "bench@example.org", "--out", keys,
                        "--repo", args.repo, "--data", os.path.join(work, "unused")], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        herald_runs, hand_runs, peak = [], [], 0
        for run in range(args.runs):
            data = os.path.join(work, "data-%d" % run)
            seconds, kib = timed([herald, "publish", args.version, "--repo", args.repo, "--data", data, "--key", os.path.join(keys, "secret.asc")])
            herald_runs.append(seconds)
            peak = max(peak, kib)

            out = os.path.join(work, "hand-%d" % run)
            os.makedirs(out)
            prefix = "xen-%s/" % args.version
            script = (
                "set -e; cd {out}; "
                "git -C {repo} archive --format=tar --prefix={prefix} {tag} | gzip -9 > x.tar.gz; "
                "git -C {repo} archive --format=tar --prefix={prefix} {tag} | xz -9 -T1 > x.tar.xz; "
                "sha256sum x.tar.gz x.tar.xz > SHA256SUMS; sha512sum x.tar.gz x.tar.xz > SHA512SUMS; "
                "for f in x.tar.gz x.tar.xz SHA256SUMS SHA512SUMS; do gpg --batch --yes --armor --detach-sign --digest-algo SHA256 -o $f.sig $f; done"
            ).format(out=out, repo=args.repo, prefix=prefix, tag=tag)
            start = time.perf_counter()
            subprocess.run(["bash", "-c", script], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            hand_runs.append(time.perf_counter() - start)

        h, m = statistics.median(herald_runs), statistics.median(hand_runs)
        print("| command | median s | ratio | peak MiB | runs (s) |")
        print("| --- | ---: | ---: | ---: | --- |")
        print("| by hand: git archive \\| gzip -9, git archive \\| xz -9, sums, gpg --detach-sign | %.2f |  |  | %s |" % (m, " ".join("%.2f" % r for r in hand_runs)))
        print("| herald publish %s | %.2f | %.2f | %.0f | %s |" % (args.version, h, h / m, peak / 1024, " ".join("%.2f" % r for r in herald_runs)))
    finally:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=dict(os.environ, GNUPGHOME=os.path.join(work, "gnupg")),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
