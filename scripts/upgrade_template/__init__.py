"""Taking a newer release of the template into a fork (`make upgrade-template`, run as `python -m scripts.upgrade_template`).

The upgrade travels through the modules in this order: manifest.py reads
template.yml (the release's version, the template's repository, the paths it
owns and those that are the owner's), versions.py compares semantic versions,
release.py fetches the release a tag names into a temporary bare repository
and reads its files, replacement.py works out and then makes the change to
exactly the template's paths, migrating.py runs the release's data
migrations (migrations/v<major>_<minor>_<patch>.py, each built on fields.py),
changelog.py picks CHANGELOG.md's sections in between, and checks.py runs
the strict build and the owner-site tests. problems.py words what stops it.
The check for a clean work tree is make new-owner's (scripts/new_owner/work_tree.py).
"""
