"""/donnees/ as data catalogues harvest it: the Frictionless Data Package validated by `frictionless
validate`, the schema.org Dataset of the page, and the archive of the release."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import LICENCE, installed_command, page_jsonld

pytestmark = pytest.mark.lent  # built sites read by frictionless


def frictionless(package: Path) -> dict:
    command = installed_command("frictionless", "test")
    result = subprocess.run([command, "validate", "--json", str(package)], capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)


@pytest.mark.parametrize("which", ["built_site", "graph_site"])
def test_the_data_package_is_valid_with_a_schema_for_every_column(request, which):
    site = request.getfixturevalue(which)
    report = frictionless(site / "donnees/datapackage.json")
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:3000]
    package = json.loads((site / "donnees/datapackage.json").read_text(encoding="utf-8"))
    fiches = len(json.loads((site / "donnees/jalons.json").read_text(encoding="utf-8")))
    csv_task = next(task for task in report["tasks"] if task["name"] == "jalons-csv")
    assert csv_task["stats"]["rows"] == fiches and csv_task["stats"]["fields"] == 14
    assessed = next(task for task in report["tasks"] if task["name"] == "evaluations-csv")
    assert assessed["stats"].get("rows", 0) == (4 if which == "graph_site" else 0)  # one per jalon and campaign (none: no count)
    fields = {field["name"]: field["type"] for field in package["resources"][0]["schema"]["fields"]}
    assert (fields["numero"], fields["pivot"], fields["version"]) == ("integer", "boolean", "string")
    assert {resource["path"] for resource in package["resources"]} >= {"jalons.csv", "jalons.json", "ressources.json"}
    if which == "graph_site":
        assert package["licenses"] == [{"name": LICENCE["spdx"], "title": LICENCE["nom"], "path": LICENCE["url"]}]
    else:
        assert "licenses" not in package  # the RRECQ has not chosen one: none is invented


def test_the_validator_does_find_a_table_that_breaks_its_schema(built_site, tmp_path):
    folder = tmp_path / "donnees"
    shutil.copytree(built_site / "donnees", folder)
    csv = (folder / "jalons.csv").read_bytes()
    assert b"\r\n22," in csv
    (folder / "jalons.csv").write_bytes(csv.replace(b"\r\n22,", b"\r\nvingt-deux,", 1))  # a number that is not one
    report = frictionless(folder / "datapackage.json")
    assert not report["valid"]
    assert "type-error" in json.dumps(report)


@pytest.mark.parametrize("which", ["built_site", "graph_site"])
def test_the_data_page_describes_a_dataset_for_catalogues(request, which):
    site = request.getfixturevalue(which)
    dataset = page_jsonld(site / "donnees/index.html")
    assert dataset["@type"] == "Dataset" and 50 <= len(dataset["description"]) <= 5000
    assert dataset["url"] == "https://rrecq.github.io/fiches-jalons/donnees/"
    downloads = {entry["name"]: entry for entry in dataset["distribution"]}
    assert {"jalons.csv", "jalons.json", "ressources.json", "datapackage.json", "fiches-jalons.zip"} <= set(downloads)
    for name, entry in downloads.items():
        assert entry["contentUrl"] == f"https://rrecq.github.io/fiches-jalons/donnees/{name}"
        assert (site / "donnees" / name).is_file()  # every download announced is published
    assert dataset.get("license") == (LICENCE["url"] if which == "graph_site" else None)


def test_the_release_archive_holds_every_pdf_and_data_file_as_published(built_site):
    archive = zipfile.ZipFile(io.BytesIO((built_site / "donnees/fiches-jalons.zip").read_bytes()))
    assert archive.testzip() is None
    names = set(archive.namelist())
    published = {f"fiches-jalons/{path.relative_to(built_site).as_posix()}" for path in built_site.rglob("*")
                 if path.suffix == ".pdf" or (path.parent.name == "donnees" and path.suffix in {".json", ".csv"})}
    assert "fiches-jalons/jalons/22/fiche-jalon-22.pdf" in names and "fiches-jalons/donnees/jalons.csv" in names
    assert published <= names
    for name in published:
        assert archive.read(name) == (built_site / name.removeprefix("fiches-jalons/")).read_bytes(), name
