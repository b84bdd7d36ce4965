"""Replacing a data file safely: one writer of data/ at a time, never over an editor's save, never half a file.

The importer replaces data/publications.yml with it, and `make citations` data/citations.yml; `job` names
the command in each refusal (the import by default).
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .os_errors import IMPORT, Job, cannot_read, cannot_write
from .problems import ImportRefused


@contextmanager
def exclusive_lock(folder: Path, shown: str, job: Job = IMPORT) -> Iterator[None]:
    """Held from a command's first read to its write, so a second one waits, then reads what the first wrote.

    The lock is taken on the folder itself rather than on a lock file: nothing
    is created in data/, so git never sees a stray file, and a dry run needs
    no write permission.
    """
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise cannot_read(error, shown, job) from None
    try:
        _lock(descriptor, shown, job)
        yield
    finally:
        os.close(descriptor)  # which releases the lock, even when the command failed


def _lock(descriptor: int, shown: str, job: Job) -> None:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError as error:
        raise ImportRefused(
            f"{shown}: cannot lock the folder for {job.name} ({error.strerror}); a network drive may not support locks; {job.nothing_done}"
        ) from None


@dataclass(frozen=True)
class Snapshot:
    """The file as it was read: where its bytes live (a symbolic link's target), the bytes, its permissions."""

    target: Path
    data: bytes
    mode: int


def read_snapshot(path: Path, shown: str, job: Job = IMPORT) -> Snapshot:
    try:
        # strict: a link that leads back to itself is an error here, not a path that merely does not exist.
        target = Path(os.path.realpath(path, strict=True))
        with target.open("rb") as file:
            return Snapshot(target, file.read(), stat.S_IMODE(os.fstat(file.fileno()).st_mode))
    except OSError as error:
        raise cannot_read(error, shown, job) from None


def replace_checked(snapshot: Snapshot, new: bytes, shown: str, job: Job = IMPORT) -> None:
    """Put `new` in place of the snapshot's file in one rename, unless the file changed since it was read.

    The new bytes go to a temporary file beside the target (a link's target,
    so the link stays a link), flushed to disk with the file's permissions,
    then renamed over it: a reader sees the old file or the new one, never
    half of one, and a failure leaves no temporary file behind.
    """
    _refuse_read_only(snapshot, shown, job)
    try:
        descriptor, name = tempfile.mkstemp(dir=snapshot.target.parent, prefix=f".{snapshot.target.name}.", suffix=".tmp")
    except OSError as error:
        raise cannot_write(error, shown, job) from None
    temporary = Path(name)
    try:
        _fill(descriptor, new, snapshot.mode)
        # Writers that take no lock (an editor saving the file) are caught here, as late as possible.
        _refuse_if_changed(snapshot, shown, job)
        os.replace(temporary, snapshot.target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise cannot_write(error, shown, job) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _refuse_read_only(snapshot: Snapshot, shown: str, job: Job) -> None:
    """A rename would replace a read-only file without a word; its owner made it read-only to prevent just that."""
    if not snapshot.mode & 0o222 or not os.access(snapshot.target, os.W_OK):
        raise ImportRefused(f"{shown}: the file is read-only; make it writable (chmod u+w) and run {job.name} again; nothing was written")


def _fill(descriptor: int, data: bytes, mode: int) -> None:
    with open(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fchmod(file.fileno(), mode)
        os.fsync(file.fileno())


def _refuse_if_changed(snapshot: Snapshot, shown: str, job: Job) -> None:
    try:
        current = snapshot.target.read_bytes()
    except OSError:
        current = None  # moved or deleted since it was read: changed as well
    if current != snapshot.data:
        raise ImportRefused(f"{shown} changed while {job.name} ran (saved in an editor?); nothing was written; run {job.name} again")
