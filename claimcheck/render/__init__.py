"""One renderer per output format, behind one interface: render(report, **options) -> str."""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.records import Report


def _json(report: Report, **options: object) -> str:
    from claimcheck.render import jsonout

    return jsonout.render(report)


def _html(report: Report, **options: object) -> str:
    from claimcheck.render import html

    return html.render(report, **options)  # type: ignore[arg-type]


def _markdown(report: Report, **options: object) -> str:
    from claimcheck.render import markdown

    return markdown.render(report)


def _table(report: Report, **options: object) -> str:
    from claimcheck.render import table

    return table.render(report, **options)  # type: ignore[arg-type]


RENDERERS: dict[str, Callable[..., str]] = {"table": _table, "json": _json, "markdown": _markdown, "html": _html}
