"""The bytes an import appends to data/publications.yml, and the build's checks of the file they make."""

from __future__ import annotations

import codecs
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .os_errors import cannot_write
from .problems import UpdateRefused

PUBLICATIONS = "publications.yml"
# The first line break of the file tells its style: Windows editors write CRLF, and every new line follows it.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class _FlowList(list[Any]):
    """A list written on one line, as the data files write authors: [A, B]."""


class _Dumper(yaml.SafeDumper):
    def choose_scalar_style(self) -> str:
        """Double quotes wherever a value needs quotes, as the data files write titles and arXiv ids."""
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


_Dumper.add_representer(_FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True))
# An abstract's paragraphs as a literal block, the way a person writes them; the emitter quotes it where it must.
_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def as_yaml(publications: list[dict[str, Any]]) -> str:
    """The entries in the file's own style; a YAML emitter quotes whatever needs quoting."""
    shaped = [{**publication, "authors": _FlowList(publication["authors"])} for publication in publications]
    return yaml.dump(shaped, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def appended(existing: bytes, publications: list[dict[str, Any]]) -> bytes:
    """`existing` byte for byte (a byte order mark included), with the entries added in the line breaks the file uses.

    The entries go at the end; in a file that holds only an empty list (`[]`,
    as `make new-owner` writes it) they take the place of that `[]`, since a
    block list cannot follow a flow one. Every other byte, comments and the
    schema line included, stays where it was.
    """
    found = _LINE_BREAK.search(existing)
    newline = found.group() if found else b"\n"
    head, tail = _around_new_entries(existing, newline)
    return head + as_yaml(publications).encode("utf-8").replace(b"\n", newline) + tail


def first_new_line(existing: bytes) -> int:
    """The line of the file that the first new entry starts on."""
    head, _ = _around_new_entries(existing, b"\n")
    return lines_in(head) + 1


def _around_new_entries(existing: bytes, newline: bytes) -> tuple[bytes, bytes]:
    """The bytes before and after the new entries: the whole file and nothing, unless the file's only value is `[]`."""
    start = len(codecs.BOM_UTF8) if existing.startswith(codecs.BOM_UTF8) else 0
    empty_list = _empty_list_line(existing, start)
    if empty_list is None:
        separator = b"" if len(existing) == start or existing.endswith((b"\n", b"\r")) else newline
        return existing + separator, b""
    line_start, line_end, comment = empty_list
    # A comment after the `[]` stays, on its own line above the entries.
    kept = comment + newline if comment else b""
    return existing[:line_start] + kept, existing[line_end:]


# A line holding only `[]` (spaces allowed inside and around it), maybe followed by a comment.
_EMPTY_LIST_LINE = re.compile(rb"[ \t]*\[[ \t]*\][ \t]*(?P<comment>#[^\r\n]*?)?[ \t]*(\r\n|\r|\n)?")


def _empty_list_line(existing: bytes, start: int) -> tuple[int, int, bytes] | None:
    """Where the line holding `[]` starts and ends, and the comment after it, if every other line is a comment or blank."""
    found = None
    offset = start
    for line in existing[start:].splitlines(keepends=True):
        code = line.strip(b" \t\r\n")
        if code and not code.startswith(b"#") and code != b"---":
            match = _EMPTY_LIST_LINE.fullmatch(line)
            if match is None or found is not None:
                return None
            found = (offset, offset + len(line), match.group("comment") or b"")
        offset += len(line)
    return found


def build_problems(data: Path, new_file: bytes, site_url: str | None, docs_dir: Path) -> list[str]:
    """The build's own validation, run on a data/ that holds the new file; its problems as lines.

    The other files are linked, not copied: only the new file is written, and
    whatever else data/ holds is read where it is, as the build reads it.
    """
    from macros.data.errors import DataErrors
    from macros.data.site_data import load_site_data

    with tempfile.TemporaryDirectory() as folder:
        checked = Path(folder) / "data"
        checked.mkdir()
        for entry in data.iterdir():
            if entry.name != PUBLICATIONS:
                (checked / entry.name).symlink_to(entry.absolute())
        try:
            (checked / PUBLICATIONS).write_bytes(new_file)
        except OSError as error:
            raise cannot_write(error, f"the copy of data/{PUBLICATIONS} that the import checks ({checked / PUBLICATIONS})") from None
        try:
            load_site_data(checked, site_url=site_url, docs_dir=docs_dir)
        except DataErrors as errors:
            return [*errors.lines(), *errors.notes]
    return []


def lines_in(data: bytes) -> int:
    """How many lines the file holds; the last one may lack its line break."""
    breaks = len(_LINE_BREAK.findall(data))
    return breaks + (1 if data.removeprefix(codecs.BOM_UTF8) and not data.endswith((b"\n", b"\r")) else 0)


# --- Adding fields to entries already in the file (`--update`) ----------------------------------------------

# The same parser as the build (macros/data/yaml_source.py), so the nodes and their line marks are the ones it sees.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where YAML's line marks start a new line: NEL, LS and PS end a line for the parser as CR and LF do.
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Where a line of the file ends for editors and for the new lines: CR or LF.
_PHYSICAL_LINE_END = re.compile(r"[\r\n]")
# The fields of a new `links:` block go this much deeper than `links:` when no entry of the file shows its own step.
_AS_YAML_STEP = 2


def written_entries(data: bytes) -> list[dict[str, Any]]:
    """The entries exactly as the file writes them, in its order: no field the build fills in with a default.

    The build's data (load_site_data) gives every absent field a value (None,
    `selected: false`, `links: {}`), which would hide what the owner wrote;
    an update compares the imported paper with this instead.
    """
    shown = f"data/{PUBLICATIONS}"
    text, _ = _decoded(data, shown)
    try:
        loaded = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise UpdateRefused(f"{shown}: cannot read it as YAML ({' '.join(str(error).split())}); nothing was written") from None
    return list(loaded) if isinstance(loaded, list) else []


def with_fields_added(data: bytes, additions: dict[int, dict[str, Any]], *, shown: str = f"data/{PUBLICATIONS}") -> bytes:
    """`data` with each entry's new fields written at the end of its mapping; every other byte as it was.

    `additions` maps the index of an entry in the file's list to the fields to
    add, in the order they are to be written; `links` is a nested dict whose
    names go at the end of the entry's `links:` block, or into a new `links:`
    block after the other new fields when the entry has none. Each value is
    written as `as_yaml` writes it, indented as the file indents, with the
    file's line breaks; a byte order mark and a missing final line break stay.

    Raises UpdateRefused (one line, nothing written) rather than rewrite an
    entry written in flow style (`- {key: x, ...}`), flow `links: {...}`, an
    entry that already has one of the fields, or anything whose result would
    not read back as the old data plus exactly the new fields.
    """
    additions = {index: fields for index, fields in additions.items() if _names_added(fields)}
    if not additions:
        return data
    text, bom = _decoded(data, shown)
    found = _LINE_BREAK.search(data)
    newline = found.group().decode("ascii") if found else "\n"
    root = _composed(text, shown)
    if not isinstance(root, yaml.SequenceNode) or root.flow_style:
        raise UpdateRefused(f"{shown}: the file is not a list of entries written one per line (- key: ...); nothing was written")
    layout = _Layout(text, shown)
    step = _nested_step(root)
    insertions: list[tuple[int, int, list[str]]] = []
    for index in sorted(additions):
        if not 0 <= index < len(root.value):
            raise IndexError(f"{shown} has {len(root.value)} entries; there is no entry {index}")
        insertions += _entry_insertions(root.value[index], additions[index], layout, step)
    pieces, done = [], 0
    for offset, _, lines in sorted(insertions, key=lambda insertion: insertion[:2]):
        pieces += [text[done:offset], *(newline + line for line in lines)]
        done = offset
    new_text = "".join([*pieces, text[done:]])
    _refuse_unless_only_added(text, new_text, root, additions, shown)
    return bom + new_text.encode("utf-8")


def _names_added(fields: dict[str, Any]) -> list[str]:
    return [name for name in fields if name != "links"] + [f"links.{name}" for name in fields.get("links") or {}]


def _decoded(data: bytes, shown: str) -> tuple[str, bytes]:
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        return data[len(bom) :].decode("utf-8"), bom
    except UnicodeDecodeError as error:
        raise UpdateRefused(f"{shown}: the file is not UTF-8 text ({error.reason}); nothing was written") from None


def _composed(text: str, shown: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise UpdateRefused(f"{shown}: cannot read it as YAML ({' '.join(str(error).split())}); nothing was written") from None


class _Layout:
    """Offsets in the file's text from the parser's line and column marks."""

    def __init__(self, text: str, shown: str) -> None:
        self.text = text
        self.shown = shown
        self.line_starts = [0, *(found.end() for found in _YAML_LINE_BREAK.finditer(text))]

    def offset(self, mark: yaml.Mark) -> int:
        return self.line_starts[mark.line] + mark.column

    def line_end(self, offset: int) -> int:
        """Where the physical line holding `offset` ends: at its CR or LF, or at the end of the file."""
        found = _PHYSICAL_LINE_END.search(self.text, offset)
        return found.start() if found else len(self.text)

    def is_blank(self, line: int) -> bool:
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return not self.text[self.line_starts[line] : end].strip()

    def content_end(self, node: yaml.Node) -> int:
        """The end of the line holding the last character written for `node`: a new line goes there.

        A block mapping or list ends where its next token starts (after any
        comment and blank line that follow); its last value is where it really
        ends. A block scalar's mark includes the blank lines after it, which
        belong to its value only when it keeps them (`|+`, `>+`).
        """
        while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, yaml.MappingNode) else last
        end = node.end_mark
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") and end.column == 0 and end.line > node.start_mark.line:
            line = end.line - 1
            header = self.text[self.offset(node.start_mark) : self.line_end(self.offset(node.start_mark))]
            if "+" not in header.split("#")[0]:
                while line > node.start_mark.line and self.is_blank(line):
                    line -= 1
            return self.line_end(self.line_starts[line])
        return self.line_end(self.offset(end))


def _entry_insertions(entry: yaml.Node, fields: dict[str, Any], layout: _Layout, step: int) -> list[tuple[int, int, list[str]]]:
    """Where the entry's new lines go and what they are: new links at the end of its links (first), the rest at its end."""
    line = entry.start_mark.line + 1
    if not isinstance(entry, yaml.MappingNode):
        raise UpdateRefused(f"{layout.shown}:{line}: the entry on this line is not a mapping of fields (key: ...); nothing was written")
    values = {str(key.value): value for key, value in entry.value}
    lines_of_fields = {str(key.value): key.start_mark.line + 1 for key, _ in entry.value}
    key = values["key"].value if isinstance(values.get("key"), yaml.ScalarNode) else f"at line {line}"

    def refuse(problem: str, at: int = line) -> UpdateRefused:
        return UpdateRefused(f"{layout.shown}:{at}: entry '{key}': {problem}; nothing was written")

    if entry.flow_style or not entry.value:
        raise refuse(
            "it is written on one line ({key: ..., ...}); write its fields one per line, as the other entries are, to let the import add to it"
        )
    indent = entry.value[0][0].start_mark.column
    entry_end = layout.content_end(entry)
    if entry_end < layout.offset(entry.value[-1][0].start_mark):
        raise refuse("its last field is an alias (*name) of a value written elsewhere; write the value out to let the import add to it")
    top = {name: value for name, value in fields.items() if name != "links"}
    new_links = dict(fields.get("links") or {})
    if repeated := [name for name in top if name in values]:
        raise refuse(f"it already has {repeated[0]}; the import adds only fields an entry lacks")
    lines = [_indented(indent, text) for name, value in top.items() for text in _field_lines(name, value)]
    insertions = []
    links = values.get("links")
    if new_links and links is None:
        lines.append(" " * indent + "links:")
        lines += [_indented(indent + step, text) for name, value in new_links.items() for text in _link_lines(name, value)]
    elif new_links:
        at = lines_of_fields["links"]
        if not isinstance(links, yaml.MappingNode) or links.flow_style or not links.value:
            raise refuse(
                "its links are not written one per line below links: (they are {doi: ...} or empty); write them so, "
                "or delete an empty links:, to let the import add to them",
                at,
            )
        present = {str(name.value) for name, _ in links.value}
        if repeated := [name for name in new_links if name in present]:
            raise refuse(f"it already has links.{repeated[0]}; the import adds only fields an entry lacks", at)
        link_indent = links.value[0][0].start_mark.column
        link_lines = [_indented(link_indent, text) for name, value in new_links.items() for text in _link_lines(name, value)]
        insertions.append((layout.content_end(links), 0, link_lines))
    if lines:
        insertions.append((entry_end, 1, lines))
    return insertions


def _nested_step(root: yaml.SequenceNode) -> int:
    """How much deeper the file writes the fields of a nested mapping (an entry's links) than the field that holds it."""
    for entry in root.value:
        if isinstance(entry, yaml.MappingNode):
            for key, value in entry.value:
                if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                    step = value.value[0][0].start_mark.column - key.start_mark.column
                    if step > 0:
                        return step
    return _AS_YAML_STEP


def _indented(indent: int, line: str) -> str:
    """A blank line stays blank, as `as_yaml` writes the blank lines of a block: spaces would be content in some blocks."""
    return " " * indent + line if line else line


def _field_lines(name: str, value: Any) -> list[str]:
    """The lines `as_yaml` writes for the field, without the entry's indentation."""
    if name == "authors":
        lines = as_yaml([{"authors": value}]).split("\n")[:-1]
    else:
        lines = as_yaml([{name: value, "authors": []}]).split("\n")
        assert lines[-2:] == ["  authors: []", ""], lines
        lines = lines[:-2]
    assert lines[0].startswith("- ") and all(line.startswith("  ") or not line for line in lines[1:]), lines
    return [line[2:] for line in lines]


def _link_lines(name: str, value: Any) -> list[str]:
    """The lines `as_yaml` writes for one link, without the indentation of the entry's links."""
    lines = as_yaml([{"links": {name: value}, "authors": []}]).split("\n")
    assert lines[0] == "- links:" and lines[-2:] == ["  authors: []", ""], lines
    lines = lines[1:-2]
    assert all(line.startswith("    ") or not line for line in lines), lines
    return [line[4:] for line in lines]


def _refuse_unless_only_added(old_text: str, new_text: str, root: yaml.SequenceNode, additions: dict[int, dict[str, Any]], shown: str) -> None:
    """The last guard: the new file reads back as the old data with exactly the new fields, or nothing is written."""
    expected = yaml.load(old_text, Loader=_Loader)
    for index, fields in additions.items():
        entry = expected[index]
        entry.update({name: value for name, value in fields.items() if name != "links"})
        if fields.get("links"):
            entry["links"] = {**(entry.get("links") or {}), **fields["links"]}
    try:
        actual = yaml.load(new_text, Loader=_Loader)
    except yaml.YAMLError:
        actual = None
    if actual != expected:
        index = next(
            (index for index in sorted(additions) if actual is None or index >= len(actual) or actual[index] != expected[index]), min(additions)
        )
        line = root.value[index].start_mark.line + 1
        key = expected[index].get("key", f"at line {line}") if isinstance(expected[index], dict) else f"at line {line}"
        raise UpdateRefused(
            f"{shown}:{line}: entry '{key}': adding {', '.join(_names_added(additions[index]))} would change what the file says; "
            "add them by hand; nothing was written"
        )
