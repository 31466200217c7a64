#!/usr/bin/env python3
"""No input on a terminal (issue 13 item 11): each command run with no
operand and a terminal (a pty) on standard input prints its usage on stderr
and exits 2 at once; with "-" it reads the terminal (here: an immediate
end of file) and prints no usage; a pipe with no operand is still read.

    terminal.py BIN_DIR SOURCE_DIR
"""
import os
import pty
import select
import subprocess
import sys
import time

# The command names, from tests/CMakeLists.txt (SK_COMMANDS).
COMMANDS = os.environ["SK_COMMANDS"].split()


def run_on_pty(argv, send_eof):
    """Runs argv with a pty as stdin, stdout and stderr; returns (status, output)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
        os.execv(argv[0], argv)
    if send_eof:
        time.sleep(0.3)
        os.write(fd, b"\x04")
    out, deadline = b"", time.time() + 10
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if not data:  # the pty closed: the command has ended
                _, status = os.waitpid(pid, 0)
                return os.waitstatus_to_exitcode(status), out.decode(errors="replace")
            out += data
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), out.decode(errors="replace")
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return None, out.decode(errors="replace")


def main():
    bin_dir, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    failed = 0
    for cmd in COMMANDS:
        path = os.path.join(bin_dir, cmd)
        status, out = run_on_pty([path], send_eof=False)
        if status != 2 or f"Usage: {cmd} [OPTION]..." not in out:
            print(f"FAIL {cmd} with no operand on a terminal: status {status}\n    | {out!r}")
            failed += 1
        else:
            print(f"ok   {cmd} with no operand on a terminal: usage, exit 2")
        status, out = run_on_pty([path, "-"], send_eof=True)
        if status is None or "Usage:" in out:
            print(f"FAIL {cmd} - on a terminal: status {status}\n    | {out!r}")
            failed += 1
        else:
            print(f"ok   {cmd} - on a terminal reads it (exit {status})")
        piped = subprocess.run([path], input=b"", capture_output=True, timeout=10)
        if b"Usage:" in piped.stderr:
            print(f"FAIL {cmd} with an empty pipe printed the usage")
            failed += 1
        else:
            print(f"ok   {cmd} with a pipe reads it (exit {piped.returncode})")
    # -f xlsx is refused on a terminal; a table on one keeps to its width.
    for cmd, args in [("census-summary", ["examples/census/spring-2024.csv"]),
                      ("review-score", ["--as-of", "2024-03-01",
                                        "examples/review/lighthouse-2020.yaml"])]:
        path = os.path.join(bin_dir, cmd)
        status, out = run_on_pty([path, "-f", "xlsx"] + args, send_eof=False)
        ok = status == 2 and "-f xlsx writes a spreadsheet file" in out
        print(f"{'ok  ' if ok else 'FAIL'} {cmd} -f xlsx on a terminal refused (exit {status})")
        failed += not ok
        status, out = run_on_pty(["/bin/sh", "-c", 'stty cols 72; exec "$0" "$@"', path] + args,
                                 send_eof=False)
        lines = out.replace("\r", "").splitlines()
        table = [line for line in lines if not line.startswith(cmd + ":")]
        ok = (status == 0 and any("--columns all" in line for line in lines)
              and table and all(len(line) <= 72 for line in table))
        print(f"{'ok  ' if ok else 'FAIL'} {cmd} on a 72-column terminal: the headline "
              f"columns that fit, and how to see all (exit {status})")
        failed += not ok
        if not ok:
            print("    | " + "\n    | ".join(lines[:4]))
    print(f"terminal: {len(COMMANDS) * 3 + 4} checks, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
