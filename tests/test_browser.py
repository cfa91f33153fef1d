"""What a reader does with a real browser (Debian's Chromium through Playwright) on the built site."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_reader_follows_the_link_to_jalon_25_and_back(page):
    page.goto("jalons/22/")
    expect(page.locator("article h1")).to_have_text("Réseaux de collaboration pour des chaînes de valeur circulaires")
    expect(page.locator(".jalon-avancement")).to_contain_text("Niveau actuel : non évalué")
    page.get_by_role("link", name="jalon 25", exact=True).click()
    expect(page).to_have_url(re.compile(r"/jalons/25/$"))
    expect(page.locator("article")).to_contain_text("Fiche à venir")
    page.get_by_role("link", name=re.compile("Jalon 22 — Réseaux de collaboration")).click()
    expect(page).to_have_url(re.compile(r"/jalons/22/$"))


def test_resource_link_in_text_leads_to_its_entry(page):
    page.goto("jalons/22/")
    page.locator("article").get_by_role("link", name="CERIEC", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ressources/#ceriec$"))
    expect(page.locator("#ceriec")).to_contain_text("adresse à compléter")


def test_french_search_finds_the_fiche(page):
    page.goto("")
    page.keyboard.press("/")  # Material's shortcut to the search field
    page.keyboard.type("mutualisation")
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text("mutualisation", timeout=15000)
    expect(page.locator(".md-search-result__link").first).to_have_attribute("href", re.compile(r"jalons/22/"))


def test_mistyped_address_gives_a_french_page_with_the_ways_back(page):
    response = page.goto("jalons/222/")
    assert response.status == 404
    expect(page.locator("article h1")).to_have_text("Page introuvable")
    page.get_by_role("link", name="Tous les jalons de la feuille de route").click()
    expect(page).to_have_url(re.compile(r"/jalons/$"))
    page.go_back()
    page.locator("article").get_by_role("link", name="Accueil des fiches jalons").click()
    expect(page.locator("article h1")).to_have_text("Fiches jalons")
