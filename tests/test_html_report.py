"""The HTML report: unit tests on the markup (escaping, nesting, offsets) and a real headless Chromium run.

The browser tests skip when no Chromium/chromedriver/selenium is available (see tests/browser.py), unless
FACTCHECK_REQUIRE_BROWSER=1. With FACTCHECK_SCREENSHOT=1 they also write docs/images/html-report.png.
"""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from factcheck.report.html import Highlight, highlight, render
from factcheck.runner import run_check

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "images" / "html-report.png"


# ----------------------------------------------------------------------------------------------- helpers


class Marks(HTMLParser):
    """Collects, inside each <pre class="article">, the article text and the text under every highlight key."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document: str | None = None
        self.texts: dict[str, str] = {}
        """Document id -> the text shown in its <pre> (the newline right after <pre> dropped, as browsers do)."""
        self.marks: dict[str, list[str]] = defaultdict(list)
        """data-hl -> text of each fragment, in document order."""
        self.ids: dict[str, str] = {}
        """data-hl -> element id of its first fragment."""
        self.detail: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.open: list[str] = []
        self.max_depth = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.start_of_pre = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "pre" and "article" in (attributes.get("class") or "").split():
            self.document = attributes["data-document"]
            self.texts[self.document] = ""
            self.start_of_pre = True
        elif tag == "mark" and self.document is not None:
            key = attributes["data-hl"]
            self.open.append(key)
            self.max_depth = max(self.max_depth, len(self.open))
            self.marks[key].append("")
            if "id" in attributes:
                assert key not in self.ids, f"{key}: two fragments carry the id"
                self.ids[key] = attributes["id"]
            self.detail[key] = attributes["data-detail"]
            self.classes.setdefault(key, attributes["class"])
            self.titles.setdefault(key, attributes["title"])

    def handle_endtag(self, tag):
        if tag == "pre" and self.document is not None:
            assert not self.open, f"unclosed marks {self.open} in {self.document}"
            self.document = None
        elif tag == "mark" and self.document is not None:
            assert self.open, "a </mark> without an open mark"
            self.open.pop()

    def handle_data(self, data):
        if self.document is None:
            return
        if self.start_of_pre and data.startswith("\n"):
            data = data[1:]
        self.start_of_pre = False
        self.texts[self.document] += data
        for key in self.open:
            self.marks[key][-1] += data

    def text_of(self, key: str) -> str:
        return "".join(self.marks[key])


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    parser.close()
    return parser


def expected_marks(run) -> dict[str, str]:
    """Highlight key -> the text it must cover: one per claim and one per finding location."""
    wanted = {}
    for d, entry in enumerate(run.report.documents):
        for n, claim in enumerate(entry.claims):
            wanted[f"c{d}-{n}"] = claim.text
    for i, finding in enumerate(run.report.findings):
        for j, location in enumerate(finding.locations):
            if location.document in run.documents:
                wanted[f"f{i}-{j}"] = run.documents[location.document].text[location.start:location.end]
    return wanted


@pytest.fixture(scope="module")
def seeds():
    with contextlib.chdir(ROOT):
        return run_check(["seeds"])


@pytest.fixture(scope="module")
def seeds_page(seeds):
    return render(seeds.report, seeds.documents)


def check_files(tmp_path: Path, files_: dict[str, str]):
    for name, text in files_.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with contextlib.chdir(tmp_path):
        return run_check(sorted(files_))


HOSTILE_TEXT = (
    "<script>window.pwned = 1; alert('x')</script> Acme says \"sales\" rose 12% to $4.5 billion in 2024.\n\n"
    "Revenue grew from $4 billion to $4.5 billion, a rise of 40%.</pre><img src=x onerror=\"window.pwned=2\">\n"
    "Profit was &amp; 3 million euros <!-- comment --> and the share fell 150%.\n"
)
HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>Evil <script>window.pwned=3</script></title></head><body>"
    "<p>Sales rose 12% to $4.5 billion in 2024.<script>window.pwned = 4</script></p>"
    "<p onclick=\"window.pwned=5\">Profit fell 8% to $300 million.</p></body></html>\n"
)


# --------------------------------------------------------------------------------------------- unit tests


def test_template_ships_inside_the_package():
    assert files("factcheck.report").joinpath("html_template.html").is_file()


def test_article_script_is_escaped(tmp_path):
    run = check_files(tmp_path, {"evil.txt": HOSTILE_TEXT, "evil-page.html": HOSTILE_HTML})
    page = render(run.report, run.documents)
    assert page.count("<script") == 1, "only the report's own script may be a script element"
    assert "&lt;script&gt;window.pwned = 1;" in page
    assert "<img" not in page and "onerror=\"window" not in page and "<p onclick" not in page
    assert "&lt;/pre&gt;&lt;img src=x onerror=&quot;window.pwned=" in page
    parsed = parse(page)
    for document_id, document in run.documents.items():
        assert parsed.texts[document_id] == document.text, "the article text must survive escaping exactly"
    for tag, attributes in parsed.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)


def test_highlight_nests_overlapping_and_coinciding_spans():
    text = "abcdefghij<&>"

    def span(start, end, key, rank=0):
        return Highlight(start, end, key, key, f"hl {key}", f"title {key} <\"'>", rank=rank)

    spans = [
        span(0, 13, "whole"),
        span(0, 5, "a"),
        span(3, 8, "cross"),            # crosses "a": split into two fragments
        span(3, 8, "same", rank=1),     # coincides with "cross": nested inside it
        span(5, 5, "empty"),            # zero width
        span(6, 7, "inner"),
        span(9, 12, "tail"),            # covers escaped characters
        span(20, 25, "outside"),        # beyond the text: dropped
    ]
    markup = highlight(text, spans)
    parsed = parse(f'<pre class="article" data-document="d">\n{markup}</pre>')
    assert parsed.texts["d"] == text
    for item in spans[:-1]:
        assert parsed.text_of(item.key) == text[item.start:item.end], item.key
        assert parsed.ids[item.key] == item.key
    assert "outside" not in parsed.marks
    assert len(parsed.marks["cross"]) == 2 and len(parsed.marks["same"]) == 2
    assert len(parsed.marks["whole"]) == 1 and len(parsed.marks["a"]) == 1 and len(parsed.marks["inner"]) == 1
    assert parsed.max_depth == 4  # whole > cross > same > inner
    assert 'title="title a &lt;&quot;&#x27;&gt;"' in markup
    assert "j&lt;&amp;</mark>&gt;</mark>" in markup
    assert highlight(text, list(reversed(spans))) == markup, "input order must not matter"


def test_every_claim_and_location_is_highlighted_exactly(seeds, seeds_page):
    parsed = parse(seeds_page)
    wanted = expected_marks(seeds)
    assert set(parsed.marks) == set(wanted)
    assert len(wanted) == seeds.report.summary.claims + sum(len(f.locations) for f in seeds.report.findings)
    for key, text in wanted.items():
        assert parsed.text_of(key) == text, key
        assert parsed.ids[key] == key
    for d, entry in enumerate(seeds.report.documents):
        assert parsed.texts[entry.id] == seeds.documents[entry.id].text
        for n, claim in enumerate(entry.claims):
            assert parsed.text_of(f"c{d}-{n}") == claim.text == seeds.documents[entry.id].text[claim.start:claim.end]
            assert f"k-{claim.quantity.kind.value}" in parsed.classes[f"c{d}-{n}"].split()
    for i, finding in enumerate(seeds.report.findings):
        primary = parsed.classes[f"f{i}-0"].split()
        assert {"finding", "primary", f"sev-{finding.severity.value}"} <= set(primary)
        assert finding.message in parsed.titles[f"f{i}-0"]
        assert parsed.detail[f"f{i}-0"] == f"f{i}"
        assert f'id="detail-f{i}"' in seeds_page


def test_summary_table_and_legend(seeds, seeds_page):
    summary = seeds.report.summary
    assert f'data-summary="claims"><span class="n">{summary.claims}</span>' in seeds_page
    assert f'data-summary="documents"><span class="n">{summary.documents}</span>' in seeds_page
    for severity, count in summary.by_severity.items():
        assert f'data-summary="severity-{severity}"><span class="n">{count}</span>' in seeds_page
    assert seeds_page.count('<tr id="row-f') == summary.findings
    assert 'id="legend"' in seeds_page and "k-percentage_points" in seeds_page


def test_output_is_deterministic_and_self_contained(seeds, seeds_page):
    with contextlib.chdir(ROOT):
        again = run_check(["seeds"])
    assert render(again.report, again.documents) == seeds_page
    for tag, attributes in parse(seeds_page).tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        assert "src" not in attributes, (tag, attributes)
        href = attributes.get("href")
        assert href is None or href.startswith("#"), (tag, href)
    assert "@import" not in seeds_page and "url(" not in seeds_page


def test_empty_report_renders(tmp_path):
    run = check_files(tmp_path, {"plain.txt": "Nothing numeric here at all.\n"})
    page = render(run.report, run.documents)
    assert "No findings." in page and page.count("<pre class=\"article") == 1
    empty = render(run.report.model_copy(update={"documents": (), "findings": ()}), {})
    assert "<title>" in empty


# ------------------------------------------------------------------------------------------ browser tests


@pytest.fixture(scope="module")
def browser():
    from browser import BrowserUnavailable, chromium, required

    try:
        with chromium(1280, 900) as driver:
            yield driver
    except BrowserUnavailable as error:
        reason = f"no headless browser: {error}"
        print(reason)
        if required():
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def seeds_uri(seeds_page, tmp_path_factory):
    path = tmp_path_factory.mktemp("html-report") / "report.html"
    path.write_text(seeds_page, encoding="utf-8")
    return path.as_uri()


@pytest.fixture
def loaded(browser, seeds_uri):
    """The seeds report, freshly loaded (other tests may have navigated the shared browser elsewhere)."""
    browser.get(seeds_uri)
    return browser


def _rows(driver, attribute):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#fc-findings tbody tr')).map(r => r.getAttribute(arguments[0]));",
        attribute)


def _sort_by(driver, column):
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'#fc-findings th[data-sort="{column}"] button').click()
    return driver.find_element(By.CSS_SELECTOR, f'#fc-findings th[data-sort="{column}"]').get_attribute("aria-sort")


def test_browser_page_renders(loaded, seeds):
    from selenium.webdriver.common.by import By

    summary = seeds.report.summary
    assert loaded.title.startswith("factcheck report")
    assert f"{summary.documents} documents" in loaded.title and f"{summary.findings} findings" in loaded.title
    number = {card.get_attribute("data-summary"): card.find_element(By.CSS_SELECTOR, ".n").text
              for card in loaded.find_elements(By.CSS_SELECTOR, "#summary .card")}
    assert number["documents"] == str(summary.documents)
    assert number["claims"] == str(summary.claims)
    assert number["findings"] == str(summary.findings)
    for severity, count in summary.by_severity.items():
        assert number[f"severity-{severity}"] == str(count)
    assert len(loaded.find_elements(By.CSS_SELECTOR, "article.doc")) == summary.documents
    assert not loaded.find_element(By.ID, "fc-panel").is_displayed()


def test_browser_one_highlight_per_claim_and_location(loaded, seeds):
    shown = loaded.execute_script("""
        const texts = {}, firsts = {};
        for (const mark of document.querySelectorAll('pre.article mark.hl')) {
          const key = mark.dataset.hl;
          texts[key] = (texts[key] || '') + mark.textContent;
          if (mark.id) { firsts[key] = (firsts[key] || 0) + 1; }
        }
        return [texts, firsts];
    """)
    texts, firsts = shown
    wanted = expected_marks(seeds)
    assert set(texts) == set(wanted)
    assert firsts == {key: 1 for key in wanted}, "one highlight element (by id) per claim and per location"
    mismatched = {key: (texts[key], text) for key, text in wanted.items() if texts[key] != text}
    assert not mismatched
    for d, entry in enumerate(seeds.report.documents):
        for n, claim in enumerate(entry.claims):
            assert texts[f"c{d}-{n}"] == claim.text


def test_browser_sorts_findings_table(loaded, seeds):
    original = _rows(loaded, "data-index")
    assert original == [str(i) for i in range(len(seeds.report.findings))]

    assert _sort_by(loaded, "rule") == "ascending"
    rules = _rows(loaded, "data-rule")
    assert rules == sorted(rules) and rules != [f.rule for f in seeds.report.findings]
    assert _sort_by(loaded, "rule") == "descending"
    assert _rows(loaded, "data-rule") == sorted(rules, reverse=True)

    assert _sort_by(loaded, "severity") == "ascending"
    ranks = [int(rank) for rank in _rows(loaded, "data-severity")]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1

    assert _sort_by(loaded, "line") == "ascending"
    lines = [int(line) for line in _rows(loaded, "data-line")]
    assert lines == sorted(lines)

    assert _sort_by(loaded, "file") == "ascending"
    keys = _rows(loaded, "data-file")
    assert keys == sorted(keys)
    first_cells = loaded.execute_script(
        "return Array.from(document.querySelectorAll('#fc-findings tbody tr td.file')).map(td => td.textContent);")
    paths = [cell.rsplit(":", 2)[0] for cell in first_cells]
    assert paths == sorted(paths)


def _single_line_finding(driver, seeds):
    """A finding whose primary highlight sits on one line, so a click at its centre lands on it."""
    for i, finding in enumerate(seeds.report.findings):
        if finding.locations and driver.execute_script(
                "const el = document.getElementById(arguments[0]);"
                "return el !== null && el.getClientRects().length === 1;", f"f{i}-0"):
            return i, finding
    raise AssertionError("no single-line finding highlight")


def test_browser_click_highlight_opens_details(loaded, seeds):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    i, finding = _single_line_finding(loaded, seeds)
    mark = loaded.find_element(By.ID, f"f{i}-0")
    assert finding.message in mark.get_attribute("title")
    loaded.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    panel = loaded.find_element(By.ID, "fc-panel")
    assert panel.is_displayed()
    body = loaded.find_element(By.ID, "fc-panel-body").text
    assert finding.message in body
    assert finding.rule in body
    for value in finding.trace.values():
        if isinstance(value, str):
            assert value in body
    assert "active" in mark.get_attribute("class").split()
    loaded.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert not panel.is_displayed()


def test_browser_table_link_scrolls_to_highlight(loaded, seeds):
    from selenium.webdriver.common.by import By

    last = len(seeds.report.findings) - 1
    finding = seeds.report.findings[last]
    link = loaded.find_element(By.CSS_SELECTOR, f"#row-f{last} td.file a")
    loaded.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    in_view = loaded.execute_script("""
        const r = document.getElementById(arguments[0]).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;""", f"f{last}-0")
    assert in_view
    assert finding.message in loaded.find_element(By.ID, "fc-panel-body").text


def test_browser_hostile_article_does_not_run(browser, tmp_path):
    run = check_files(tmp_path, {"evil.txt": HOSTILE_TEXT, "evil-page.html": HOSTILE_HTML})
    path = tmp_path / "evil-report.html"
    path.write_text(render(run.report, run.documents), encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.execute_script("return window.pwned === undefined;")
    assert browser.execute_script("return document.querySelectorAll('script').length;") == 1
    assert browser.execute_script("return document.querySelectorAll('img').length;") == 0
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('pre.article')).map(p => [p.dataset.document, p.textContent]);")
    for document_id, text in shown:
        assert text == run.documents[document_id].text.replace("\r\n", "\n")


@pytest.mark.skipif(os.environ.get("FACTCHECK_SCREENSHOT") != "1", reason="set FACTCHECK_SCREENSHOT=1 to refresh")
def test_browser_screenshot_for_docs(loaded, seeds):
    """docs/images/html-report.png: an article with its highlights and a finding's detail panel open."""
    from selenium.webdriver.common.by import By

    chosen = next(i for i, f in enumerate(seeds.report.findings) if len(f.locations) > 1 and f.severity.value != "info")
    mark = loaded.find_element(By.ID, f"f{chosen}-0")
    article = loaded.execute_script("return arguments[0].closest('article');", mark)
    loaded.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert loaded.find_element(By.ID, "fc-panel").is_displayed()
    loaded.execute_script("""
        const header = document.querySelector('header.top').offsetHeight;
        window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - header - 16);""", article)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert loaded.save_screenshot(str(SCREENSHOT))
