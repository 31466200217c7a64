#!/usr/bin/env python3
"""-o, the output file (issue 13 item 6), for every command:
  mode     the replaced file keeps its mode (0600) and, as root, its owner
  special  a FIFO, a symbolic link to a FIFO or to /dev/null, and /dev/null
           itself are refused at once (exit 2) and left as they were
  long     a 254-byte file name is written (the temporary file's name is cut
           to fit NAME_MAX), and nothing else is left in the folder
  signal   SIGINT, SIGTERM or SIGHUP while the input is still coming removes
           the temporary file (census-summary, nutshell and review-score
           open their output before reading)
  config   action-lint refuses -o onto its --config or onto a
           .action-lint.yaml it read, which stay unchanged

    output.py BIN_DIR SOURCE_DIR
"""
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time

from checks import ENV, check, summary

RUNS = {
    "census-summary": ["-f", "csv", "examples/census/spring-2024.csv"],
    "nutshell": ["--as-of", "2024-03-01", "examples/strategy/holy-trinity-2023-24.yaml"],
    "review-score": ["--as-of", "2024-03-01", "examples/review/lighthouse-2020.yaml"],
    "action-lint": ["--as-of", "2024-03-01", "-f", "json",
                    "examples/strategy/holy-trinity-2023-24.yaml"],
}


def run(path, args, out, **kw):
    return subprocess.run([path, "-o", out] + args, env=ENV, capture_output=True,
                          timeout=20, **kw)


def main():
    bin_dir, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    root = os.geteuid() == 0
    # Every command (SK_COMMANDS, from tests/CMakeLists.txt) needs its run here.
    for cmd in os.environ["SK_COMMANDS"].split():
        check(cmd in RUNS, f"{cmd}: a run in output.py's RUNS")
    for cmd, args in RUNS.items():
        path = os.path.join(bin_dir, cmd)
        with tempfile.TemporaryDirectory() as d:
            old = os.path.join(d, "old.txt")
            with open(old, "w") as f:
                f.write("old\n")
            os.chmod(old, 0o600)
            if root:
                os.chown(old, 1234, 2345)
            r = run(path, args, old)
            st = os.stat(old)
            check(r.returncode in (0, 1) and stat.S_IMODE(st.st_mode) == 0o600,
                  f"{cmd} mode: 0600 kept ({oct(stat.S_IMODE(st.st_mode))})")
            if root:
                check((st.st_uid, st.st_gid) == (1234, 2345),
                      f"{cmd} owner: 1234:2345 kept ({st.st_uid}:{st.st_gid})")

            fifo = os.path.join(d, "fifo")
            os.mkfifo(fifo)
            os.symlink(fifo, os.path.join(d, "to-fifo"))
            os.symlink("/dev/null", os.path.join(d, "to-null"))
            for target in [fifo, os.path.join(d, "to-fifo"), os.path.join(d, "to-null"),
                           "/dev/null"]:
                try:
                    r = run(path, args, target)
                    ok = r.returncode == 2 and b"cannot write" in r.stderr
                except subprocess.TimeoutExpired:
                    ok = False
                check(ok, f"{cmd} special: -o {os.path.basename(target)} refused")
            check(stat.S_ISFIFO(os.lstat(fifo).st_mode), f"{cmd} special: the FIFO is left")
            check(stat.S_ISCHR(os.stat("/dev/null").st_mode), f"{cmd} special: /dev/null is left")

        with tempfile.TemporaryDirectory() as d:
            name = os.path.join(d, "n" * 250 + ".csv")
            r = run(path, args, name)
            check(r.returncode in (0, 1) and os.listdir(d) == [os.path.basename(name)],
                  f"{cmd} long: a 254-byte name written, nothing else left "
                  f"({r.returncode}: {r.stderr[:200]!r})")

        if cmd == "action-lint":
            continue
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with tempfile.TemporaryDirectory() as d:
                fifo = os.path.join(d, "input")
                os.mkfifo(fifo)
                out = os.path.join(d, "out")
                opts = [a for a in args if not a.startswith("examples/")]
                p = subprocess.Popen([path, "-o", out] + opts + [fifo], env=ENV,
                                     stderr=subprocess.DEVNULL)
                writer = os.open(fifo, os.O_WRONLY)   # the command has opened its input
                deadline = time.time() + 5
                while len(os.listdir(d)) < 2 and time.time() < deadline:
                    time.sleep(0.02)
                had_temp = len(os.listdir(d)) == 2
                p.send_signal(sig)
                p.wait(timeout=10)
                os.close(writer)
                left = sorted(os.listdir(d))
                check(had_temp and left == ["input"],
                      f"{cmd} signal: {signal.Signals(sig).name} leaves no file ({left})")

    path = os.path.join(bin_dir, "action-lint")
    with tempfile.TemporaryDirectory() as d:
        strategy = os.path.join(d, "s.yaml")
        with open("examples/strategy/holy-trinity-2023-24.yaml", "rb") as f:
            body = f.read()
        with open(strategy, "wb") as f:
            f.write(body)
        config = os.path.join(d, ".action-lint.yaml")
        with open(config, "w") as f:
            f.write("rules:\n  overdue-action: off\n")
        os.mkdir(os.path.join(d, ".git"))
        for extra in (["--config", config], []):
            r = subprocess.run([path, "--as-of", "2024-03-01", "-o", config] + extra + [strategy],
                               env=ENV, capture_output=True, timeout=20)
            with open(config) as f:
                kept = f.read() == "rules:\n  overdue-action: off\n"
            check(r.returncode == 2 and kept,
                  f"action-lint config: -o onto {'--config' if extra else '.action-lint.yaml'} "
                  f"refused ({r.returncode}: {r.stderr[:200]!r})")

    return summary("output")


if __name__ == "__main__":
    sys.exit(main())
