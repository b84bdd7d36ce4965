"""Turn this fork into a blank site for a new owner (`make new-owner NAME="Ada Lovelace" SITE_URL=https://ada.example.org/`).

Usage: python -m scripts.new_owner --name NAME --site-url URL [--project DIR]

mkdocs.yml gets the owner's name and address (site_name, site_url,
site_description, site_author, copyright) and the starter pages' nav, by
editing those lines only; data/profile.yml becomes the owner's name with
placeholders for role and lead (and commented-out examples of every optional
field); every other data file becomes its schema line and an empty list;
the previous owner's pages and files under docs/ make way for the starter
pages (scripts/new_owner/starter/), and docs/assets/ keeps its stylesheets
and scripts.

It runs only in a git work tree with nothing uncommitted, so `git diff`
shows every change and one command undoes them all. Everything is worked
out before the first file is touched. Exit status: 0 when the site is the
new owner's, 2 when it refused to start (nothing changed), 1 when a write
failed halfway (the line says how to undo it); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .conversion import Conversion, plan_conversion
from .owner import NewOwner, new_owner
from .problems import Refused, Stopped
from .work_tree import require_clean_work_tree

# The repository this package belongs to.
ROOT = Path(__file__).resolve().parents[2]


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    try:
        owner = new_owner(options.name, options.site_url)
        project = options.project.resolve()
        require_clean_work_tree(project)
        conversion = plan_conversion(project, owner)
        conversion.changes.apply()
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 2
    except Stopped as stop:
        print(stop, file=sys.stderr)
        return 1
    _report(owner, conversion)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Turn this fork into a blank site for a new owner.")
    parser.add_argument("--name", required=True, help='the new owner\'s name, as in author lists, e.g. "Ada Lovelace"')
    parser.add_argument("--site-url", required=True, help="the address the site will be published at, e.g. https://ada.example.org/")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this repository)")
    return parser


def _report(owner: NewOwner, conversion: Conversion) -> None:
    changes = conversion.changes
    removed = [path.relative_to(changes.project).as_posix() for path in changes.removals]
    pages = [path for path in removed if path.endswith(".md")]
    others = [path for path in removed if not path.endswith(".md")]
    print(f"This site is now {owner.name}'s, at {owner.site_url}:")
    print("  mkdocs.yml: site_name, site_url, site_description, site_author, copyright and nav set; every other line kept")
    print("  data/profile.yml: the name, placeholders for role and lead, and commented-out examples of the optional fields")
    print(f"  data/: emptied {', '.join(f'{kind}.yml' for kind in conversion.emptied) or 'no file'}")
    print(f"  docs/: removed {len(pages)} page{'s' if len(pages) != 1 else ''} of the previous owner; wrote index, publications, news, cv and about")
    for path in others:
        print(f"  docs/: removed {path}, a file of the previous owner's")
    for untracked in conversion.untracked:
        print(
            f"  {untracked.relative_to(changes.project).as_posix()}: left as it is, since git ignores it "
            "(a removal could not be undone); remove it if it is the previous owner's"
        )
    for line in conversion.left:
        print(f"  {line}")
    print(
        "\nNext:\n"
        "  1. write your role and lead in data/profile.yml (the build points out every TODO: left), and uncomment what else you want there\n"
        "  2. add your papers: make import-bib BIB=path/to/your.bib; then news, honors and the rest in data/*.yml\n"
        "  3. make serve to preview; git diff shows every change, git commit keeps them"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
