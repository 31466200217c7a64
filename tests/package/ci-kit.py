#!/usr/bin/env python3
"""The CI kit, checked offline as far as it can be:

- examples/ci/github-actions.yml, action.yml and .pre-commit-hooks.yaml are
  well-formed YAML (libyaml, through bench's bare-parse, and python3-yaml)
  with the keys GitHub and pre-commit require, and the files their comments
  name exist;
- the action's run steps, run as GitHub runs them (bash -e -o pipefail,
  GITHUB_ACTIONS=true, RUNNER_TEMP, GITHUB_PATH) with the inputs the example
  workflow gives it, build and install sendkit from this checkout, then, in a
  repository laid out as the workflow assumes, write SARIF and fail the check
  with annotations on the example that has errors (apt-get is not run: the
  packages it names must be among scripts/deps.sh's);
- the pre-commit hook, run as pre-commit runs it, fails on that repository and
  passes one without the faulty example, whose other YAML is left alone.

  ci-kit.py SOURCE_DIR BARE_PARSE
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("python3-yaml not found (install it): skipped")
    sys.exit(77)

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
COLOURS = {"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}
failures = []


def check(ok, msg):
    if not ok:
        failures.append(msg)
        print("FAIL: " + msg)
    return ok


def load(src, bare_parse, name):
    path = os.path.join(src, name)
    check(subprocess.call([bare_parse, path], stdout=subprocess.DEVNULL) == 0,
          "%s is not well-formed YAML (libyaml)" % name)
    with open(path) as f:
        text = f.read()
    for doc in re.findall(r"\bREADME[\w.-]*\.md\b|\baction\.yml\b|\bscripts/[\w.-]+", text):
        check(os.path.exists(os.path.join(src, doc)), "%s names %s, which does not exist" % (name, doc))
    return yaml.safe_load(text), text


def on_event(value, event):
    """A workflow value for one event: its ${{ github.event_name == 'E' && 'A' || 'B' }}
    expressions evaluated (the one form the example uses), other text as it is."""
    def one(m):
        form = re.fullmatch(r"github\.event_name == '([\w-]+)' && '([^']*)' \|\| '([^']*)'",
                            m.group(1))
        if not check(form, "the test cannot evaluate ${{ %s }}" % m.group(1)):
            return ""
        return form.group(2) if event == form.group(1) else form.group(3)
    return EXPR.sub(one, str(value))


def workflow_inputs(wf, action, event="push"):
    """The `with:` of the workflow's step that uses the sendkit action, as given on event."""
    on = wf.get(True, wf.get("on"))          # YAML 1.1 reads the key on as true
    check({"push", "pull_request", "schedule"} <= set(on), "the workflow is not run on push, "
          "pull_request and a schedule")
    check(wf.get("permissions", {}).get("security-events") == "write",
          "the workflow does not grant security-events: write, which upload-sarif needs")
    job = wf["jobs"]["action-lint"]
    check(job.get("runs-on"), "the workflow's job has no runs-on")
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    mine = None
    for s in job["steps"]:
        check(("uses" in s) != ("run" in s), "a step needs uses or run: %r" % s)
        if "uses" in s:
            check(re.match(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[\w.-]+$", s["uses"]),
                  "the workflow uses %s without a ref" % s["uses"])
            if re.match(r"^[\w.-]+/sendkit@", s["uses"]):
                mine = s
    if not check(mine, "no step of the workflow uses the sendkit action"):
        return inputs
    given = mine.get("with", {})
    for k in given:
        check(k in action["inputs"], "the workflow gives the action %s, which is no input of it" % k)
    inputs.update({k: on_event(v, event) for k, v in given.items()})
    print("workflow on %s: uses %s with %s" % (event, mine["uses"], inputs))
    return inputs


def check_action(action, text):
    for key in ("name", "description", "author"):
        check(action.get(key), "action.yml has no %s" % key)
    brand = action.get("branding", {})
    check(brand.get("icon") and brand.get("color") in COLOURS,
          "action.yml's branding needs an icon and a colour of %s" % sorted(COLOURS))
    check(action["runs"]["using"] == "composite", "action.yml is not a composite action")
    for name, spec in action["inputs"].items():
        check(spec.get("description"), "input %s has no description" % name)
    for name in re.findall(r"inputs\.([\w-]+)", text):
        check(name in action["inputs"], "action.yml uses inputs.%s, which it does not declare" % name)
    for s in action["runs"]["steps"]:
        check(("uses" in s) != ("run" in s), "a step needs uses or run: %r" % s)
        if "run" in s:
            check(s.get("shell") == "bash", "step %r: a composite's run step needs shell: bash" % s.get("name"))
            check("${{" not in s["run"], "step %r puts an expression in the script (use env)" % s.get("name"))
        else:
            check(re.search(r"@v\d+$", s["uses"]), "unpinned action %s" % s["uses"])


def expand(value, ctx):
    def one(m):
        expr = m.group(1)
        if expr in ctx:
            return ctx[expr]
        check(False, "the test cannot evaluate ${{ %s }}" % expr)
        return ""
    return EXPR.sub(one, str(value))


def condition(step, ctx):
    """A step's if: as far as the test evaluates it (comparisons of inputs)."""
    cond = step.get("if")
    if cond is None:
        return True
    cond = EXPR.sub(lambda m: m.group(1), str(cond))
    terms = re.findall(r"inputs\.([\w-]+) == '([^']*)'", cond)
    check(terms, "the test cannot evaluate if: %s" % cond)
    return all(ctx["inputs." + k] == v for k, v in terms)


def run_action(action, inputs, src, tmp):
    repo = os.path.join(tmp, "repo")
    for kind, folder in (("strategy", "strategies"), ("review", "reviews")):
        os.makedirs(os.path.join(repo, folder))
        for f in glob.glob(os.path.join(src, "examples", kind, "*.yaml")):
            shutil.copy(f, os.path.join(repo, folder))
    os.makedirs(os.path.join(repo, ".github/workflows"))
    shutil.copy(os.path.join(src, "examples/ci/github-actions.yml"),
                os.path.join(repo, ".github/workflows/send-files.yml"))
    runner = os.path.join(tmp, "runner")
    os.makedirs(runner)
    github_path = os.path.join(tmp, "github_path")
    open(github_path, "w").close()
    ctx = {"github.action_path": src}
    ctx.update({"inputs." + k: v for k, v in inputs.items()})
    deps = open(os.path.join(src, "scripts/deps.sh")).read()
    statuses = {}
    for s in action["runs"]["steps"]:
        name = s.get("name", "")
        if "run" not in s or not condition(s, ctx):
            if "uses" in s and "upload-sarif" in s["uses"]:
                check(expand(s["with"]["sarif_file"], ctx) == inputs["sarif-file"],
                      "upload-sarif is not given the SARIF file the action writes")
            continue
        if "apt-get" in s["run"]:
            words = s["run"].replace("\\\n", " ").split()
            for p in words[words.index("install") + 1:]:
                check(p.startswith("-") or re.search(r"\b%s\b" % re.escape(p), deps),
                      "the action installs %s, which scripts/deps.sh does not" % p)
            continue
        env = {k: v for k, v in os.environ.items() if k not in ("PATH",)}
        path = [p for p in open(github_path).read().split("\n") if p][::-1]
        env.update(GITHUB_ACTIONS="true", RUNNER_TEMP=runner, GITHUB_PATH=github_path,
                   GITHUB_WORKSPACE=repo, PATH=":".join(path + ["/usr/local/sbin", "/usr/sbin",
                                                                 "/usr/bin", "/sbin", "/bin"]))
        env.update({k: expand(v, ctx) for k, v in s.get("env", {}).items()})
        r = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", s["run"]],
                           cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, check=False)
        statuses[name] = (r.returncode, r.stdout)
        print("step %r: exit %d" % (name, r.returncode))
    return repo, runner, statuses


def step(statuses, word):
    hits = [v for k, v in statuses.items() if word in k.lower()]
    check(len(hits) == 1, "expected one run step named with %r, found %d" % (word, len(hits)))
    return hits[0] if hits else (None, "")


def check_run(repo, runner, statuses, inputs):
    status, out = step(statuses, "build")
    check(status == 0, "building sendkit failed: %s" % out[-3000:])
    check(os.access(os.path.join(runner, "sendkit/bin/action-lint"), os.X_OK),
          "the build step installed no action-lint under RUNNER_TEMP")
    status, out = step(statuses, "sarif")
    check(status == 0, "the SARIF step failed (exit %s): %s" % (status, out))
    sarif = os.path.join(repo, inputs["sarif-file"])
    text = open(sarif).read() if os.path.exists(sarif) else ""
    check('"version": "2.1.0"' in text, "the SARIF step wrote no SARIF 2.1.0")
    check('"uri": "strategies/st-marys-2023-24.yaml"' in text,
          "the SARIF report does not name strategies/st-marys-2023-24.yaml")
    status, out = step(statuses, "check")
    # St Mary's example has errors: the job fails, with annotations.
    check(status == 1, "the check step exited %s, expected 1: %s" % (status, out))
    check(re.search(r"^::error file=strategies/st-marys-2023-24\.yaml,line=\d+,col=\d+,title=", out, re.M),
          "the check step wrote no GitHub annotations: %s" % out[:500])
    check(re.search(r"^action-lint \(sendkit\) ", out, re.M), "the check step printed no version")


def check_hook(hooks, repo, runner):
    hook = [h for h in hooks if h.get("id") == "action-lint"]
    if not check(len(hook) == 1, ".pre-commit-hooks.yaml has no hook action-lint"):
        return
    hook = hook[0]
    for key in ("id", "name", "entry", "language"):
        check(hook.get(key), "the hook has no %s" % key)
    check(hook["language"] == "system", "the hook's language should be system (pre-commit cannot build C)")
    files = re.compile(hook.get("files", ""))
    check(files.search("strategies/a.yaml") and files.search("b.yml") and not files.search("c.csv"),
          "the hook's files: does not select .yaml and .yml files alone")
    argv = hook["entry"].split() + hook.get("args", [])
    check(hook.get("pass_filenames") is False, "the hook should check folders, not each named file")
    env = dict(os.environ, PATH=os.path.join(runner, "sendkit/bin") + ":/usr/bin:/bin")
    os.makedirs(os.path.join(repo, "config"))
    with open(os.path.join(repo, "config/settings.yaml"), "w") as f:
        f.write("retention: 7\n")
    r = subprocess.run(argv, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, check=False)
    check(r.returncode == 1 and "st-marys-2023-24.yaml" in r.stdout,
          "the hook on a repository with errors: exit %d, %s" % (r.returncode, r.stdout[:500]))
    os.remove(os.path.join(repo, "strategies/st-marys-2023-24.yaml"))
    r = subprocess.run(argv, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, check=False)
    check(r.returncode == 0 and "settings.yaml" not in r.stdout and "send-files.yml" not in r.stdout,
          "the hook on a clean repository with other YAML: exit %d, %s" % (r.returncode, r.stdout[:500]))
    # A user's args (options) are added after the entry, replacing the
    # hook's own args: the folder must not be among them.
    user = hook["entry"].split() + ["--strict"]
    with open(os.path.join(repo, "strategies/st-marys-2023-24.yaml"), "w") as f:
        f.write("sendkit: strategy\n")
    r = subprocess.run(user, cwd=repo, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    check(r.returncode == 1 and "st-marys-2023-24.yaml" in r.stdout and "<stdin>" not in r.stdout,
          "the hook with args: [--strict]: exit %d, %s" % (r.returncode, r.stdout[:500]))
    print("pre-commit hook: %s fails on errors, passes otherwise; with args: [--strict] too"
          % " ".join(argv))


def main():
    src, bare_parse = sys.argv[1:3]
    wf, _ = load(src, bare_parse, "examples/ci/github-actions.yml")
    action, action_text = load(src, bare_parse, "action.yml")
    hooks, _ = load(src, bare_parse, ".pre-commit-hooks.yaml")
    check_action(action, action_text)
    inputs = workflow_inputs(wf, action)
    # A commit is not failed for a review falling due (a warning); the Monday run is.
    check(inputs["args"].split().count("--strict") == 0, "a push runs action-lint --strict")
    weekly = workflow_inputs(wf, action, "schedule")
    check("--strict" in weekly["args"].split(), "the scheduled run does not fail on warnings (--strict)")
    with tempfile.TemporaryDirectory() as tmp:
        repo, runner, statuses = run_action(action, inputs, src, tmp)
        check_run(repo, runner, statuses, inputs)
        check_hook(hooks, repo, runner)
    if failures:
        sys.exit("%d failures" % len(failures))
    print("ok")


main()
