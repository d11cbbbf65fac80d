"""Render the edition's Jinja templates (overrides/partials/edition/) through the theme's loader."""

from __future__ import annotations

import json
import os
import re
from typing import Any

import jinja2
from jinja2 import BytecodeCache, Environment, TemplateSyntaxError
from markupsafe import Markup, escape

from . import store
from .problems import Problem, fail_if_any
from .store import Store

__all__ = ["Markup", "Templates", "inline_json", "sanitized"]

FOLDER = "partials/edition"  # in overrides/


class Templates:
    """The theme's Jinja environment with autoescaping on (data text is always escaped), for one
    build's ``config``; compiled templates kept by ``cache``."""

    def __init__(self, config, cache: BytecodeCache | None = None):
        self.config = config
        self.env = config.theme.get_env()
        self.env.autoescape = True
        self.env.bytecode_cache = cache
        self.env.filters["markdown_text"] = markdown_text

    def render(self, name: str, **context: Any) -> str:
        """Render ``partials/edition/<name>`` with ``context`` and return the HTML."""
        try:
            template = self.env.get_template(f"{FOLDER}/{name}")
        except TemplateSyntaxError as error:
            fail_if_any([syntax_problem(error)], "the templates")
        return template.render(config=self.config, **context).strip()


def syntax_problem(error: TemplateSyntaxError) -> Problem:
    where = f"overrides/{error.name}" if error.name else (error.filename or "a template")
    return Problem(where, "template", "", f"{error.message}; fix the Jinja syntax there", line=error.lineno)


def syntax_problems(
    env: Environment, custom_dir: str | None, suffixes=(".html", ".xml"), kept: Store | None = None
) -> list[Problem]:
    """Every template of ``custom_dir`` (overrides/) with one of ``suffixes`` loaded, as ``env``
    will load them: a syntax error is named at its line.

    What was found clean is remembered in ``kept`` (edition.store) by content: each template under
    a digest of its name, its text and what of ``env`` decides its syntax, and the whole folder
    under the digest of all of them (one entry read when nothing changed). The next build loads
    only the templates whose text it has not seen clean. A template with an error is never kept;
    a damaged entry is not used."""
    if not custom_dir:
        return []
    kept = kept if kept is not None else Store(None)
    syntax = environment_syntax(env)
    found = {}  # name -> the checksum of its text
    for name, path in template_files(custom_dir, tuple(suffixes)):
        try:
            with open(path, "rb") as file:
                found[name] = store.checksum(file.read())
        except OSError:
            found[name] = "unreadable"  # loading it says what is wrong

    def each() -> bool:
        problems = []
        for name, content in found.items():
            try:
                kept.remembered(SYNTAX_KIND, [syntax, name, content], lambda name=name: loaded(env, name), is_clean)
            except TemplateSyntaxError as error:
                problems.append(syntax_problem(error))
        if problems:
            raise TemplateProblems(problems)  # nothing is kept for the folder
        return True

    try:
        kept.remembered(FOLDER_KIND, [syntax, *(f"{n}\0{c}" for n, c in found.items())], each, is_clean)
    except TemplateProblems as failed:
        return failed.problems
    return []


def template_files(custom_dir: str, suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name as Jinja loads it, path) of every file of ``custom_dir`` ending in one of ``suffixes``,
    sorted by name (os.walk and strings: pathlib's rglob and sorting cost more than the check)."""
    found = []
    for folder, _subfolders, files in os.walk(custom_dir):
        prefix = os.path.relpath(folder, custom_dir).replace(os.sep, "/")
        for file in files:
            if file.endswith(suffixes):
                found.append((file if prefix == "." else f"{prefix}/{file}", os.path.join(folder, file)))
    return sorted(found)


SYNTAX_KIND = "template-syntax"  # one template found clean
FOLDER_KIND = "template-syntax-all"  # every template of the folder found clean


class TemplateProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


def environment_syntax(env: Environment) -> str:
    """What of ``env`` decides whether a template loads: Jinja's version, its delimiters and
    extensions, and the filters and tests a template may name (checked when it is compiled)."""
    delimiters = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        str(env.line_statement_prefix),
        str(env.line_comment_prefix),
    )
    return "\n".join(
        (
            f"jinja2=={jinja2.__version__}",  # not importlib.metadata: ~1 ms
            " ".join(delimiters),
            " ".join(sorted(env.extensions)),
            " ".join(sorted(env.filters)),
            " ".join(sorted(env.tests)),
        )
    )


def loaded(env: Environment, name: str) -> bool:
    """True once ``env`` loaded the template ``name`` (a syntax error is raised)."""
    env.get_template(name)
    return True


def is_clean(value: object) -> bool:
    return value is True


MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def markdown_text(text: object) -> Markup:
    """Data text for a template that writes Markdown (`glossary-refs.md`): HTML-escaped, and every
    character Markdown reads as syntax (links, emphasis, attribute lists) backslash-escaped, so the
    text stays text."""
    return Markup(MARKDOWN_SYNTAX.sub(r"\\\1", str(escape(text))))


# What pandoc writes for a reference or a citation: text, emphasis, links. Nothing else passes.
ALLOWED_TAGS = {"a", "i", "em", "b", "strong", "span", "sup", "sub", "br", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitized(html: str) -> Markup:
    """HTML made from data (pandoc's output) for a template: only the allowlisted tags, attributes
    and URL schemes survive (nh3, the Ammonia sanitiser); everything else is dropped or escaped."""
    import nh3

    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
    )


def inline_json(data: Any, indent: int | None = None, separators: tuple[str, str] | None = None) -> Markup:
    """JSON for a `<script>` element: `<`, `>` and `&` written as \\u escapes, so that no text
    from the data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators, default=vars)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
