"""Turning a fork into a blank site for its new owner (`python -m scripts.new_owner`, `make new-owner`).

owner.py checks the name and the address given, work_tree.py that git can
show and undo what the conversion does, config_file.py edits mkdocs.yml's
owner settings and nav as text, profile_file.py writes the starter profile,
blank_data.py empties every other data file, and pages.py replaces the
previous owner's pages with the starter ones. conversion.py works all of
that out before anything changes, and changes.py then writes it. starter/
holds the files copied in (the pages, the profile, the nav), which
starter_files.py reads. problems.py words every refusal as one line.
"""
