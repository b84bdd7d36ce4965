"""mkdocs-macros module (`module_name: macros`): loads data/ once per build and registers the page macros."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, nodes
from mkdocs.exceptions import PluginError

from .data.cache_folder import CACHE_FOLDER
from .data.errors import DataErrors
from .data.site_data import load_site_data
from .outputs.citations.paper_exports import PaperExports
from .outputs.preview_errors import ErrorOutputs
from .outputs.site_outputs import SiteOutputs
from .render.advice import advise
from .render.icons import ICONS
from .render.page_macros import build_macros
from .render.rendering import HtmlBlocks, Renderer, create_environment
from .settings import load_settings
from .shared.inline_markdown import escape_for_markdown, html_safe_from_jinja
from .site_build import SiteBuild, attach, preview_running

log = logging.getLogger("mkdocs.plugins.macros.portfolio")

DATA_ERROR_VARIABLE = "data_error"


def define_env(env: Any) -> None:
    """Called by mkdocs-macros each time the configuration is loaded, i.e. once per build."""
    env.variables[DATA_ERROR_VARIABLE] = None
    # A wrong setting stops every build here, before any page.
    settings = load_settings(env.conf["extra"], env.conf.get("config_file_path"))
    build = SiteBuild(settings=settings, html_blocks=HtmlBlocks(), preview=preview_running())
    attach(env, build)
    _register(env, build)


def on_pre_page_macros(env: Any) -> None:
    """Under `mkdocs serve` with broken data, every page shows the problems instead of its content."""
    # mkdocs-macros makes its Jinja environment after define_env, afresh for each build.
    _compile_each_page_source_once(env.env)
    errors = env.variables.get(DATA_ERROR_VARIABLE)
    if errors:
        # The page is rendered as Jinja once more, so the problems must not read as Jinja.
        env.markdown = (
            create_environment()
            .get_template("data_error.html")
            .render(lines=[html_safe_from_jinja(line) for line in errors.lines()], notes=errors.notes, summary=str(errors))
        )


def _register(env: Any, build: SiteBuild) -> None:
    project_dir = Path(env.project_dir)
    try:
        data = load_site_data(project_dir / "data", site_url=env.conf.get("site_url"), docs_dir=Path(env.conf["docs_dir"]))
    except DataErrors as errors:
        for line in errors.lines():
            log.error(line)
        for note in errors.notes:
            log.warning(note)
        if not build.preview:
            raise PluginError(str(errors)) from None
        log.error(str(errors).replace("nothing was built", "the preview shows them on every page"))
        env.variables[DATA_ERROR_VARIABLE] = errors
        # For the hook generated_files.py, so the paper pages, publications.bib and feed.xml show the problems too.
        build.error_outputs = ErrorOutputs(errors, project_dir / "data" / "publications.yml", create_environment())
        return
    for line in data.advice:
        advise(line)
    environment = create_environment(compiled_templates=project_dir / CACHE_FOLDER / "jinja")
    renderer = Renderer(
        environment,
        {
            "profile": data.profile,
            "publications_by_key": data.publications_by_key,
            "areas_by_key": data.areas_by_key,
            "awards_for": data.awards_for,
            "citations_for": data.citations.of,
            "citation_totals": data.citations.totals,
        },
        build.html_blocks,
    )
    exports = PaperExports(env.conf.get("site_url"), build.settings["citation_styles"], project_dir)
    exports.render_ahead(data.publications)
    for name, function in build_macros(data, renderer, lambda: env.page, exports).items():
        env.macro(function, name)
    build.outputs = SiteOutputs(data, environment, build.settings.cv_layout, project_dir)
    # Material renders these in the footer of every page.
    env.conf["extra"]["social"] = [{"icon": ICONS[link["icon"]], "link": link["url"], "name": link["name"]} for link in data.profile["links"]]
    # Pages may write {{ profile.name }}; what they get is escaped text, never markup.
    env.variables["profile"] = escape_for_markdown(data.profile)


def _compile_each_page_source_once(jinja: Environment) -> None:
    """mkdocs-macros compiles each page's Markdown as a template, and every paper page has the same Markdown:
    compiled once and rendered with each page's variables, a thousand paper pages cost one compile, not a
    thousand (a quarter of mkdocs-macros' time at 100x the data). A template keeps no state between renders."""
    if getattr(jinja, "compiles_each_source_once", False):
        return
    jinja.compiles_each_source_once = True  # type: ignore[attr-defined]
    compile_source = jinja.from_string
    compiled: dict[str, Template] = {}

    def from_string(source: str | nodes.Template, *args: Any, **kwargs: Any) -> Template:
        if args or kwargs or not isinstance(source, str):
            return compile_source(source, *args, **kwargs)
        if source not in compiled:
            compiled[source] = compile_source(source)
        return compiled[source]

    jinja.from_string = from_string  # type: ignore[method-assign]
