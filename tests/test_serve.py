"""`mkdocs serve` rebuilds the fiche when its YAML file changes, as an editor expects."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from pypdf import PdfReader
from conftest import mkdocs_build, site_path

pytestmark = pytest.mark.lent  # mkdocs serve


FICHE = "content/jalons/22-reseaux-de-collaboration.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page at `url`, an error page's included (MkDocs serves its 404.html with the status 404); None when
    the server does not answer within 5 s."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@contextlib.contextmanager
def serving(project, **env):
    """`mkdocs serve` on the project: the base URL and the file of its output."""
    port = free_port()
    log = project.parent / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                                  stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}{site_path()}", log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_serve_reloads_when_content_changes(project):
    with serving(project) as (base, log):
        url = f"{base}jalons/22/"
        assert wait_for(lambda: "chaînes de valeur circulaires" in (fetch(url) or ""), 90), log.read_text()
        path = project / FICHE
        path.write_text(path.read_text(encoding="utf-8").replace(
            "titre: Réseaux de collaboration", "titre: Réseaux renouvelés de collaboration"), encoding="utf-8")
        assert wait_for(lambda: "Réseaux renouvelés de collaboration" in (fetch(url) or ""), 60), log.read_text()


def test_serve_shows_content_errors_in_the_browser_then_the_site_once_fixed(project):
    path = project / FICHE
    good = path.read_text(encoding="utf-8")
    broken = good.replace("titre: Réseaux de collaboration", "titre: [Réseaux de collaboration")
    path.write_text(broken, encoding="utf-8")
    report = "content/jalons/22-reseaux-de-collaboration.yml:"
    with serving(project, JALONS_PDF="false") as (base, log):
        # Started on broken content: the server runs, and every address answers with the French report.
        assert wait_for(lambda: report in (fetch(f"{base}jalons/22/") or ""), 90), log.read_text()
        for address in ("", "a-propos/", "jalons/", "nulle-part/"):
            page = fetch(base + address)
            assert page is not None and report in page and "le contenu a des erreurs" in page, address
            assert "<script" not in page.split("</pre>")[0].split("<pre>")[1]  # the quoted text stays text
        path.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "chaînes de valeur circulaires" in (fetch(f"{base}jalons/22/") or ""), 60), \
            log.read_text()
        # Broken again while serving: the report again, never a request left hanging; the key it quotes
        # is shown as text.
        path.write_text(good + '"<script>alert(1)</script>": x\n', encoding="utf-8")
        assert wait_for(lambda: report in (fetch(f"{base}jalons/22/") or ""), 60), log.read_text()
        assert "&lt;script&gt;" in fetch(f"{base}jalons/22/")
    assert "Erreurs dans le contenu" in log.read_text() and "appear stuck" not in log.read_text()


def pdfs_made(log: str) -> list[int]:
    """How many PDFs each build said it had to make (« PDF : N fait(s), M repris du cache »)."""
    return [int(number) for number in re.findall(r"PDF : (\d+) fait", log)]


def test_pdf_cache_serves_build_and_serve_alike(project):
    """`serve` prints the public address in the PDF, as `build` does: alternating them remakes no PDF."""
    first = mkdocs_build(project)
    assert first.returncode == 0 and pdfs_made(first.stderr) == [1], first.stderr
    with serving(project, JALONS_PDF="true") as (url, log):
        assert wait_for(lambda: fetch(url + "jalons/22/") is not None, 90), log.read_text()
        served = log.read_text()
    assert pdfs_made(served) == [0], served
    again = mkdocs_build(project)
    assert again.returncode == 0 and pdfs_made(again.stderr) == [0], again.stderr
    printed = " ".join(PdfReader(project / "site/jalons/22/fiche-jalon-22.pdf").pages[-1].extract_text().split())
    assert "https://rrecq.github.io/fiches-jalons/jalons/22/2025-07/" in printed and "127.0.0.1" not in printed
