"""`mkdocs serve` rebuilds the fiche when its YAML file changes, as an editor expects."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import site_path


FICHE = "content/jalons/22-reseaux-de-collaboration.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_reloads_when_content_changes(project):
    port = free_port()
    url = f"http://127.0.0.1:{port}{site_path()}jalons/22/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = project.parent / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        assert wait_for(lambda: "chaînes de valeur circulaires" in (fetch(url) or ""), 90), log.read_text()
        path = project / FICHE
        path.write_text(path.read_text(encoding="utf-8").replace(
            "titre: Réseaux de collaboration", "titre: Réseaux renouvelés de collaboration"), encoding="utf-8")
        assert wait_for(lambda: "Réseaux renouvelés de collaboration" in (fetch(url) or ""), 60), log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
