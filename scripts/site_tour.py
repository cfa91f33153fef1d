"""The built site as a reader meets it, shared by the tests, the screenshots and the benchmark:
one page of each type, the widths that matter, and a local server that serves the site under its
public path (that of site_url), as GitHub Pages does."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import re
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

# One page of each type (path under the site's address).
PAGE_TYPES = {
    "accueil": "",
    "index": "jalons/",
    "fiche": "jalons/22/",
    "fiche-version": "jalons/22/2025-07/",
    "fiche-a-venir": "jalons/25/",
    "ressources": "ressources/",
    "parties-prenantes": "parties-prenantes/",
    "partie-prenante": "parties-prenantes/milieu-affaires-travail/",
    "avancement": "avancement/",
    "nouveautes": "nouveautes/",
    "contribuer": "contribuer/",
    "format": "contribuer/format/",
    "donnees": "donnees/",
    "a-propos": "a-propos/",
    "page-introuvable": "page-absente/",
}
WIDTHS = {"ordinateur": 1280, "telephone": 390}

# Debian's Chromium: the browser readers run (Chrome's own layer around Blink), for Lighthouse, the
# screenshots and the benchmark.
CHROMIUM = Path("/usr/bin/chromium")
# Debian's headless shell of the same Chromium (same source package and version): Blink and V8 without
# Chrome's browser layer, which Playwright itself runs for headless tests. The tests drive it: a tab costs
# it 0.4 CPU-second instead of 1.05 in Chromium (measured), and a page is laid out the same, box for box
# (test_browser.py checks it).
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
# Debian's Chromium as root, with no connection of its own to the outside (the network is closed).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def site_path(project: Path = ROOT) -> str:
    """The path under which the site is served (that of site_url in mkdocs.yml), such as /fiches-jalons/."""
    match = re.search(r"^site_url: (\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return urlsplit(match.group(1)).path if match else "/"


COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"}


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection before the end of an answer (a page left while it loads) is
        # what readers' browsers do, not a fault: no traceback in the tests' output for it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@functools.lru_cache(maxsize=512)
def compressed(path: Path, mtime_ns: int, size: int) -> bytes:
    """A file as gzip sends it, compressed once per version of the file (its date and size are part of
    the key): the test pages load the same style sheets and scripts hundreds of times."""
    return gzip.compress(path.read_bytes(), mtime=0)


@contextlib.contextmanager
def served(directory: Path):
    """A built site served on the loopback under its public path, as on GitHub Pages and as a reader's
    browser reaches it: text compressed with gzip when the browser accepts it, and a missing page
    answering 404 with the site's 404.html. Yields its base URL."""

    class PagesLikeHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            requested = Path(self.translate_path(self.path))
            if requested.is_dir() and not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with its final slash
            path = requested / "index.html" if requested.is_dir() else requested
            if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED \
                    or not path.is_file():
                return super().send_head()
            stat = path.stat()
            body = compressed(path, stat.st_mtime_ns, stat.st_size)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def end_headers(self):
            # A site owner's consent to LinkChecker's full speed (it waits 0.1-0.6 s between requests otherwise).
            self.send_header("LinkChecker", "allow")
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            not_found_page = directory / "404.html"
            if code != 404 or not not_found_page.is_file():
                return super().send_error(code, message, explain)
            body = not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    with tempfile.TemporaryDirectory() as root:
        mount = Path(root) / site_path().strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(directory.resolve(), target_is_directory=True)
        server = QuietServer(("127.0.0.1", 0), functools.partial(PagesLikeHandler, directory=root))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}{site_path()}"
        finally:
            server.shutdown()
