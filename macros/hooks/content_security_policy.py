"""MkDocs hook (see `hooks:` in macros/machinery.yml): fills in each page's Content-Security-Policy once the page is rendered.

overrides/partials/content_security_policy.html puts the meta tag in every
page's head with a placeholder; only the finished page knows which inline
scripts it has (Material writes a few), so their hashes are computed here.
The owner's extra sources come from `extra.content_security_policy` in
mkdocs.yml (see README, "Content-Security-Policy").
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Must match overrides/partials/content_security_policy.html.
PLACEHOLDER = "@content-security-policy@"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output, page.file.src_uri, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The pages made from a theme template alone: 404.html."""
    if not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, template_name, config)


def with_policy(output: str, name: str, config: MkDocsConfig) -> str:
    from macros.outputs.security_policy import policy_for
    from macros.site_build import site_build

    if PLACEHOLDER not in output:
        raise PluginError(
            f"{name}: the page has no Content-Security-Policy meta tag; a template under overrides/ "
            "must keep the `site_meta` block of overrides/main.html"
        )
    build = site_build(config)
    # `mkdocs serve` adds an inline live-reload script to each page it sends, with the time of the
    # request in it, so no hash can name it: the preview alone allows inline scripts. Builds never do.
    policy = policy_for(output, build.settings["content_security_policy"], inline_scripts_allowed=build.preview)
    # The attribute is double-quoted and a policy holds no double quote; its single quotes stay readable.
    return output.replace(PLACEHOLDER, html.escape(str(policy), quote=False), 1)
