"""The data migrations of the template's releases, one module per release that needs one.

`make upgrade-template` runs, in version order, each module here whose
version is newer than the fork's release and not newer than the one it
takes: `v2_0_0.py` runs on the way to 2.0.0. It loads them from the new
release's files, after those have replaced the old ones. A module defines

    def migrate(root: Path) -> list[str]

which changes the owner's data under `root` (the project's folder) and
returns one line per change, for the owner to read, e.g. with
`scripts.upgrade_template.fields.rename_field`:

    def migrate(root: Path) -> list[str]:
        return rename_field(root / "data" / "software.yml", "repository", "code")

A renamed or removed macro or data field is a major release (CHANGELOG.md)
and ships its migration here. Release 1.0.0 needs none.
"""
