"""What render/ and outputs/ both use: inline Markdown, people's names, the package's paths.

The layers run one way: data/ <- shared/ <- render/ and outputs/ <- the macros
module (macros/__init__.py) <- the hooks. render/ and outputs/ never import each
other; where a page shows an output (a paper's BibTeX), the macros module hands
it in (tests/machinery/test_layers.py holds this).
"""
