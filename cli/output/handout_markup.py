"""Render a :class:`cli.queries.handout_model.Handout` as standalone HTML, Markdown or LaTeX.

The three formats share one model and differ only in their template and in how data text
is escaped. Escaping is never left to the template author: HTML templates autoescape, and
the Markdown and LaTeX environments pass every interpolated value through their escaper
(``finalize``), so only markup the renderer made (macros' output, URLs and style values
made safe for that format, as ``markupsafe.Markup``) goes out as it is. Every format
NFC-normalises text. A PDF is the HTML laid out by WeasyPrint (cli/output/pdf.py).
"""

from __future__ import annotations

from urllib.parse import quote

from cli.output import escape
from cli.queries.handout_model import TOPIC_MM, Handout

_TEMPLATES = {"html": "handout.html.j2", "markdown": "handout.md.j2", "latex": "handout.tex.j2"}
#: URL characters that may stay as they are in a Markdown autolink or a LaTeX \url.
_URL_SAFE = "/:?=&;,@+$-_.!*'()[]~%#"
#: Font families tried in order, per script, by the HTML (as a CSS list) and by LaTeX (the
#: first one installed is used). Noto covers every script a handout must show.
FONTS = {
    "latin": ("Noto Serif", "DejaVu Serif", "FreeSerif"),
    "arabic": ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans"),
    "cjk": ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Droid Sans Fallback"),
}
_CSS_FALLBACK = ("Georgia", "Times New Roman", "serif")
#: Polyglossia's name of each handout language: its hyphenation patterns and conventions.
LATEX_LANGUAGES = {"en": "english", "es": "spanish"}


def _finalizer(escaper):
    """Every value printed goes through ``escaper``, except markup already made: a macro's
    output, or a URL or style value the renderer made safe (``markupsafe.Markup``)."""
    import markupsafe

    def finalize(value):
        if hasattr(value, "__html__"):
            return value
        return markupsafe.Markup(escaper("" if value is None else value))

    return finalize


def _joiner(escaper):
    """The ``join`` filter for Markdown and LaTeX: items escaped by the format's escaper
    (Jinja's own would escape them as HTML)."""
    import markupsafe

    def join(items, separator=""):
        return markupsafe.Markup(
            escaper(separator).join(
                item if hasattr(item, "__html__") else escaper(item) for item in items
            )
        )

    return join


def _html_finalize(value):
    """Control characters made visible and text NFC-normalised before autoescaping;
    numbers and already-safe markup pass as they are."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return escape.prepare(value)
    return value


def _markdown_url(url: str):
    import markupsafe

    return markupsafe.Markup(quote(url, safe=_URL_SAFE))


def _latex_url(url: str):
    import markupsafe

    return markupsafe.Markup(quote(url, safe=_URL_SAFE).replace("%", r"\%").replace("#", r"\#"))


def column_shares(handout: Handout) -> tuple[float, float]:
    """The share of the text width of the topic column and of each candidate's column in
    the ``columns`` layout; of the name and the position column in ``sections``."""
    if handout.layout == "sections":
        return 0.28, 0.72
    count = max(len(handout.people), 1)
    topic = round(max(TOPIC_MM / handout.paper.text_width_mm, min(0.25, 1 / (count + 2))), 3)
    return topic, int((1 - topic) / count * 1000) / 1000


#: Each script's LaTeX font: the macro that selects it (None: the main font) and its
#: fontspec features. TeX's ligatures and quote tricks are off everywhere: text prints as
#: written.
_LATEX_FONTS = (
    ("latin", None, "Ligatures=TeXOff"),
    ("arabic", "handoutarabicfont", "Script=Arabic,Ligatures=TeXOff,AutoFakeSlant=0.15"),
    ("cjk", "handoutcjkfont", "Ligatures=TeXOff,AutoFakeSlant=0.15"),
)


def latex_font_setup() -> str:
    """Preamble lines that pick, per script, the first installed font of its chain (with a
    warning, and the main font, when none is)."""
    lines = []
    for script, macro, features in _LATEX_FONTS:
        chain = FONTS[script]
        command = rf"\newfontfamily\{macro}" if macro else r"\setmainfont"
        code = rf"\PackageWarningNoLine{{handout}}{{No {script} font: install {chain[0]}}}"
        if macro:
            code += rf"\newcommand{{\{macro}}}{{}}"
        for family in reversed(chain):
            code = rf"\IfFontExistsTF{{{family}}}{{{command}{{{family}}}[{features}]}}{{{code}}}"
        lines.append(code)
    return "\n".join(lines)


def css_font_list() -> str:
    """The CSS ``font-family`` value: every script's chain, then common fallbacks."""
    names = [f for chain in FONTS.values() for f in chain] + list(_CSS_FALLBACK)
    return ", ".join(n if n == "serif" else f'"{n}"' for n in names)


def _environment(fmt: str):
    """The Jinja environment of ``fmt``.

    Every environment autoescapes, so that macros return markup that is not escaped twice;
    for Markdown and LaTeX the finalizer has already escaped each value for the format, and
    HTML escaping then leaves it alone."""
    import jinja2
    import markupsafe

    escaper = escape.latex if fmt == "latex" else escape.markdown
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cli", "templates"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_html_finalize if fmt == "html" else _finalizer(escaper),
    )
    if fmt == "html":
        env.filters["css_string"] = lambda text: markupsafe.Markup(escape.css_string(text))
        return env
    env.filters["url"] = _latex_url if fmt == "latex" else _markdown_url
    env.filters["runs"] = note_runs
    env.filters["join"] = _joiner(escaper)
    return env


def render(handout: Handout, fmt: str) -> str:
    """The handout as a complete document in ``fmt`` (html, markdown or latex)."""
    import markupsafe

    env, safe = _environment(fmt), markupsafe.Markup
    topic, cell = column_shares(handout)
    fonts = {script: tuple(safe(f) for f in chain) for script, chain in FONTS.items()}
    return env.get_template(_TEMPLATES[fmt]).render(
        h=handout,
        topic_share=safe(f"{topic:.3f}"),
        cell_share=safe(f"{cell:.3f}"),
        topic_percent=safe(f"{topic * 100:.1f}"),
        cell_percent=safe(f"{cell * 100:.1f}"),
        topic_permille=int(topic * 1000),
        cell_permille=int(cell * 1000),
        fonts=fonts,
        css_fonts=safe(css_font_list()),
        latex_fonts=safe(latex_font_setup()),
        latex_paper=safe(handout.paper.latex_options),
        latex_language=safe(LATEX_LANGUAGES[handout.lang]),
        note_columns=3 if handout.paper.landscape else 2,
    )


def note_runs(numbers) -> list[str]:
    """Note numbers as printed marks, three or more consecutive ones as a range:
    ``[1, 2, 3, 4, 7]`` gives ``["1\u20134", "7"]``, so a long run of marks stays short
    enough for a narrow column (LaTeX cannot break inside a word's marks)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    out: list[str] = []
    for run in runs:
        out += [f"{run[0]}\u2013{run[-1]}"] if len(run) > 2 else [str(n) for n in run]
    return out
