"""A paper's PDF that the .bib names as a file (al-folio's `pdf = {paper.pdf}`): finding it, and copying it into the site.

al-folio serves such a file from assets/pdf/; the site keeps its copy as
docs/assets/papers/<key>.pdf, and the publication links to it with
`links: {pdf: assets/papers/<key>.pdf}` (a path under docs/, which the build
checks is there).
"""

from __future__ import annotations

import filecmp
import os
import re
import secrets
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

from .os_errors import cannot_read, cannot_write
from .problems import ImportRefused

# Where the copies go, under docs/, and so what the links say.
PAPERS_FOLDER = "assets/papers"
# A publication key (data/schemas/common.schema.json, key): it names the copy, so it must be a safe file name.
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class PdfPathRefused(ValueError):
    """A file name in the .bib that is not looked up: absolute, leaving its folder with `..`, or not a .pdf; str() says why."""


def pdf_search_dirs(bib_file: Path, pdf_dir: Path | None = None) -> list[Path]:
    """The folders find_pdf looks in, in order: the owner's PDF_DIR, the .bib's folder, its assets/pdf/ and its parent's.

    The last is al-folio's layout: _bibliography/papers.bib beside assets/pdf/.
    """
    folder = bib_file.parent
    candidates = ([pdf_dir] if pdf_dir is not None else []) + [folder, folder / "assets" / "pdf", folder.parent / "assets" / "pdf"]
    seen: list[Path] = []
    for candidate in candidates:
        if candidate not in seen:
            seen.append(candidate)
    return seen


def find_pdf(written: str, search_dirs: list[Path]) -> Path | None:
    """The first file `written` names in the folders, in their order; None when none of them has it.

    `written` is a relative path as the .bib gives it (`paper.pdf`, `2024/paper.pdf`). Raises PdfPathRefused,
    without looking anywhere, for an absolute path, one with a `..` part (it would leave the folder) or one
    that does not end in .pdf.
    """
    _refuse_unsafe(written)
    for folder in search_dirs:
        candidate = folder.joinpath(*PurePosixPath(written).parts)
        if candidate.is_file():
            return candidate
    return None


def _refuse_unsafe(written: str) -> None:
    text = written
    if not text.strip():
        raise PdfPathRefused("the PDF's file name is empty")
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or PureWindowsPath(text).drive:
        raise PdfPathRefused(f"the PDF '{written}' is an absolute path; write it relative to the .bib's folder or to assets/pdf/")
    if ".." in re.split(r"[/\\]", text):
        raise PdfPathRefused(f"the PDF '{written}' leaves its folder with '..'; write a path inside the .bib's folder or assets/pdf/")
    if not text.lower().endswith(".pdf"):
        raise PdfPathRefused(f"the file '{written}' is not a .pdf; only PDF files are copied into the site")


def pdf_link(key: str) -> str:
    """The link a publication gets for its PDF kept in the site: 'assets/papers/<key>.pdf'."""
    if not KEY.fullmatch(key):
        raise ValueError(f"'{key}' is not a publication key")
    return f"{PAPERS_FOLDER}/{key}.pdf"


def needs_copy(source: Path, docs_dir: Path, key: str) -> bool:
    """Whether copy_pdf would write the file: False when an identical file is there already.

    Raises ImportRefused when a different file has the name, so an import can ask
    this of every entry before it copies anything.
    """
    link = pdf_link(key)
    target = docs_dir.joinpath(*PurePosixPath(link).parts)
    if not target.exists() and not target.is_symlink():
        return True
    if _same_content(source, target):
        return False
    raise ImportRefused(
        f"{docs_dir.name}/{link}: a different file already has this name, so {source} was not copied; "
        "if it is an old version of the paper, remove it, otherwise give the paper another key; nothing was imported"
    )


def copy_pdf(source: Path, docs_dir: Path, key: str) -> str:
    """Copy the PDF to docs/assets/papers/<key>.pdf and return the link to write: 'assets/papers/<key>.pdf'.

    An identical file already there is kept as it is (nothing is written, so a
    second import of the same .bib changes nothing); a different file under that
    name raises ImportRefused (see needs_copy), as does a failure to read or
    write, each one line that says what to do. The copy is written beside its
    place and renamed into it, so a crash never leaves half a PDF, and gets the
    permissions any new file gets (0666 less the umask), so the site can serve it.
    """
    link = pdf_link(key)
    if not needs_copy(source, docs_dir, key):
        return link
    target = docs_dir.joinpath(*PurePosixPath(link).parts)
    shown = f"{docs_dir.name}/{link}"
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never written through a link planted under that name.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise cannot_write(error, shown) from None
    try:
        with os.fdopen(descriptor, "wb") as copy:
            try:
                with source.open("rb") as original:
                    shutil.copyfileobj(original, copy)
            except OSError as error:
                raise cannot_read(error, str(source)) from None
            copy.flush()
            os.fsync(copy.fileno())
        os.replace(temporary, target)
    except OSError as error:
        raise cannot_write(error, shown) from None
    finally:
        temporary.unlink(missing_ok=True)
    return link


def _same_content(source: Path, target: Path) -> bool:
    """Whether `target` is a file holding exactly the bytes of `source` (a folder or a broken link there is not)."""
    try:
        return target.is_file() and filecmp.cmp(source, target, shallow=False)
    except OSError as error:
        raise cannot_read(error, str(error.filename or source)) from None
