"""checks.py: what the Python robustness tests (output.py, xlsx.py) share:
the environment the commands run in, and check(), which prints, counts and
remembers each result; summary() says how many failed and gives the exit
status."""
import os

ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
failures = []
_counted = [0]


def check(ok, what):
    _counted[0] += 1
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def summary(name):
    print(f"{name}: {_counted[0]} checks, {len(failures)} failed")
    return 1 if failures else 0
