"""What the benchmark scripts share: building herald once, timing a command with its peak memory."""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def build(folder="bench"):
    """Builds the herald command in Release into artifacts/<folder>; returns its path."""
    out = os.path.join(ROOT, "artifacts", folder)
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Herald.Cli", "Herald.Cli.csproj"),
                    "-c", "Release", "-o", out, "-nologo", "-v", "quiet"], check=True, stdout=sys.stderr)
    return os.path.join(out, "herald")


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak KiB of the largest process of the tree)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + cmd, cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        peak = 0
        for line in t.read().splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split(":")[1])
        return elapsed, peak
