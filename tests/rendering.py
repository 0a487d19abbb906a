"""Looking at handouts as readers see them: Chromium's own layout of the HTML at a given
viewport width, printed pages (Chromium and WeasyPrint), LaTeX compiled by LuaLaTeX and
XeLaTeX, and the text poppler reads back from every PDF.

Every helper needs an external tool; tests use :func:`needs` so that a missing tool skips
them with the reason and the Debian package that provides it.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
#: Debian packages of the tools the rendering tests use (what .ci/run installs).
PACKAGES = {
    "chromium": "chromium",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "lualatex": "texlive-luatex",
    "xelatex": "texlive-xetex",
}

#: Measures the page where it is laid out: elements outside the viewport, table cells whose
#: content is wider than the cell, sideways scrolling, and words (outside URLs; Chinese and
#: Japanese break between any two characters) whose letters land on two lines. The page
#: runs in an iframe exactly as wide as the viewport asked for (a headless window is never
#: narrower than 500 px) and writes what it found into the wrapper's <html data-geometry>,
#: which --dump-dom carries out.
GEOMETRY_SCRIPT = r"""
<script>
document.fonts.ready.then(function () {
  var view = document.documentElement.clientWidth, out = [], split = [];
  function name(el) {
    return el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " \"" +
      (el.textContent || "").trim().slice(0, 40) + "\"";
  }
  document.querySelectorAll("body *").forEach(function (el) {
    if (el.tagName === "SCRIPT" || getComputedStyle(el).display === "none") return;
    var box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return;
    if (box.left < -0.5 || box.right > view + 0.5)
      out.push("outside the viewport: " + name(el) + " " + box.left + ".." + box.right);
    if ((el.tagName === "TD" || el.tagName === "TH") && el.scrollWidth > el.clientWidth)
      out.push("overflows its cell: " + name(el));
  });
  if (document.documentElement.scrollWidth > view) out.push("the page scrolls sideways");
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
  while ((node = walker.nextNode())) {
    var parent = node.parentElement;
    if (!parent || parent.closest("a.url, script") || !parent.getClientRects().length) continue;
    var words = /[^\s\-\u2010-\u2015\/\u00b7\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+/g, m;
    while ((m = words.exec(node.data))) {
      var range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      var tops = {};
      Array.prototype.forEach.call(range.getClientRects(), function (r) {
        if (r.width > 0) tops[Math.round(r.top)] = 1;
      });
      if (Object.keys(tops).length > 1) split.push(m[0]);
    }
  }
  window.parent.document.documentElement.setAttribute("data-geometry", JSON.stringify(
    {problems: out, split: split, width: view, height: document.body.scrollHeight}));
});
</script>
"""


def needs(*tools: str):
    """Skip unless every tool is on PATH, naming the first missing one and its package."""
    for tool in tools:
        found = CHROMIUM if tool == "chromium" else shutil.which(tool)
        if found is None:
            return pytest.mark.skipif(
                True, reason=f"{tool} is not installed (Debian: apt-get install {PACKAGES[tool]})"
            )
    return pytest.mark.skipif(False, reason="")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def in_viewport(html: str, width: int, height: int = 900) -> str:
    """A page showing ``html`` in a frame ``width`` by ``height`` CSS pixels: its viewport."""
    return (
        '<!DOCTYPE html><html><body style="margin:0;background:#ccc">'
        f'<iframe style="border:0;width:{width}px;height:{height}px;background:#fff" '
        f'srcdoc="{htmllib.escape(html, quote=True)}"></iframe></body></html>'
    )


def geometry(html: str, width: int, tmp_path: Path) -> dict:
    """Chromium's measurements of ``html`` in a viewport ``width`` CSS pixels wide."""
    page = tmp_path / f"geometry-{width}.html"
    page.write_text(
        in_viewport(html.replace("</body>", GEOMETRY_SCRIPT + "</body>"), width), "utf-8"
    )
    dom = _chromium(
        tmp_path,
        f"--window-size={max(width, 500) + 20},900",
        "--virtual-time-budget=10000",
        "--dump-dom",
        page.as_uri(),
    ).stdout
    found = re.search(r'data-geometry="([^"]*)"', dom)
    assert found, "the measuring script did not run"
    return json.loads(htmllib.unescape(found.group(1)))


def screenshot(html: str, width: int, height: int, target: Path, tmp_path: Path) -> Path:
    """A PNG of the top ``height`` pixels of ``html`` in a viewport ``width`` wide."""
    page = tmp_path / f"shot-{width}.html"
    page.write_text(in_viewport(html, width, height), "utf-8")
    _chromium(
        tmp_path,
        f"--window-size={max(width, 500)},{height}",
        f"--screenshot={target}",
        page.as_uri(),
    )
    return target


def chromium_pdf(html: str, tmp_path: Path, name: str = "chromium.pdf") -> Path:
    """``html`` printed to PDF by Chromium (page size and margins from its CSS)."""
    page = tmp_path / (name + ".html")
    page.write_text(html, "utf-8")
    pdf = tmp_path / name
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return pdf


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf`` (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    """The first page's width and height in points (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    return float(found.group(1)), float(found.group(2))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text poppler reads from ``pdf`` (one page, or all), NFC, spaces collapsed."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(
        ["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFC", text))


def missing_names(names, text: str) -> list[str]:
    """The ``names`` that do not come back from a PDF's ``text`` as written. Both sides are
    compared NFKC-normalised: a PDF may map Arabic glyphs to presentation forms (U+FExx),
    which are the same letters."""
    readable = unicodedata.normalize("NFKC", text)
    return [name for name in names if unicodedata.normalize("NFKC", name) not in readable]


def pages_holding_only(pdf: Path, allowed: list[str]) -> list[int]:
    """The pages whose text is nothing but ``allowed`` pieces (running title, page number,
    footer): pages a reader would turn to and find empty."""
    bare = []
    for number in range(1, page_count(pdf) + 1):
        text = pdf_text(pdf, number)
        text = re.sub(r"page \d+ of \d+", "", text)
        for piece in allowed:
            text = text.replace(piece, "")
        if not re.sub(r"[\s·]", "", text):
            bare.append(number)
    return bare


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words as poppler boxes them: (top, bottom, left, right, text)."""
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    word = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
        r'yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        [
            (
                float(m.group(2)),
                float(m.group(4)),
                float(m.group(1)),
                float(m.group(3)),
                htmllib.unescape(m.group(5)),
            )
            for m in word.finditer(page)
        ]
        for page in layout.split("<page ")[1:]
    ]


def marks_off_their_word(pdf: Path) -> list[str]:
    """Note marks (``[3]``, ``[3][4]``) that do not touch the end of a word on their line:
    marks a reader would find alone at the start of a line."""
    lonely = []
    for number, words in enumerate(_words(pdf), 1):
        for top, bottom, left, _, text in words:
            if not re.fullmatch(r"(\[\d+\])+", text):
                continue
            if not any(
                abs(right - left) < 1.5 and other_top < bottom and top < other_bottom
                for other_top, other_bottom, _, right, _ in words
            ):
                lonely.append(f"page {number}: {text}")
    return lonely


def _punctuation(word: str) -> bool:
    return all(unicodedata.category(char)[0] == "P" for char in htmllib.unescape(word))


def overlapping_words(pdf: Path) -> list[str]:
    """Pairs of words printed over each other, page by page: on one line (their vertical
    centres closer than a third of the shorter word's height, as poppler boxes them) and
    sharing more than a third of the narrower one's width. A third, not a half: poppler
    boxes a CJK word about twice as tall as its text, so at the notes' 7 pt two CJK words on
    consecutive lines have centres less than half a box apart. Lone punctuation is left
    out: poppler's box of a CJK run often reaches over the closing quote that follows it."""
    found = []
    for number, page in enumerate(_words(pdf), 1):
        words = sorted(w for w in page if not _punctuation(w[4]))
        for i, (top, bottom, left, right, text) in enumerate(words):
            for other_top, other_bottom, other_left, other_right, other in words[i + 1 :]:
                if other_top >= bottom:
                    break
                centres = abs((top + bottom) - (other_top + other_bottom)) / 2
                shorter = min(bottom - top, other_bottom - other_top)
                shared = min(right, other_right) - max(left, other_left)
                if (
                    centres < shorter / 3
                    and shared > min(right - left, other_right - other_left) / 3
                ):
                    found.append(f"page {number}: {text!r} over {other!r}")
    return found


def compile_latex(source: str, engine: str, tmp_path: Path) -> tuple[Path, str]:
    """``source`` compiled twice by ``engine`` (the second run settles "page X of Y");
    the PDF and the last run's log."""
    folder = tmp_path / engine
    folder.mkdir(exist_ok=True)
    (folder / "handout.tex").write_text(source, "utf-8")
    for _ in range(2):
        done = subprocess.run(
            [
                engine,
                "-no-shell-escape",
                "-interaction=nonstopmode",
                "-halt-on-error",
                "handout.tex",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout[-3000:]
    return folder / "handout.pdf", (folder / "handout.log").read_text("utf-8", "replace")


def overfull_boxes(log: str, tolerance_pt: float = 1.0) -> list[str]:
    """Every overfull box of a TeX log wider (or taller) than ``tolerance_pt``."""
    return [
        m.group(0)
        for m in re.finditer(r"Overfull \\[hv]box \(([\d.]+)pt too \w+\)[^\n]*", log)
        if float(m.group(1)) > tolerance_pt
    ]


def missing_characters(log: str) -> list[str]:
    """TeX's "Missing character" lines: glyphs no loaded font has."""
    return re.findall(r"Missing character: [^\n]*", log)
