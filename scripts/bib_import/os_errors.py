"""What the system said about a file it could not read or write, as one line that says what to do."""

from __future__ import annotations

import errno

from .problems import ImportRefused

_READ_FIXES = {
    errno.ENOENT: "there is no such file or folder; check the path",
    errno.EISDIR: "this is a folder, not a file; name the file itself, or put the file in its place",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.EACCES: "it cannot be read (permission denied); make it readable, e.g. chmod u+r",
    errno.EPERM: "it cannot be read (operation not permitted); make it readable, e.g. chmod u+r",
    errno.ELOOP: "it is a symbolic link that leads back to itself; point it at a real file",
}
_WRITE_FIXES = {
    errno.ENOSPC: "the disk is full; free some space",
    errno.EDQUOT: "your disk quota is used up; free some space",
    errno.EFBIG: "the file would be larger than this system lets you write (ulimit -f); raise the limit or free space",
    errno.EACCES: "permission denied; make its folder writable",
    errno.EPERM: "operation not permitted; make its folder writable",
    errno.EROFS: "it is on a read-only file system; import on a writable copy",
}


def cannot_read(error: OSError, shown: str) -> ImportRefused:
    fix = _READ_FIXES.get(error.errno or 0, f"it cannot be read ({error.strerror or error}); check that it is a readable file")
    return ImportRefused(f"{shown}: {fix}; nothing was imported")


def cannot_write(error: OSError, shown: str) -> ImportRefused:
    fix = _WRITE_FIXES.get(error.errno or 0, f"the system refused the write ({error.strerror or error})")
    return ImportRefused(f"{shown}: cannot write it: {fix}, then run the import again; nothing was written")
