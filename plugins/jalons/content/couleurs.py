"""The organisation's colour, checked where it is written: every shade the site and the PDF derive from it must
stay readable on white, as links and headings are."""

from __future__ import annotations

COULEUR_PAR_DEFAUT = "#1d5743"  # a deep green: 8.2:1 on white
MINIMUM_CONTRAST = 4.5  # WCAG AA for body text: links are written in this colour


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = map(linear, _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_on_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0 to 1) of `other` mixed in: the lighter and darker shades of the palette."""
    mixed = (round(a + (b - a) * share) for a, b in zip(_channels(colour), _channels(other)))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def readable_on_white(colour: str) -> str:
    ratio = contrast_on_white(colour)
    if ratio < MINIMUM_CONTRAST:
        shown = f"{ratio:.1f}".replace(".", ",")
        raise ValueError(f"la couleur {colour} n'a qu'un contraste de {shown}:1 sur le blanc : au moins 4,5:1 "
                         "attendu, pour que les liens et les titres qui la prennent restent lisibles")
    return colour.lower()
