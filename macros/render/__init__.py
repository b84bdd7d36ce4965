"""Turning the checked data into HTML: the Jinja environment, the page macros, inline Markdown, icons."""
