"""Contribution without a browser: suggestion blocks, `jalons suggestion apply`, `jalons new`, schemas,
and the repository conventions (workflow, pre-commit)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, jalons_command, mkdocs_build
from ruamel.yaml import YAML

from jalons.content.schema import SCHEMAS, json_schema_text
from jalons.content.suggestion import DEBUT, FIN, SuggestionError, parse

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"


def block(**fields) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "Bonjour,\n\nProposition : …\n\n" + "\n".join([DEBUT, *lines, FIN]) + "\n"


def apply_text(project: Path, text: str):
    message = project.parent / "message.txt"
    message.write_text(text, encoding="utf-8")
    return jalons_command("suggestion", "apply", str(message), cwd=project)


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_quoted_block_in_a_reply_still_parses():
    text = block(jalon=22, section="freins", proposition="Un frein.")
    quoted = "\n".join("> " + line for line in text.splitlines())
    assert parse(quoted).proposition == "Un frein."


@pytest.mark.parametrize("text, message", [
    ("Bonjour, sans bloc.", "aucun bloc de suggestion"),
    (block(jalon=22, section="leviers"), "« proposition »"),
    (block(jalon="vingt-deux", section="leviers", proposition="x"), "« jalon » : un nombre entier attendu"),
    (block(jalon=22, section="inconnue", proposition="x"), "section « inconnue » inconnue"),
    (block(jalon=22, section="leviers", proposition="x", pirate="y"), "clé inconnue dans la suggestion : pirate"),
])
def test_parse_refuses_what_it_cannot_read(text, message):
    with pytest.raises(SuggestionError, match=message):
        parse(text)


def test_new_resource_is_created_and_cited(project):
    result = apply_text(project, block(jalon=22, version="2025-07", section="ressources",
                                       proposition="CERIEC. 2023. Guide des symbioses. https://exemple.org/guide"))
    assert result.returncode == 0, result.stderr
    resource = project / "content/ressources/guide-des-symbioses.yml"
    assert load(resource) == {"titre": "Guide des symbioses", "auteur": "CERIEC", "annee": 2023, "type": "autre",
                              "url": "https://exemple.org/guide"}
    assert load(project / FICHE)["ressources"][-1] == "guide-des-symbioses"
    # Like every content file, it points editors at its schema.
    assert resource.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/ressource.schema.json\n")
    assert "/dev/null" in result.stdout  # the new file is part of the diff


def test_known_stakeholder_group_is_added_by_name(project):
    text = (project / "content/feuille-de-route.yml").read_text(encoding="utf-8")
    (project / "content/feuille-de-route.yml").write_text(
        text.replace("parties_prenantes:\n", "parties_prenantes:\n  - id: municipalites\n    nom: Municipalités\n"),
        encoding="utf-8")
    result = apply_text(project, block(jalon=22, section="mobiliser", proposition="municipalités"))
    assert result.returncode == 0, result.stderr
    assert load(project / FICHE)["mobiliser"][-1] == "municipalites"


def test_statement_is_replaced(project):
    result = apply_text(project, block(jalon=22, section="enonce", proposition="Un nouvel énoncé."))
    assert result.returncode == 0, result.stderr
    assert load(project / FICHE)["enonce"] == "Un nouvel énoncé."


@pytest.mark.parametrize("fields, message", [
    ({"jalon": 40, "section": "leviers", "proposition": "x"}, "aucune fiche pour le jalon 40"),
    ({"jalon": 22, "section": "mobiliser", "proposition": "Gouvernement"}, "partie prenante « Gouvernement » inconnue"),
    ({"jalon": 22, "section": "avancement", "niveau": "presque", "proposition": "x"}, "« presque » inconnu"),
    ({"jalon": 22, "section": "autre", "proposition": "x"}, "à la main"),
    # Valid as a suggestion, invalid as content: a link to a jalon outside the roadmap.
    ({"jalon": 22, "section": "freins", "proposition": "Voir [ici](jalon:99)."}, "jalon 99, qui n'existe pas"),
])
def test_refused_suggestion_changes_no_file(project, fields, message):
    before = {path: path.read_bytes() for path in (project / "content").rglob("*.yml")}
    result = apply_text(project, block(**fields))
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in (project / "content").rglob("*.yml")} == before


def test_broken_roadmap_file_is_reported_and_no_file_changes(project):
    roadmap = project / "content" / "feuille-de-route.yml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace("contact: info@rrecq.ca", "contact: [info"),
                       encoding="utf-8")
    before = (project / FICHE).read_bytes()
    result = apply_text(project, block(jalon=22, section="avancement", proposition="On se prépare"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "feuille-de-route.yml:" in result.stderr, result.stderr
    assert (project / FICHE).read_bytes() == before


def test_older_version_is_applied_with_a_warning(project):
    result = apply_text(project, block(jalon=22, version="2024-01", section="questions", proposition="Et ensuite ?"))
    assert result.returncode == 0
    assert ("Attention : la suggestion porte sur la version 2024-01 ; la fiche est en version 2025-07 : vérifiez "
            "qu'elle s'applique encore") in result.stderr


def test_the_current_version_or_none_is_applied_without_a_warning(project):
    for version in ("2025-07", ""):
        result = apply_text(project, block(jalon=22, version=version, section="questions",
                                           proposition=f"Une question {version or 'sans version'} ?"))
        assert result.returncode == 0, result.stderr
        assert "Attention" not in result.stderr


def test_new_fiche_is_checked_then_passes_once_filled(project):
    result = jalons_command("new", "5", "Un jalon d'essai", cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "content/jalons/05-un-jalon-d-essai.yml"
    assert path.is_file()
    check = jalons_command("check", cwd=project)
    assert check.returncode == 1 and "content/jalons/05-un-jalon-d-essai.yml:6:" in check.stderr  # enonce: ''
    yaml = YAML()
    yaml.preserve_quotes = True
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["enonce"] = "Un énoncé."
    data["pourquoi"].append("Parce que.")
    data["mobiliser"].append("developpement-territorial")
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    assert jalons_command("check", cwd=project).returncode == 0
    again = jalons_command("new", "5", "Autre titre", cwd=project)
    assert again.returncode == 1 and "déjà sa fiche" in again.stderr


def test_committed_schemas_are_the_generated_ones():
    for name in SCHEMAS:
        assert (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8") == json_schema_text(name), \
            "schemas/ is out of date: run `jalons schema`"


def test_content_files_point_editors_at_the_schemas():
    for path in (ROOT / "content").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path


def test_published_schema_accepts_fiche_22_and_rejects_an_unknown_key(built_site):
    schema = json.loads((built_site / "donnees" / "jalon.schema.json").read_text(encoding="utf-8"))
    fiche = load(ROOT / FICHE)
    jsonschema.validate(fiche, schema)
    with pytest.raises(jsonschema.ValidationError, match="auteur"):
        jsonschema.validate({**fiche, "auteur": "x"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**fiche, "version": "juillet 2025"}, schema)


def test_resource_and_roadmap_schemas_accept_the_content(built_site):
    ressource = json.loads((built_site / "donnees" / "ressource.schema.json").read_text(encoding="utf-8"))
    for path in (ROOT / "content/ressources").glob("*.yml"):
        jsonschema.validate(load(path), ressource)
    feuille = json.loads((built_site / "donnees" / "feuille-de-route.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(load(ROOT / "content/feuille-de-route.yml"), feuille)


def test_the_page_for_those_who_edit_files_links_each_fiche_to_its_yaml_on_the_forge(built_site):
    html = (built_site / "contribuer/depot/index.html").read_text(encoding="utf-8")
    assert ('<a href="https://github.com/rrecq/fiches-jalons/edit/main/content/jalons/22-reseaux-de-collaboration.yml">'
            "modifier le fichier 22-reseaux-de-collaboration.yml</a>") in html
    assert '<a href="https://github.com/rrecq/fiches-jalons">dépôt du projet</a>' in html


def test_format_page_documents_every_key_from_the_model(built_site):
    from jalons.content.model import FeuilleDeRoute, Jalon, Ressource

    html = (built_site / "contribuer/format/index.html").read_text(encoding="utf-8")
    for model in (Jalon, Ressource, FeuilleDeRoute):
        for key in model.model_fields:
            assert f"<code>{key}</code>" in html, key


@pytest.mark.lent
def test_every_way_to_write_uses_the_contact_of_the_roadmap_file(project):
    """The RRECQ changes its address in one place, feuille-de-route.yml, and the whole site follows."""
    roadmap = project / "content" / "feuille-de-route.yml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace(
        "contact: info@rrecq.ca", "contact: contributions@exemple.org"), encoding="utf-8")
    result = mkdocs_build(project, env={"JALONS_PDF": "false"})
    assert result.returncode == 0, result.stderr
    for page in ("a-propos", "contribuer", "jalons/22"):
        html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
        assert 'href="mailto:contributions@exemple.org' in html, page
        assert 'href="mailto:info@rrecq.ca' not in html or page == "jalons/22", page  # the fiche's « À propos » text names it


def test_pull_request_workflow_runs_what_ci_runs():
    workflow = YAML(typ="safe").load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["verifier"]["steps"]
    runs = [step["run"].strip().splitlines()[-1] for step in steps if "run" in step]
    assert runs[0] == "bash .ci/run"
    # Then the screenshots of every page type, from the site that CI built.
    assert runs[1:] == ["if [ -d site ]; then python scripts/screenshots.py --site site --output screenshots; fi"]
    uploads = [step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads == ["site/", "screenshots/"]
    assert "pull_request" in workflow["on"]  # YAML 1.2: « on » stays a key, not true
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    for command in ("jalons check", "mkdocs build --strict", "pytest"):
        assert command in ci


def test_pre_commit_runs_jalons_check():
    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "jalons check" for hook in hooks)


def test_publication_workflow_builds_with_full_history_and_deploys():
    workflow = YAML(typ="safe").load((ROOT / ".github/workflows/publication.yml").read_text(encoding="utf-8"))
    assert workflow["on"]["push"]["branches"] == ["main"]
    build = workflow["jobs"]["construire"]["steps"]
    checkout = next(step for step in build if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    commands = "\n".join(step.get("run", "") for step in build)
    assert "jalons check" in commands and "mkdocs build --strict" in commands
    assert "jalons verify site" in commands  # never publish a site without its fiches
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in build)
    assert workflow["jobs"]["publier"]["steps"][0]["uses"].startswith("actions/deploy-pages")
