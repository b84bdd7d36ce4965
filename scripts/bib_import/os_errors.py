"""What the system said about a file it could not read or write, as one line that says what to do."""

from __future__ import annotations

import errno
from dataclasses import dataclass

from .problems import ImportRefused


@dataclass(frozen=True)
class Job:
    """The command a refusal names, so the importer and `make citations` share one safe write, each in its own words."""

    name: str  # as in "run the import again"
    verb: str  # as in "import on a writable copy"
    nothing_done: str  # what a failed read means for the data


IMPORT = Job("the import", "import", "nothing was imported")

_WRITE_FIXES = {
    errno.ENOSPC: "the disk is full; free some space",
    errno.EDQUOT: "your disk quota is used up; free some space",
    errno.EFBIG: "the file would be larger than this system lets you write (ulimit -f); raise the limit or free space",
    errno.EACCES: "permission denied; make its folder writable",
    errno.EPERM: "operation not permitted; make its folder writable",
    errno.EROFS: "it is on a read-only file system; {verb} on a writable copy",
}


def cannot_read(error: OSError, shown: str, job: Job = IMPORT) -> ImportRefused:
    from macros.data.errors import unreadable

    return ImportRefused(f"{shown}: {unreadable(error)}; {job.nothing_done}")


def cannot_write(error: OSError, shown: str, job: Job = IMPORT) -> ImportRefused:
    fix = _WRITE_FIXES.get(error.errno or 0, f"the system refused the write ({error.strerror or error})").format(verb=job.verb)
    return ImportRefused(f"{shown}: cannot write it: {fix}, then run {job.name} again; nothing was written")
