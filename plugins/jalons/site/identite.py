"""The organisation's identity on the site and in the PDF: one palette from its colour, its logo or, without one,
a wordmark drawn from its acronym, the favicon, and the share images (1200×630) that link previews show."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..content.corpus import Corpus
from .kept import keep, read_kept
from ..content.couleurs import mix
from ..content.dates import mois_annee
from ..content.model import LANGUE
from . import urls

ASSETS_DIR = Path(__file__).parents[1] / "assets"

WHITE, BLACK = "#ffffff", "#000000"
SHARE_SIZE = (1200, 630)  # what Open Graph and social networks show in full width
FAVICON_SIZE = 64
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",  # the PDF's font (Debian's fonts-dejavu-core)
              "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DRAWING_VERSION = "3"  # part of the cache key: a change in how images are drawn remakes them


def palette(couleur: str) -> dict[str, str]:
    """Every shade the site and the PDF use, from the one colour: the darker ones for titles and hovered links
    (never a second hue that would clash), the pale ones for rules and backgrounds, never for text."""
    return {"couleur": couleur, "claire": mix(couleur, WHITE, 0.15), "foncee": mix(couleur, BLACK, 0.35),
            "filet": mix(couleur, WHITE, 0.75), "fond-doux": mix(couleur, WHITE, 0.94)}


def palette_css(couleur: str) -> str:
    """The custom properties the stylesheets read: Material's and ours (`--jalons-…`), for screen and print."""
    shades = palette(couleur)
    lines = [f"  --jalons-{name}: {value};" for name, value in shades.items()]
    lines += ["  --md-primary-fg-color: var(--jalons-couleur);",
              "  --md-primary-fg-color--light: var(--jalons-claire);",
              "  --md-primary-fg-color--dark: var(--jalons-foncee);",
              "  --md-accent-fg-color: var(--jalons-foncee);",
              f"  --md-accent-fg-color--transparent: {shades['couleur']}1a;"]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def wordmark_svg(sigle: str, couleur: str) -> str:
    """The organisation's acronym as a logo, for the header's colour bar: white letters beside a white ring, the
    loop of a circular economy. Its text is the acronym, so a screen reader or a missing font still says it."""
    width = 34 + 19 * len(sigle)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 32" width="{width}" height="32" '
            f'role="img" aria-label="{escape(sigle)}">'
            '<circle cx="14" cy="16" r="10" fill="none" stroke="#ffffff" stroke-width="4" '
            'stroke-dasharray="52 11" transform="rotate(-60 14 16)"/>'
            f'<text x="32" y="24" fill="#ffffff" font-family="DejaVu Sans, Verdana, Arial, sans-serif" '
            f'font-weight="700" font-size="22" textLength="{19 * len(sigle) - 2}" lengthAdjust="spacingAndGlyphs">'
            f'{escape(sigle)}</text></svg>\n')


def _font(size: int):
    from PIL import ImageFont  # only when an image is made: a build from the cache never imports Pillow

    for name in FONT_FILES:
        if Path(name).is_file():
            return ImageFont.truetype(name, size)
    return ImageFont.load_default(size)


def _png(image) -> bytes:
    output = io.BytesIO()
    image.save(output, "PNG", optimize=False, compress_level=6)
    return output.getvalue()


def favicon_png(sigle: str, couleur: str) -> bytes:
    """The acronym's first letter, white on the organisation's colour: what a browser's tab can show."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (FAVICON_SIZE, FAVICON_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, FAVICON_SIZE - 1, FAVICON_SIZE - 1), radius=12, fill=couleur)
    draw.text((FAVICON_SIZE / 2, FAVICON_SIZE / 2 + 2), sigle[:1], font=_font(44), fill=WHITE, anchor="mm")
    return _png(image)


@dataclass(frozen=True)
class Carte:
    """What a share image says: a small line above (« Jalon 22 »), the title, and who publishes it."""
    surtitre: str
    titre: str
    signature: str
    couleur: str

    def key(self) -> str:
        return _key("partage", self.surtitre, self.titre, self.signature, self.couleur)


def _key(*parts: str) -> str:
    """The cache's name for an image drawn from `parts`, in this version of the drawing."""
    return hashlib.sha256("\x1f".join([DRAWING_VERSION, *parts]).encode("utf-8")).hexdigest()[:32]


def _wrapped(text: str, font, width: int) -> list[str]:
    """`text` in lines that fit `width` pixels in `font`, cut between words (a word longer than a line stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def share_png(carte: Carte) -> bytes:
    from PIL import Image, ImageDraw

    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, carte.couleur)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 120, width, height), fill=palette(carte.couleur)["foncee"])
    draw.text((80, 70), carte.surtitre, font=_font(40), fill=mix(carte.couleur, WHITE, 0.8))
    size, font = 64, _font(64)
    lines = _wrapped(carte.titre, font, width - 160)
    if len(lines) > 4:  # a long statement: smaller, and cut with an ellipsis after five lines
        size, font = 46, _font(46)
        lines = _wrapped(carte.titre, font, width - 160)
        lines = lines[:5] if len(lines) <= 5 else [*lines[:4], lines[4].rstrip(".,;: ") + " …"]
    for index, line in enumerate(lines):
        draw.text((80, 150 + index * int(size * 1.25)), line, font=font, fill=WHITE)
    draw.text((80, height - 60), carte.signature, font=_font(30), fill=WHITE, anchor="lm")
    # Flat colours and white text: 32 colours keep the letters' edges and make the file a third of its size,
    # which a network's preview fetches and every build writes; the fast octree also makes it quicker to draw.
    return _png(image.quantize(colors=32, method=Image.Quantize.FASTOCTREE))


def _cached(key: str, draw: Callable[[], bytes], cache_dir: Path | None) -> bytes:
    """An image from the cache when it was drawn before from the same text and colour, else drawn (and kept). A
    cache that cannot be read or written only costs the drawing."""
    cached = cache_dir / f"{key}.png" if cache_dir is not None else None
    data = read_kept(cached) if cached is not None else None
    if data is None:
        data = draw()
        if cached is not None:
            keep(cached, data)
    return data


def share_image(carte: Carte, cache_dir: Path | None) -> bytes:
    """The share image of `carte`, from the cache when it was drawn before (the same text, the same colour)."""
    return _cached(carte.key(), lambda: share_png(carte), cache_dir)


def _cartes(corpus: Corpus) -> dict[str, Carte]:
    feuille = corpus.feuille_de_route
    couleur, organisation = feuille.identite.couleur, feuille.organisation
    cartes = {urls.partage(): Carte(feuille.sigle, feuille.nom, organisation, couleur)}
    cartes.update({urls.partage(numero): Carte(f"Jalon {numero} · fiche jalon", jalon.titre, organisation, couleur)
                   for numero, jalon in corpus.jalons.items()})
    return cartes


def identity_files(corpus: Corpus, cache_dir: Path | None) -> dict[str, str | bytes]:
    """The stylesheet with the palette first, the logo (the organisation's, or the wordmark), the favicon, and the
    share images of the roadmap and of each fiche, by site path."""
    feuille = corpus.feuille_de_route
    identite = feuille.identite
    logo = (corpus.content_dir / identite.logo).read_bytes() if identite.logo else wordmark_svg(feuille.sigle,
                                                                                                 identite.couleur)
    files: dict[str, str | bytes] = {
        urls.STYLESHEET: palette_css(identite.couleur) + (ASSETS_DIR / "jalons.css").read_text(encoding="utf-8"),
        urls.LOGO: logo,
        urls.FAVICON: _cached(_key("favicon", feuille.sigle, identite.couleur),
                              lambda: favicon_png(feuille.sigle, identite.couleur), cache_dir),
    }
    files.update({path: share_image(carte, cache_dir) for path, carte in _cartes(corpus).items()})
    return files


def theme_values(corpus: Corpus, site_url: str | None) -> dict:
    """What the theme's own templates need from the content, given to any engine as `config.extra.jalons`: the
    licence, or None; who publishes, and the addresses of its site and of the roadmap's document, or None (the
    footer); when the content last changed, as its newest fiche version or assessment says (the footer's date:
    from the content, so that a rebuild does not change it); the share image of pages that have none of their
    own; the content's language (<html lang>)."""
    feuille = corpus.feuille_de_route
    licence = feuille.licence
    dates = [jalon.version for jalon in corpus.jalons.values()] + list(corpus.campagnes)
    return {"licence": licence.model_dump() if licence else None, "sigle": feuille.sigle,
            "organisation": feuille.organisation, "site": feuille.identite.site,
            "document": feuille.identite.document, "image": urls.absolute(site_url, urls.partage()),
            "mise_a_jour": mois_annee(max(dates)) if dates else None,
            "langue": LANGUE}
