"""Data files that passed every check, kept as the checks left them, so a rebuild neither parses nor checks them.

At 100x the data, reading the files, finding their lines and checking them cost over a second of each build.
A file that passed (valid YAML, no field twice, no forbidden character, its schema) passes again while its
bytes, its schema, the code of the checks and the releases of PyYAML and jsonschema are the same: all of
them go into the key. Only a pass is kept; a file with problems is read and checked afresh, with its lines.

The kept data is a pickle in the project's own git-ignored .cache/: whoever can write there can also write
macros/, so it trusts nothing it did not already. A kept file that does not load is ignored and read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .schema_check import check_version

# The modules whose code decides whether a file passes, besides schema_check.py (in check_version).
_CHECKS = ("yaml_source.py", "text_check.py", "checked_data.py")
_NOTHING = object()
# What unpickling a missing, truncated or foreign file raises (pickle's docs, besides UnpicklingError).
UNPICKLING_FAILURES = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError)


class CheckedData:
    """The checked data of the files that passed, in `folder`, by a hash of everything their checks depend on."""

    def __init__(self, folder: Path, schema_dir: Path) -> None:
        self.folder = folder
        self.schema_dir = schema_dir

    def key(self, text: bytes, schema_file: str, labels: tuple[str, ...]) -> str:
        digest = hashlib.sha256(f"{_code_version()} {check_version(self.schema_dir)} {schema_file} {labels}\n".encode())
        digest.update(text)
        return digest.hexdigest()

    def load(self, key: str) -> Any:
        """The data kept under `key`, or _NOTHING (None is data: a file of comments only)."""
        try:
            return pickle.loads((self.folder / key).read_bytes())
        # A missing, truncated or foreign file only means reading the data file again.
        except UNPICKLING_FAILURES:
            return _NOTHING

    def store(self, key: str, data: Any) -> None:
        # A folder that cannot be written costs the next build time, nothing else.
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.folder / key)
            finally:
                Path(temporary).unlink(missing_ok=True)


def is_kept(data: Any) -> bool:
    return data is not _NOTHING


@cache
def _code_version() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _CHECKS:
        digest.update(name.encode() + (here / name).read_bytes())
    return f"pyyaml {version('pyyaml')} {digest.hexdigest()}"
