"""The contribution form in Chromium, then the email it prepares applied to the YAML: end to end."""

from __future__ import annotations

import email.policy
import json
import re
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import jalons_command

from jalons.site.typography import french
from playwright.sync_api import expect
from ruamel.yaml import YAML

pytestmark = pytest.mark.lent  # a browser on the built site

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"
HOSTILE = "Première ligne & suite ? oui # non + plus 100 %\nDeuxième ligne « citée » été 😀\n  indentée: deux-points"


def decode_mailto(url: str) -> tuple[str, dict[str, str]]:
    """Address and header fields of a mailto: URL, as a mail program reads it (RFC 6068)."""
    assert url.startswith("mailto:")
    address, _, query = url[len("mailto:"):].partition("?")
    fields = {}
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        fields[name] = unquote(value)
    return unquote(address), fields


def fill_and_send(page, section: str, proposition: str, **optional: str) -> str:
    form = page.locator("form.jalon-formulaire")
    form.get_by_label("Section concernée").select_option(section)
    form.get_by_label("Votre proposition (obligatoire)").fill(proposition)
    for label, value in optional.items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name="Préparer le courriel").click()
    expect(form.locator(".jalon-formulaire__resultat")).to_be_visible()
    return form.get_attribute("data-mailto")


def test_form_prepares_an_exact_mailto(page):
    page.goto("jalons/22/")
    url = fill_and_send(page, "leviers", HOSTILE, **{"Nom (facultatif)": "Anne Émond",
                                                     "Courriel (facultatif)": "anne@exemple.org"})
    # Every reserved character is encoded: the URL has exactly its two separators.
    assert url.count("?") == 1 and url.count("&") == 1 and "#" not in url and " " not in url and "\n" not in url
    address, fields = decode_mailto(url)
    assert address == "info@rrecq.ca"
    assert set(fields) == {"subject", "body"}
    # The section as the form shows it (French typography).
    assert fields["subject"] == "[Jalon 22] Proposition : " + french("Comment pourrait-on s'y rendre?")
    assert "%0D%0A" in url  # line breaks as CRLF
    body = fields["body"].replace("\r\n", "\n")
    assert "Voici une proposition pour la fiche du jalon 22, « Réseaux de collaboration pour des chaînes de " \
           "valeur circulaires » (version : juillet 2025), section « " + french("Comment pourrait-on s'y rendre?") + \
           " »." in body
    # Each typed text once, in the block that `jalons suggestion apply` reads.
    assert body.count("Première ligne") == 1 and body.count("Anne Émond") == 1
    # Several lines read as typed, as YAML block text: staff read these emails before applying them.
    assert "proposition: |-\n" + "".join(f"  {line}\n" for line in HOSTILE.split("\n")) in body
    assert 'nom: "Anne Émond"' in body
    # The link shown when no mail program opens is the same URL; the message is there to copy.
    result = page.locator(".jalon-formulaire__resultat")
    assert result.locator(".jalon-formulaire__ordinaire a").get_attribute("href") == url
    expect(result.locator(".jalon-formulaire__long")).to_be_hidden()
    assert result.locator("textarea").input_value() == body


@pytest.mark.parametrize("text", ["Une ligne qui finit par une espace \nsuite", " Commence par une espace\nsuite",
                                  "Première ligne\nFrom Québec, une ligne que les serveurs récrivent",
                                  "Un caractère de contrôle \x0b\nsuite", "Une seule ligne : « citée » # 100 %"])
def test_a_text_that_block_text_would_not_give_back_exactly_is_quoted(page, text):
    page.goto("jalons/22/")
    body = decode_mailto(fill_and_send(page, "leviers", text))[1]["body"].replace("\r\n", "\n")
    assert f"proposition: {json.dumps(text, ensure_ascii=False)}\n" in body


def test_a_long_proposition_is_not_sent_by_a_link_that_could_be_cut(page, project):
    """2,000 accented characters: the reader is told before anything opens, and the message to copy
    applies as it is."""
    page.goto("jalons/22/")
    opened = []
    page.on("framenavigated", lambda frame: opened.append(frame.url))
    long_text = "Une proposition détaillée, évaluée à Québec. " * 45
    url = fill_and_send(page, "freins", long_text.strip())
    assert len(url) > 1800
    result = page.locator(".jalon-formulaire__resultat")
    expect(result.locator(".jalon-formulaire__long")).to_be_visible()
    expect(result.locator(".jalon-formulaire__ordinaire")).to_be_hidden()
    assert not [address for address in opened if address.startswith("mailto:")]
    body = result.locator("textarea").input_value()
    assert body.count("Une proposition détaillée") == 45
    message = project.parent / "copie.txt"
    message.write_text(body, encoding="utf-8")
    applied = jalons_command("suggestion", "apply", str(message), cwd=project)
    assert applied.returncode == 0, applied.stderr


def test_level_field_only_for_the_progress_section(page):
    page.goto("jalons/22/")
    form = page.locator("form.jalon-formulaire")
    expect(form.get_by_label(french("Niveau d'avancement proposé"))).to_be_hidden()
    form.get_by_label("Section concernée").select_option("avancement")
    expect(form.get_by_label(french("Niveau d'avancement proposé"))).to_be_visible()


def test_proposition_is_required(page):
    page.goto("jalons/22/")
    page.locator("form.jalon-formulaire").get_by_role("button", name="Préparer le courriel").click()
    expect(page.locator(".jalon-formulaire__resultat")).to_be_hidden()
    assert page.locator("form.jalon-formulaire").get_attribute("data-mailto") is None


def test_without_javascript_a_plain_mailto_link_remains(browser, site_url, built_site):
    html = BeautifulSoup((built_site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser")
    link = html.select_one(".jalon-contribuer__sans-script a")
    address, fields = decode_mailto(link["href"])
    assert address == "info@rrecq.ca" and fields["subject"].startswith("[Jalon 22]")
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("jalons/22/")
    expect(tab.locator(".jalon-contribuer__sans-script a")).to_be_visible()
    expect(tab.locator("form.jalon-formulaire")).to_be_hidden()
    context.close()


def test_form_is_labelled_and_keyboard_usable(page):
    page.goto("jalons/22/")
    form = page.locator("form.jalon-formulaire")
    form.get_by_label("Section concernée").focus()
    page.keyboard.press("Tab")
    expect(form.get_by_label("Votre proposition (obligatoire)")).to_be_focused()
    page.keyboard.type("Ajouter un exemple.")
    for _ in range(4):  # nom, organisation, courriel, then the button
        page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Préparer le courriel")).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.locator(".jalon-formulaire__resultat")).to_be_visible()


def email_file(folder: Path, url: str, *, flowed: bool = False) -> Path:
    """The email a mail program sends from the mailto: URL, saved as .eml by the RRECQ."""
    address, fields = decode_mailto(url)
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "anne@exemple.org"
    message["To"] = address
    message["Subject"] = fields["subject"]
    message.set_content(fields["body"].replace("\r\n", "\n"))
    path = folder / "proposition.eml"
    if flowed:
        # A client that wraps long lines with format=flowed (RFC 3676): soft breaks after a space.
        body = fields["body"].replace("\r\n", "\n")
        wrapped = []
        for line in body.split("\n"):
            while len(line) > 60 and " " in line[20:60]:
                cut = line.rindex(" ", 20, 60) + 1
                wrapped.append(line[:cut])
                line = line[cut:]
            wrapped.append(line)
        raw = ("From: anne@exemple.org\r\nTo: info@rrecq.ca\r\nSubject: proposition\r\nMIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
               + "\r\n".join(wrapped) + "\r\n")
        path.write_bytes(raw.encode("utf-8"))
    else:
        path.write_bytes(message.as_bytes())
    return path


@pytest.mark.parametrize("flowed", [False, True], ids=["eml", "eml-format-flowed"])
def test_form_email_applies_to_the_yaml(page, project, flowed):
    page.goto("jalons/22/")
    url = fill_and_send(page, "leviers", HOSTILE)
    original = (project / FICHE).read_text(encoding="utf-8")
    result = jalons_command("suggestion", "apply", str(email_file(project.parent, url, flowed=flowed)), cwd=project)
    assert result.returncode == 0, result.stderr
    updated = (project / FICHE).read_text(encoding="utf-8")
    leviers = YAML(typ="safe").load(updated)["leviers"]
    assert leviers[-1] == HOSTILE
    assert len(leviers) == 7
    # Comments and key order are kept: only the new item is added.
    assert updated.startswith(original.split("leviers:")[0])
    assert [line for line in original.splitlines() if line.startswith("#")] == \
           [line for line in updated.splitlines() if line.startswith("#")]
    assert re.findall(r"^\w+:", original, re.M) == re.findall(r"^\w+:", updated, re.M)
    assert "+  - |-" in result.stdout and "Première ligne & suite" in result.stdout
    assert jalons_command("check", cwd=project).returncode == 0


def test_general_form_sets_a_progress_level(page, project):
    page.goto("contribuer/")
    form = page.locator("form.jalon-formulaire")
    form.get_by_label("Fiche concernée").select_option("22")
    form.get_by_label("Section concernée").select_option("avancement")
    form.get_by_label(french("Niveau d'avancement proposé")).select_option("en-route")
    form.get_by_label("Votre proposition (obligatoire)").fill("Des comités existent déjà dans plusieurs régions.")
    form.get_by_role("button", name="Préparer le courriel").click()
    url = form.get_attribute("data-mailto")
    _address, fields = decode_mailto(url)
    assert fields["subject"] == "[Jalon 22] Proposition : " + french("Niveau d'avancement")
    text_file = project.parent / "corps.txt"
    text_file.write_text(fields["body"], encoding="utf-8")  # a body pasted into a text file
    result = jalons_command("suggestion", "apply", str(text_file), cwd=project)
    assert result.returncode == 0, result.stderr
    # A level is no fiche's: it goes, with the reader's reasons, to the assessment campaign in preparation.
    from jalons.editing.scaffold import current_month

    campaign = YAML(typ="safe").load((project / f"content/evaluations/{current_month()}.yml").read_text(encoding="utf-8"))
    assert campaign["jalons"] == {22: {"niveau": "en-route",
                                       "justification": "Des comités existent déjà dans plusieurs régions."}}
    assert jalons_command("check", cwd=project).returncode == 0
