"""check-quotes against hostile pages, every one served on 127.0.0.1 by the test itself:
slow servers, quadratic markup, codecs that are no charsets, private addresses, invisible
characters, many hosts, Retry-After, and the memory a run holds."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from cli.quotes import fetch
from cli.quotes.pagetext import Unreadable, visible_text
from cli.quotes.quotecheck import Check, Options, check
from tests.conftest import dataset_copy
from tests.localsite import QuietHandler, serving

R = "2020-springfield-mayor"
SECRET = "internal-secret-7731"
QUOTE = "We will cap rents for older buildings"


class _Handler(QuietHandler):
    protocol_version = "HTTP/1.1"
    hits: dict = {}

    def do_GET(self):  # noqa: N802 - the http.server name
        path = self.path.split("?")[0]
        count = self.hits[path] = self.hits.get(path, 0) + 1
        if path == "/slow-headers":  # one byte of the headers at a time
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X: " + b"y" * 200:
                if not self._raw(bytes([byte])):
                    return
                time.sleep(0.05)
        elif path == "/slow-body":
            self._head(200, {"Content-Type": "text/html", "Content-Length": "400"})
            for _ in range(400):
                if not self._raw(b"x"):
                    return
                time.sleep(0.05)
        elif path.startswith("/charset/"):
            label = path.rsplit("/", 1)[1]
            self._send(200, f"<p>{QUOTE}.</p>".encode(), f"text/html; charset={label}")
        elif path.startswith("/meta/"):
            label = path.rsplit("/", 1)[1]
            self._send(200, f'<meta charset="{label}"><p>{QUOTE}.</p>'.encode(), "text/html")
        elif path == "/utf16":
            self._send(200, f"<p>{QUOTE}, Álvarez said.</p>".encode("utf-16"), "text/html")
        elif path == "/gzip":
            self._send(
                200,
                gzip.compress(f"<p>{QUOTE}.</p>".encode()),
                "text/html",
                {"Content-Encoding": "gzip"},
            )
        elif path == "/soft":
            self._send(
                200,
                "<p>We will cap rents for ol\u00adder build\u200bings.</p>".encode(),
                "text/html; charset=utf-8",
            )
        elif path == "/secret":
            self._send(200, f"<p>{SECRET} {QUOTE[:20]}</p>".encode(), "text/html")
        elif path == "/hop":
            self._send(
                302,
                b"",
                "text/html",
                {"Location": f"http://127.0.0.2:{self.server.server_address[1]}/secret"},
            )
        elif path.startswith("/page"):  # a slow page, 0.3 s
            time.sleep(0.3)
            self._send(200, f"<p>{QUOTE}.</p>".encode(), "text/html")
        elif path == "/busy":
            if count == 1:
                self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self._send(200, f"<p>{QUOTE}.</p>".encode(), "text/html")
        elif path == "/busy-long":
            self._send(503, b"later", "text/plain", {"Retry-After": "3600"})
        elif path.startswith("/big"):
            self._send(200, b"<p>" + (QUOTE.encode() + b". ") * 25_000 + b"</p>", "text/html")
        else:
            self._send(404, b"<p>not here</p>", "text/html")

    def _raw(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:
            return False

    def _head(self, status, headers):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def _send(self, status, body, kind, extra=None):
        self._head(
            status, {"Content-Type": kind, "Content-Length": str(len(body)), **(extra or {})}
        )
        self._raw(body)


@pytest.fixture(scope="module")
def server():
    with serving(_Handler) as base:
        yield int(base.rsplit(":", 1)[1])


def _item(url: str, quote: str = QUOTE) -> Check:
    return Check("r/c.yaml", 1, "r", "c", "topic", "t", "s", url, quote)


def _dataset(tmp_path: Path, urls: dict[str, str]) -> Path:
    """The base dataset whose okafor cites each of ``urls`` (source id -> url) for QUOTE."""
    root = dataset_copy(tmp_path)
    sources = "".join(
        f"{sid}:\n  title: {sid}\n  publisher: P\n  url: {url}\n" for sid, url in urls.items()
    )
    cites = "".join(f"      - source: {sid}\n        quote: {QUOTE}.\n" for sid in urls)
    with open(root / R / "sources.yaml", "a", encoding="utf-8") as handle:
        handle.write(sources)
    (root / R / "okafor.yaml").write_text(
        "name: Chidi Okafor\npositions:\n  rent-control:\n    stance: support\n"
        f"    summary: Caps.\n    citations:\n{cites}",
        "utf-8",
    )
    return root


# 1. The whole page within --timeout; Ctrl-C at once --------------------------------------


@pytest.mark.parametrize("path", ["/slow-headers", "/slow-body"])
def test_timeout_bounds_the_whole_page(server, path):
    started = time.monotonic()
    page = fetch.fetch(f"http://127.0.0.1:{server}{path}", 1.0, allow_private=True)
    assert time.monotonic() - started < 2.0
    assert page.body is None and "timed out after 1 s" in page.error


def test_ctrl_c_ends_check_quotes_at_once_with_130(tmp_path, server):
    root = _dataset(
        tmp_path, {f"s{n}": f"http://127.0.0.1:{server}/slow-body?{n}" for n in range(4)}
    )
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "--data",
            str(root),
            "check-quotes",
            "okafor",
            "--allow-private",
            "--timeout",
            "60",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")},
    )
    time.sleep(1.5)
    child.send_signal(signal.SIGINT)
    started = time.monotonic()
    out, err = child.communicate(timeout=20)
    assert time.monotonic() - started < 2.0
    assert child.returncode == 130 and out == "" and "Traceback" not in err


# 2. Text extraction in linear time, bounded -----------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<p>" + "<a " * 10_000,
        "<p>" + "<a b='x " * 4_000,
        "<!-- " * 6_000,
        "<" * 30_000,
        "<div>" * 6_000,
    ],
)
def test_hostile_markup_is_read_in_linear_time(page):
    started = time.monotonic()
    visible_text(page)
    small = time.monotonic() - started
    started = time.monotonic()
    visible_text(page * 20)
    assert time.monotonic() - started < max(0.5, 40 * small)  # 20 x the input, not 400 x


def test_text_extraction_time_is_bounded():
    with pytest.raises(Unreadable, match="took over"):
        visible_text("<b>x</b>" * 200_000, max_seconds=0.0)
    assert visible_text("<p>a<script>b</script>c<svg/>d</p><br>e") == "\nacd\n\ne"


# 3. Charsets: text encodings only; UTF-16 BOM and gzip decoded ----------------------------


def test_codecs_that_are_not_charsets_make_the_page_unreadable(run, tmp_path, server):
    base = f"http://127.0.0.1:{server}"
    urls = {
        f"h-{label}": f"{base}/charset/{label}"
        for label in ("base64", "rot13", "idna", "zlib", "no-such-charset")
    }
    urls |= {"m-base64": f"{base}/meta/base64", "utf16": f"{base}/utf16", "gz": f"{base}/gzip"}
    root = _dataset(tmp_path, urls)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for offline in ([], ["--offline"]):
        result = run(
            "check-quotes",
            "okafor",
            "--allow-private",
            *offline,
            "--format",
            "json",
            data=root,
            env=env,
        )
        got = {r["source"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)}
        assert result.exit_code == 0, result.stderr
        assert got["utf16"] == ("found", "") and got["gz"] == ("found", "")
        for sid in urls:
            if sid not in ("utf16", "gz"):
                assert got[sid][0] in ("unreadable", "unreachable"), (sid, offline)
        assert "not a text encoding" in got["h-base64"][1]


# 4. Private addresses refused, at every hop ------------------------------------------------


def test_private_addresses_are_blocked_unless_allowed(run, tmp_path, server):
    root = _dataset(tmp_path, {"inside": f"http://127.0.0.1:{server}/secret"})
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    _Handler.hits.pop("/secret", None)
    result = run("check-quotes", "okafor", data=root, env=env)
    assert SECRET not in result.stdout + result.stderr
    assert "BLOCKED" in result.stdout and "a loopback address" in result.stdout
    assert "/secret" not in _Handler.hits  # not even asked
    allowed = run("check-quotes", "okafor", "--allow-private", data=root, env=env)
    assert "NOT-FOUND" in allowed.stdout


def test_every_redirect_hop_is_checked(server, monkeypatch):
    real = fetch.blocked_reason
    monkeypatch.setattr(
        fetch,
        "blocked_reason",  # 127.0.0.1 plays a public server here
        lambda a: None if a == "127.0.0.1" else real(a),
    )
    page = fetch.fetch(f"http://127.0.0.1:{server}/hop", 5)
    assert page.failure == "blocked" and "127.0.0.2" in page.error and page.body is None
    for address in (
        "169.254.169.254",
        "10.1.2.3",
        "::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "fd00::1",
        "192.168.1.1",
        "224.0.0.1",
    ):
        assert real(address), address
    assert real("93.184.216.34") is None


# 5. Invisible characters, --strict and an honest summary -------------------------------------


def test_soft_hyphens_and_zero_width_characters_do_not_hide_a_quote(server):
    done = check([_item(f"http://127.0.0.1:{server}/soft")], Options(allow_private=True))
    assert done[0].status == "found", done[0].detail


def test_strict_fails_on_anything_but_found_and_the_summary_says_why(run, tmp_path, server):
    root = _dataset(
        tmp_path,
        {
            "good": f"http://127.0.0.1:{server}/gzip",
            "dead": f"http://127.0.0.1:{server}/nothing-here",
        },
    )
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    lenient = run("check-quotes", "okafor", "--allow-private", data=root, env=env)
    assert lenient.exit_code == 0
    assert (
        lenient.stdout.splitlines()[-1]
        == "2 citation(s): 1 found, 0 not found, 1 unverified (1 unreachable)"
    )
    strict = run("check-quotes", "okafor", "--allow-private", "--strict", data=root, env=env)
    assert strict.exit_code == 1


# 6. Fair across hosts, Retry-After, one page per worker, a bounded cache ---------------------


def test_pages_are_scheduled_across_hosts(server):
    hosts = ["127.0.0.1", "127.1", "2130706433", "0x7f000001"]  # four names of 127.0.0.1
    items = [_item(f"http://{h}:{server}/page{n}") for h in hosts for n in range(5)]
    started = time.monotonic()
    done = check(items, Options(jobs=4, allow_private=True, refresh=True))
    elapsed = time.monotonic() - started
    assert [d.status for d in done] == ["found"] * 20
    assert elapsed < 2.7, elapsed  # 5 pages of 0.3 s per host, the hosts side by side


def test_retry_after_is_honoured_within_a_bound(server):
    started = time.monotonic()
    done = check(
        [_item(f"http://127.0.0.1:{server}/busy"), _item(f"http://127.0.0.1:{server}/busy-long")],
        Options(allow_private=True, refresh=True),
    )
    assert [d.status for d in done] == ["found", "unreachable"]
    assert "HTTP 503" in done[1].detail
    assert 1.0 <= time.monotonic() - started < 5


@pytest.mark.slow  # 100 pages of 5 MB: seconds of transfer
def test_a_worker_holds_one_page_at_a_time(server, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch, "keep", lambda page, folder=None: None)
    items = [_item(f"http://127.0.0.1:{server}/big{n}") for n in range(16)]
    tracemalloc.start()
    try:
        done = check(items, Options(jobs=2, allow_private=True, refresh=True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.status for d in done] == ["found"] * 16
    assert peak < 30 * 2**20, peak / 2**20  # 16 pages of 1 MB; two (and their text) at once


def test_the_page_cache_is_bounded_oldest_first(tmp_path):
    folder = tmp_path / "pages"
    for n in range(10):
        fetch.keep(fetch.Page(f"http://example.org/{n}", body=b"x" * 100_000), folder)
        for path in folder.glob(f"{fetch._key(f'http://example.org/{n}')}.*"):
            os.utime(path, (1000 + n, 1000 + n))
    fetch.prune(folder, limit=350_000)
    kept = [n for n in range(10) if fetch.cached(f"http://example.org/{n}", folder)]
    assert kept == [7, 8, 9]
