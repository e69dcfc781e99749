"""One renderer per output format, behind one interface: render(report, **options) -> str.

Each runs with the cyclic garbage collector paused (claimcheck.workers.collector_paused):
a large report's records become hundreds of thousands of short-lived dicts and strings,
and each full collection would walk every object of the claim set for nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from claimcheck.records import Report
from claimcheck.workers import collector_paused


def _paused(render: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(render)
    def run(report: Report, **options: object) -> str:
        with collector_paused():
            return render(report, **options)
    return run


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


RENDERERS: dict[str, Callable[..., str]] = {
    name: _paused(render) for name, render in
    {"table": _table, "json": _json, "markdown": _markdown, "html": _html}.items()
}
