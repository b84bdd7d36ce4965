"""MkDocs hooks, listed under `hooks:` in mkdocs.yml; MkDocs loads each file on its own, by path."""
