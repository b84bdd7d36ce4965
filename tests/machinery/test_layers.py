"""The machinery's layers depend one way: data <- shared <- render and outputs <- the macros module <- hooks.

So a change to the HTML macros never loads Typst, a new output never touches
the page macros, and data/ can be read and checked on its own (the importer
and `make citations` do). Read from the source with Python's own parser.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from site_helpers import ROOT

PACKAGE = ROOT / "macros"
# Each layer, and the layers it may import besides itself.
MAY_IMPORT = {
    "data": set(),
    "shared": {"data"},
    "render": {"data", "shared"},
    "outputs": {"data", "shared"},
    "module": {"data", "shared", "render", "outputs"},
    "hooks": {"data", "shared", "render", "outputs", "module"},
}


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).parts
    return parts[0] if len(parts) > 1 else "module"


def imported_layers(path: Path, package: Path = PACKAGE) -> set[tuple[str, int]]:
    """The layers of the package that a module imports, each with the line of its first import."""
    # Where a relative import starts: the module's own package (a package's __init__ is its own).
    here = ("macros", *path.parent.relative_to(package).parts)
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[tuple[str, ...]]
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else ()
            module = (*base, *(node.module.split(".") if node.module else ()))
            names = [(*module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [tuple(alias.name.split(".")) for alias in node.names]
        else:
            continue
        for name in names:
            if name[:1] == ("macros",):
                layer = name[1] if len(name) > 1 and (package / name[1]).is_dir() else "module"
                found.setdefault(layer, node.lineno)
    return set(found.items())


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(path.relative_to(ROOT)) for path in MODULES])
def test_each_module_imports_only_the_layers_below_its_own(path: Path) -> None:
    layer = layer_of(path)
    wrong = sorted(
        f"{path.relative_to(ROOT)}:{line} imports from {other}/"
        for other, line in imported_layers(path)
        if other != layer and other not in MAY_IMPORT[layer]
    )
    assert not wrong, wrong


def test_render_and_outputs_do_not_import_each_other() -> None:
    assert not MAY_IMPORT["render"] & {"outputs"} and not MAY_IMPORT["outputs"] & {"render"}
    assert {layer_of(path) for path in MODULES} == set(MAY_IMPORT), "every folder of macros/ is a layer of the rule"


def test_the_check_sees_relative_and_absolute_imports_across_layers(tmp_path: Path) -> None:
    """The parser above is the whole check, so it is shown to find each form of import."""
    package = tmp_path / "macros"
    for layer in ("render", "outputs", "shared", "data"):
        (package / layer).mkdir(parents=True)
    module = package / "render" / "page_macros.py"
    module.write_text(
        "from ..outputs.citations.bibtex import bibtex_entry\nfrom . import icons\nfrom .. import shared\n"
        "import macros.data.kinds\nfrom macros import outputs\nimport yaml\n",
        encoding="utf-8",
    )
    assert imported_layers(module, package) == {("outputs", 1), ("render", 2), ("shared", 3), ("data", 4)}
    package_init = package / "render" / "__init__.py"
    package_init.write_text("from ..outputs import feed\n", encoding="utf-8")
    assert imported_layers(package_init, package) == {("outputs", 1)}
