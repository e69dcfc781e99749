"""The HTML report in a real browser: Debian's chromium, driven headless by Playwright.

.ci/run installs chromium with apt; Playwright never downloads a browser here.
The page is opened from disk (file://) and must render, filter, print, and
never ask the network for anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimcheck.findings import build_report
from claimcheck.read.load import load_paths
from claimcheck.read.quotes import SourceText, attach_quotes
from claimcheck.records import Report
from claimcheck.render import html as html_report

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).parent.parent

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium), as .ci/run does",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is absent: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def founding() -> tuple[Report, dict[str, str]]:
    report = build_report(attach_quotes(load_paths([str(ROOT / "claims")])))
    return report, {s.id: SourceText.from_file(s.text).text for s in report.sources if s.text}


class Opened:
    """A page opened from disk, with every request, console message and dialog it caused."""

    def __init__(self, browser: object, path: Path, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
                                           java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())

    def visible(self, selector: str) -> int:
        return sum(1 for el in self.page.query_selector_all(selector) if el.is_visible())

    def local_only(self) -> None:
        assert self.requests, "the page itself was requested"
        assert all(url.startswith(("file:", "data:")) for url in self.requests), self.requests
        assert not self.console, self.console  # no CSP violation, no script error
        assert not self.dialogs


def test_founding_report_renders_filters_and_prints(browser: object, founding: tuple[Report, dict[str, str]],
                                                     tmp_path: Path) -> None:
    report, texts = founding
    path = tmp_path / "report.html"
    path.write_text(html_report.render(report, texts), "utf-8")
    view = html_report.build_view(report, texts)
    opened = Opened(browser, path)
    page = opened.page

    # The matrix: one row per claim group in dispute, one column per source.
    assert opened.visible("table.matrix >> nth=0 >> tbody tr") == len(view["rows"])
    assert opened.visible("table.matrix >> nth=0 >> thead th.src") == len(report.sources)
    assert opened.visible("td.cell.differs") > 0
    # Every discrepancy, with its message and each source's value.
    for d in report.discrepancies:
        article = page.locator(f'article[id="{d.id}"]')
        assert article.is_visible(), d.id
        assert d.message in article.inner_text().replace("\n", " ") or d.subject in article.inner_text()
        assert article.locator(".sighting").count() == len(d.values)
    assert page.locator("mark").count() > 0

    # The severity filter hides the high rows and discrepancies, and shows them again.
    high = sum(d.severity.label == "high" for d in report.discrepancies)
    high_rows = sum(r["severities"] == "high" for r in view["rows"])
    assert high and high_rows
    page.uncheck('input[name=severity][value="high"]')
    assert opened.visible("article.disc") == len(report.discrepancies) - high
    assert opened.visible("article.disc.sev-high") == 0
    assert opened.visible("table.matrix >> nth=0 >> tbody tr") == len(view["rows"]) - high_rows
    assert "Showing" in page.inner_text("#f-status")
    page.check('input[name=severity][value="high"]')
    assert opened.visible("article.disc") == len(report.discrepancies)
    assert opened.visible("table.matrix >> nth=0 >> tbody tr") == len(view["rows"])

    # Code, source and search filters.
    page.select_option("select[name=code]", "name.variant")
    assert opened.visible("article.disc") == sum(d.code == "name.variant" for d in report.discrepancies)
    page.click("button[type=reset]")
    sync_api.expect(page.locator("article.disc[hidden]")).to_have_count(0)  # reset applies after the event
    page.fill("input[name=q]", "Zom")
    assert 0 < opened.visible("article.disc") < len(report.discrepancies)
    page.fill("input[name=q]", "no such words anywhere")
    assert opened.visible("article.disc") == 0 and page.locator("#f-empty").is_visible()
    page.fill("input[name=q]", "")

    # A click on a cell shows its values.
    cell = page.locator("td.cell.differs a").first
    cell.click()
    assert page.locator("#pop").is_visible()
    page.screenshot(path=str(tmp_path / "report-cell.png"))
    info = view["rows"][0]["cells"]
    said = next(c["said"][0] for c in info if c["state"] == "differs")
    assert said in page.inner_text("#pop")
    page.keyboard.press("Escape")
    assert not page.locator("#pop").is_visible()

    page.screenshot(path=str(tmp_path / "report-top.png"))  # what an editor sees first
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000

    # Print: no controls, rows kept whole, colours kept; a PDF comes out.
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert page.eval_on_selector("table.matrix tbody tr", "tr => getComputedStyle(tr).breakInside") == "avoid"
    assert page.eval_on_selector("table.matrix thead", "t => getComputedStyle(t).display") == "table-header-group"
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    page.screenshot(path=str(tmp_path / "report-print.png"), full_page=True)

    opened.local_only()
    opened.context.close()


def test_reads_fully_without_javascript(browser: object, founding: tuple[Report, dict[str, str]],
                                        tmp_path: Path) -> None:
    report, texts = founding
    path = tmp_path / "report.html"
    path.write_text(html_report.render(report, texts), "utf-8")
    opened = Opened(browser, path, javascript=False)
    assert not opened.page.locator("#filters").is_visible()  # controls that need a script are not offered
    assert opened.visible("article.disc") == len(report.discrepancies)
    assert opened.visible("table.matrix >> nth=0 >> tbody tr") > 0
    opened.page.click("summary")  # the quiet claim groups open without a script
    assert opened.visible("details.quiet tbody tr") > 0
    opened.local_only()
    opened.context.close()


def test_hostile_text_stays_text_in_the_browser(browser: object, tmp_path: Path) -> None:
    from test_html import HOSTILE_TEXTS, hostile_report

    path = tmp_path / "hostile.html"
    path.write_text(html_report.render(hostile_report(), HOSTILE_TEXTS), "utf-8")
    opened = Opened(browser, path)
    page = opened.page
    assert page.locator("img").count() == 0
    assert page.evaluate("document.scripts.length") == 2
    assert '<script>alert("x")</script>' in page.inner_text("article.disc")
    page.locator("td.cell a").first.click()  # the popover writes user text as text
    assert "</script><img src=x" in page.inner_text("#pop")
    assert page.locator("#pop img").count() == 0
    page.screenshot(path=str(tmp_path / "hostile.png"))
    opened.local_only()
    opened.context.close()
