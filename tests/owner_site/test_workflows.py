"""GitHub Actions run the README's test command on every change and publish only a tested, link-checked site.

Every action runs at a commit fixed in the workflow, and Dependabot proposes the updates. Each job holds
only the permissions it needs (only the deploy job may write, and only to Pages; and the weekly citations
job, only its one pull request), no checkout leaves the token on disk, and the pinned zizmor, run offline,
finds nothing of medium severity or more.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import ROOT

from macros.data.cache_folder import CACHE_FOLDER

WORKFLOWS = ROOT / ".github" / "workflows"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
# What every job may do unless it says otherwise: read the repository, nothing more.
WORKFLOW_PERMISSIONS = {"contents": "read"}
# The citations workflow grants nothing by default: its one job names what it needs.
NO_PERMISSIONS: dict[str, str] = {}
# GitHub's Pages deployment needs exactly these, and only the job that deploys holds them.
DEPLOY_JOB_PERMISSIONS = {"pages": "write", "id-token": "write"}
# configure-pages reads the Pages site's settings, which a private repository's token needs `pages: read` for.
BUILD_JOB_PERMISSIONS = {"contents": "read", "pages": "read"}
# Pushing the one branch of new counts and opening its pull request, with the default GITHUB_TOKEN.
CITATIONS_JOB_PERMISSIONS = {"contents": "write", "pull-requests": "write"}
CITATIONS_BRANCH = "citations/update"
WORKFLOW_FILES = ["ci.yml", "deploy.yml", "citations.yml"]
# zizmor (GitHub Actions static analysis), installed from requirements.txt next to this interpreter.
ZIZMOR = Path(sys.executable).parent / "zizmor"
# `uses: actions/checkout@<40-hex commit> # v4.4.0`: a tag can be moved to other code, a commit cannot.
COMMIT_PIN = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)$")
USES_LINE = re.compile(r"^\s*(?:- )?uses:")


# A workflow as YAML reads it: its keys are strings, all but `on`, which YAML 1.1 reads as the boolean True.
Workflow = dict[str | bool, Any]


def load_workflow(name: str) -> Workflow:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: Workflow) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    value = workflow[True]
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return dict.fromkeys(value)
    return value


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(job) if "run" in step]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(job) if "uses" in step]


def action_names(job: dict[str, Any]) -> list[str]:
    return [action.split("@")[0] for action in uses(job)]


def pinned_versions(name: str) -> dict[str, str]:
    """The version each action of a workflow is pinned at, from the comment beside its commit."""
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    return {match["action"]: match["version"] for match in map(COMMIT_PIN.match, lines) if match}


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    matches = [step for step in steps(job) if step.get("uses", "").split("@")[0] == action]
    assert len(matches) == 1, f"expected one step using {action}, found {len(matches)}"
    return matches[0]


def readme_test_command() -> str:
    """The command README.md tells a person to run the tests with."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0].strip() for line in readme.splitlines() if line.strip().startswith("make test")]
    assert commands, "README.md names no `make test` command"
    return commands[0]


def needed_jobs(jobs: dict[str, Any], name: str) -> set[str]:
    """Every job that must succeed before `name` runs, directly or through others."""
    needs = jobs[name].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(needed_jobs(jobs, job) for job in direct))


def can_write(permissions: str | dict[str, str] | None) -> bool:
    """Whether a `permissions:` value grants any write: `write-all`, or a scope set to `write`."""
    if isinstance(permissions, str):
        return permissions == "write-all"
    return "write" in (permissions or {}).values()


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {match.group(1) for match in re.finditer(r"^([\w-]+):", makefile, re.MULTILINE)}


@pytest.fixture(scope="module")
def ci() -> Workflow:
    return load_workflow("ci.yml")


@pytest.fixture(scope="module")
def deploy() -> Workflow:
    return load_workflow("deploy.yml")


@pytest.fixture(scope="module")
def citations() -> Workflow:
    return load_workflow("citations.yml")


def test_readme_gives_make_test_as_the_test_command() -> None:
    assert readme_test_command() == "make test"
    assert {"test", "build"} <= make_targets()


def test_ci_runs_on_every_push_and_pull_request(ci: Workflow) -> None:
    assert {"push", "pull_request"} <= set(triggers(ci))
    # No branch filter: a push to any branch is tested.
    assert not (triggers(ci)["push"] or {}).get("branches")


def test_ci_runs_the_readme_test_command_on_python_311_with_chromium(ci: Workflow) -> None:
    (job,) = ci["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    assert readme_test_command() in runs(job)
    assert str(job["env"]["CI"]).lower() == "true"
    python = step_using(job, "actions/setup-python")
    assert pinned_versions("ci.yml")["actions/setup-python"].startswith("v5.")
    assert python["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.txt"}
    assert any("chromium" in command for command in runs(job))
    # Chromium must be ready before the tests start.
    commands = runs(job)
    assert min(i for i, c in enumerate(commands) if "chromium" in c) < commands.index("make test")


def test_deploy_runs_on_pushes_to_main_and_by_hand(deploy: Workflow) -> None:
    on = triggers(deploy)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_every_workflow_lets_its_jobs_only_read_the_repository_by_default(name: str) -> None:
    assert load_workflow(name)["permissions"] == WORKFLOW_PERMISSIONS


def test_the_citations_workflow_grants_nothing_by_default(citations: Workflow) -> None:
    assert citations["permissions"] == NO_PERMISSIONS


def test_every_workflow_is_checked_here() -> None:
    assert sorted(path.name for path in WORKFLOWS.glob("*.y*ml")) == sorted(WORKFLOW_FILES)


def test_the_tests_run_with_a_read_only_token(ci: Workflow, deploy: Workflow) -> None:
    for job in [*ci["jobs"].values(), deploy["jobs"]["test"]]:
        assert "permissions" not in job, "a test job must not widen the workflow's read-only permissions"


def test_only_the_deploy_and_citations_jobs_can_write_and_only_what_they_need(deploy: Workflow, citations: Workflow) -> None:
    jobs = deploy["jobs"]
    assert jobs["deploy"]["permissions"] == DEPLOY_JOB_PERMISSIONS
    assert jobs["build"]["permissions"] == BUILD_JOB_PERMISSIONS
    assert citations["jobs"]["refresh"]["permissions"] == CITATIONS_JOB_PERMISSIONS
    workflows = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}
    assert [name for name, workflow in workflows.items() if can_write(workflow.get("permissions"))] == []
    writers = {
        (name, job_name) for name, workflow in workflows.items() for job_name, job in workflow["jobs"].items() if can_write(job.get("permissions"))
    }
    assert writers == {("deploy.yml", "deploy"), ("citations.yml", "refresh")}


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_no_checkout_leaves_the_token_in_the_working_copy(name: str) -> None:
    checkouts = [step for job in load_workflow(name)["jobs"].values() for step in steps(job) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert [step for step in checkouts if (step.get("with") or {}).get("persist-credentials") is not False] == []


def test_a_newer_ci_run_for_the_same_branch_or_pull_request_cancels_the_older_one(ci: Workflow) -> None:
    assert ci["concurrency"] == {"group": "ci-${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": True}


def test_deployments_run_one_at_a_time_and_are_never_cancelled_midway(deploy: Workflow) -> None:
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_deploy_workflow_tests_with_the_readme_command(deploy: Workflow) -> None:
    job = deploy["jobs"]["test"]
    assert readme_test_command() in runs(job)
    assert step_using(job, "actions/setup-python")["with"]["python-version"] == "3.11"


def test_the_published_site_is_the_strict_build_after_a_clean_link_check(deploy: Workflow) -> None:
    job = deploy["jobs"]["build"]
    commands = runs(job)
    assert commands[:2] == ["make build", ".venv/bin/python scripts/check_links.py site"]
    assert (ROOT / "scripts" / "check_links.py").is_file()
    assert action_names(job)[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    assert step_using(job, "actions/upload-pages-artifact")["with"]["path"] == "site"


def test_a_deploy_renders_only_what_changed_since_the_last_deploy(deploy: Workflow) -> None:
    job = deploy["jobs"]["build"]
    cache = step_using(job, "actions/cache")
    assert cache["with"]["path"] == CACHE_FOLDER
    # A key of its own per commit saves each deploy's folder anew; the prefix restores the latest one.
    assert cache["with"]["key"] == "site-render-cache-${{ github.sha }}"
    assert cache["with"]["restore-keys"] == "site-render-cache-"
    assert steps(job).index(cache) < next(i for i, step in enumerate(steps(job)) if step.get("run") == "make build")
    # Only main's runs write the caches that main's runs restore (GitHub scopes a cache to its branch).
    assert triggers(deploy)["push"]["branches"] == ["main"]


def test_the_deploy_job_publishes_the_artifact_to_the_github_pages_environment(deploy: Workflow) -> None:
    job = deploy["jobs"]["deploy"]
    step = step_using(job, "actions/deploy-pages")
    assert pinned_versions("deploy.yml")["actions/deploy-pages"].startswith("v4.")
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % step["id"]


def test_nothing_deploys_unless_the_tests_passed(deploy: Workflow) -> None:
    jobs = deploy["jobs"]
    assert jobs["deploy"]["needs"] == "build" or jobs["deploy"]["needs"] == ["build"]
    assert jobs["build"]["needs"] == "test" or jobs["build"]["needs"] == ["test"]
    assert "test" in needed_jobs(jobs, "deploy")
    publishing = [
        name for name, job in jobs.items() if {"actions/upload-pages-artifact", "actions/deploy-pages"} & {u.split("@")[0] for u in uses(job)}
    ]
    assert set(publishing) == {"build", "deploy"}
    # An `if: always()` or a step allowed to fail would let a red test run publish anyway.
    for name in ("test", "build", "deploy"):
        assert "if" not in jobs[name] and "continue-on-error" not in jobs[name]
        assert not any(step.get("continue-on-error") for step in steps(jobs[name]))


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it(name: str) -> None:
    workflow = load_workflow(name)
    actions = [action for job in workflow["jobs"].values() for action in uses(job)]
    lines = [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if USES_LINE.match(line)]
    assert actions and len(lines) == len(actions)
    assert [line.strip() for line in lines if not COMMIT_PIN.match(line)] == []


def test_each_action_runs_at_one_commit_and_version_across_workflows() -> None:
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for match in map(COMMIT_PIN.match, path.read_text(encoding="utf-8").splitlines()):
            if match:
                pins.setdefault(match["action"], set()).add((match["commit"], match["version"]))
    assert pins
    assert {action: commits for action, commits in pins.items() if len(commits) > 1} == {}


def test_citations_are_refreshed_every_week_and_by_hand(citations: Workflow) -> None:
    on = triggers(citations)
    assert set(on) == {"schedule", "workflow_dispatch"}
    (schedule,) = on["schedule"]
    minute, hour, day_of_month, month, day_of_week = schedule["cron"].split()
    assert (day_of_month, month) == ("*", "*") and day_of_week.isdigit(), "once a week, on one day"
    assert minute.isdigit() and hour.isdigit()
    # A run still asking OpenAlex finishes before the next one pushes to the same branch.
    assert citations["concurrency"]["cancel-in-progress"] is False


def test_the_citations_job_runs_make_citations_and_proposes_one_pull_request_with_the_default_token(citations: Workflow) -> None:
    (job,) = citations["jobs"].values()
    assert "citations" in make_targets()
    assert runs(job) == ["make citations"]
    assert action_names(job) == ["actions/checkout", "actions/setup-python", "peter-evans/create-pull-request"]
    assert step_using(job, "actions/setup-python")["with"]["python-version"] == "3.11"
    assert pinned_versions("citations.yml")["peter-evans/create-pull-request"].startswith("v7.")
    proposal = step_using(job, "peter-evans/create-pull-request")
    assert steps(job).index(proposal) == len(steps(job)) - 1, "the pull request is made from what make citations wrote"
    assert proposal["with"]["branch"] == CITATIONS_BRANCH
    assert proposal["with"]["add-paths"] == "data/citations.yml"
    assert "token" not in proposal["with"] and "branch-token" not in proposal["with"], "the default GITHUB_TOKEN, no personal token"
    assert "continue-on-error" not in job and not any(step.get("continue-on-error") for step in steps(job))


def test_dependabot_proposes_python_and_action_updates_every_week() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    for ecosystem in ("pip", "github-actions"):
        assert updates[ecosystem]["directory"] == "/"
        assert updates[ecosystem]["schedule"]["interval"] == "weekly"
    assert (ROOT / "requirements.txt").is_file()


def zizmor(directory: Path, cwd: Path) -> list[dict[str, Any]]:
    """zizmor's findings of medium severity or more on the workflows in `directory`, offline, as JSON.

    --no-config and --no-ignores: neither a config file nor an ignore comment can hide a finding.
    --no-exit-codes: zizmor exits 0 with or without findings, so a non-zero exit means it failed.
    """
    assert ZIZMOR.is_file(), f"{ZIZMOR} is missing: install requirements.txt"
    command = [str(ZIZMOR), "--offline", "--no-config", "--no-ignores", "--no-progress", "--no-exit-codes"]
    result = subprocess.run(
        [*command, "--format", "json", "--min-severity", "medium", str(directory)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"zizmor failed ({result.returncode}):\n{result.stderr}"
    return json.loads(result.stdout)


def describe(finding: dict[str, Any]) -> str:
    """`.github/workflows/ci.yml:18 artipacked (Medium): credential persistence ...`"""
    where = finding["locations"][0]
    path = where["symbolic"]["key"].get("Local", {}).get("verbatim_path", "?")
    line = where["concrete"]["location"]["start_point"]["row"] + 1
    return f"{path}:{line} {finding['ident']} ({finding['determinations']['severity']}): {finding['desc']}"


def test_the_workflow_check_is_the_zizmor_pinned_in_requirements() -> None:
    pinned = re.search(r"^zizmor==(\S+) \\$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned, "requirements.txt does not pin zizmor"
    version = subprocess.run([str(ZIZMOR), "--version"], capture_output=True, text=True, timeout=60, check=True).stdout
    assert version.split() == ["zizmor", pinned[1]]


def test_zizmor_finds_nothing_of_medium_severity_or_more_in_the_workflows() -> None:
    findings = zizmor(WORKFLOWS.relative_to(ROOT), cwd=ROOT)
    assert [describe(finding) for finding in findings] == []


def test_zizmor_reports_a_workflow_wide_write_and_a_checkout_that_keeps_the_token(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    # Two jobs: with only one, zizmor rightly reads workflow-level permissions as that job's own.
    (workflows / "careless.yml").write_text(
        """name: Careless
on:
  push:
permissions:
  contents: read
  pages: write
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  build:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0
      - run: make build
""",
        encoding="utf-8",
    )
    findings = zizmor(workflows.relative_to(tmp_path), cwd=tmp_path)
    flagged = {(finding["ident"], finding["locations"][0]["concrete"]["feature"].split(" #")[0].strip()) for finding in findings}
    assert {
        ("excessive-permissions", "pages: write"),
        ("artipacked", "uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262"),
    } <= flagged, [describe(finding) for finding in findings]
