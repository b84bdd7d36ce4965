"""What the system said about a file it could not read or write, as one line that says what to do."""

from __future__ import annotations

import errno

from .problems import ImportRefused

_WRITE_FIXES = {
    errno.ENOSPC: "the disk is full; free some space",
    errno.EDQUOT: "your disk quota is used up; free some space",
    errno.EFBIG: "the file would be larger than this system lets you write (ulimit -f); raise the limit or free space",
    errno.EACCES: "permission denied; make its folder writable",
    errno.EPERM: "operation not permitted; make its folder writable",
    errno.EROFS: "it is on a read-only file system; import on a writable copy",
}


def cannot_read(error: OSError, shown: str) -> ImportRefused:
    from macros.data.errors import unreadable

    return ImportRefused(f"{shown}: {unreadable(error)}; nothing was imported")


def cannot_write(error: OSError, shown: str) -> ImportRefused:
    fix = _WRITE_FIXES.get(error.errno or 0, f"the system refused the write ({error.strerror or error})")
    return ImportRefused(f"{shown}: cannot write it: {fix}, then run the import again; nothing was written")
