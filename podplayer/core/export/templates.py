"""Jinja2 set-up shared by the Markdown and HTML exporters (shipped or user templates).

Templates run in Jinja2's sandbox with strict undefined variables, so a user's ``--template`` file
cannot reach Python internals and a misspelt variable is an error, not silently blank output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from podplayer.core.export.errors import ExportError
from podplayer.paths import TEMPLATES_DIR


def make_environment(*, autoescape: bool, filters: dict[str, Callable[..., Any]]) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env


def render(env: SandboxedEnvironment, context: dict[str, Any], *, name: str = "", path: Path | None = None) -> str:
    """Render the shipped template ``name`` or the user's template file ``path``; errors are one line."""
    where = str(path) if path is not None else name
    try:
        if path is not None:
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ExportError(f"{path}: cannot read template ({exc})") from exc
            template = env.from_string(source)
        else:
            template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ExportError(f"{where}: template error: {exc.message} (line {exc.lineno})") from exc
    except jinja2.TemplateError as exc:
        raise ExportError(f"{where}: template error: {exc}") from exc
