"""The new release's data migrations, from its own files, each in version order, in a Python of their own.

They run in a child process started in the project's folder, so a migration
imports the new release's modules (scripts.upgrade_template.fields, say)
rather than those this upgrade started with. The child is this file's
RUNNER, handed over as text: the only contract between two releases is
`def migrate(root: Path) -> list[str]`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .problems import UNDO, Failed
from .versions import Version, version_of_module

MIGRATIONS = Path("scripts") / "upgrade_template" / "migrations"

RUNNER = """\
import importlib.util
import json
import sys
from pathlib import Path

root, record, paths = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
done = []
for path in paths:
    name = Path(path).name
    try:
        spec = importlib.util.spec_from_file_location(f"upgrade_template_migration_{Path(path).stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        lines = module.migrate(root)
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            raise TypeError(f"migrate() returned {type(lines).__name__}, not a list of lines")
    except Exception as error:
        done.append({"migration": name, "error": f"{type(error).__name__}: {error}"})
        break
    done.append({"migration": name, "lines": lines})
record.write_text(json.dumps(done), encoding="utf-8")
"""


def migrations_between(root: Path, after: Version, up_to: Version) -> list[Path]:
    """The migration modules of the releases newer than `after` and not newer than `up_to`, oldest first."""
    found = []
    for path in sorted((root / MIGRATIONS).glob("v*.py")):
        version = version_of_module(path.stem)
        if version is not None and after < version <= up_to:
            found.append((version, path))
    return [path for _, path in sorted(found)]


def run_migrations(root: Path, paths: list[Path]) -> list[str]:
    """Each migration's lines, prefixed by its name; Failed at the first that raises, naming it."""
    if not paths:
        return []
    with tempfile.TemporaryDirectory(prefix="upgrade-template-") as workspace:
        record = Path(workspace) / "migrations.json"
        child = subprocess.run(
            [sys.executable, "-c", RUNNER, str(root), str(record), *map(str, paths)],
            cwd=root,
            capture_output=True,
            text=True,
        )
        done = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else []
    lines = []
    for outcome in done:
        if "error" in outcome:
            raise Failed(
                f"the migration {outcome['migration']} failed ({outcome['error']}); the template's files are the new release's "
                f"and the data may be partly migrated: `{UNDO}` puts the work tree back as it was committed"
            )
        lines += [f"{outcome['migration']}: {line}" for line in outcome["lines"]]
    if child.returncode != 0 or len(done) != len(paths):
        reason = (child.stderr.strip().splitlines() or [f"exit status {child.returncode}"])[-1]
        raise Failed(f"the migrations did not finish ({reason}); `{UNDO}` puts the work tree back as it was committed")
    return lines
