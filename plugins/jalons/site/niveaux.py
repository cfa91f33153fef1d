"""A level of the scale drawn by shape, not by colour alone, and a jalon's assessments on the 2025–2050 axis.

Both are SVG written at build time: no chart library reaches the reader. Both are pictures of what the text
beside them says (aria-hidden): the level's label is always written, and the timeline's data is a table.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ..content.evaluations import EvaluationDatee, Suivi

DEBUT, FIN = 2025, 2050  # the roadmap's horizon


class Barre(NamedTuple):
    x: float
    y: float
    hauteur: float
    pleine: bool


def barres(rang: int, total: int, left: float, bottom: float, step: float, low: float, high: float) -> list[Barre]:
    """A bar per level of the scale, rising from `low` to `high`, filled up to the level at `rang` (-1: none):
    the level's place reads without colour, in the gauge and on the map alike."""
    heights = [low + (high - low) * (index + 1) / total for index in range(total)]
    return [Barre(left + index * step, bottom - height, height, index <= rang) for index, height in enumerate(heights)]


def jauge(rang: int, total: int) -> Markup:
    """The level as a small gauge beside its label."""
    bars = [f'<rect class="jalons-jauge__{"plein" if bar.pleine else "vide"}" x="{bar.x:g}" y="{bar.y:.1f}" '
            f'width="4" height="{bar.hauteur:.1f}" rx="1"/>' for bar in barres(rang, total, 1, 17, 6, 4, 16)]
    return Markup(f'<svg class="jalons-jauge jalons-niveau--{rang}" viewBox="0 0 {total * 6 + 2} 18" '
                  f'width="{total * 6 + 2}" height="18" aria-hidden="true" focusable="false">{"".join(bars)}</svg>')


def _x(campagne: str, left: float, width: float) -> float:
    year, month = (int(part) for part in campagne.split("-"))
    position = (year + (month - 1) / 12 - DEBUT) / (FIN - DEBUT)
    return left + width * min(max(position, 0.0), 1.0)


def chronologie(evaluations: list[EvaluationDatee], suivi: Suivi) -> Markup:
    """A jalon's assessments on the roadmap's horizon: one row per level (the first at the bottom), a point
    per assessment, a step line between them."""
    levels = suivi.feuille.echelle
    left, right, top, row = 28, 24, 10, 22  # room for the last year, centred on its tick
    width = 480 - left - right  # narrow: on a phone its text stays readable
    height = top + row * len(levels) + 30
    parts = [f'<svg class="jalons-chronologie" viewBox="0 0 480 {height}" aria-hidden="true" focusable="false">']
    for rang in range(len(levels)):
        y = top + row * (len(levels) - 1 - rang) + row / 2
        parts.append(f'<line class="jalons-chronologie__niveau" x1="{left}" x2="{left + width}" y1="{y}" y2="{y}"/>'
                     f'<text class="jalons-chronologie__rang" x="{left - 8}" y="{y + 5}" text-anchor="end">{rang + 1}</text>')
    base = top + row * len(levels)
    for year in range(DEBUT, FIN + 1, 5):
        x = _x(f"{year}-01", left, width)
        parts.append(f'<line class="jalons-chronologie__axe" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{base + 4}"/>'
                     f'<text class="jalons-chronologie__annee" x="{x:.1f}" y="{base + 22}" text-anchor="middle">{year}</text>')
    points = [(_x(e.campagne, left, width), top + row * (len(levels) - 1 - suivi.rang(e.niveau)) + row / 2, e)
              for e in evaluations]
    if len(points) > 1:
        path = f"M{points[0][0]:.1f},{points[0][1]:.1f}" + "".join(
            f" H{x:.1f} V{y:.1f}" for x, y, _e in points[1:])
        parts.append(f'<path class="jalons-chronologie__trace" d="{path}"/>')
    for x, y, evaluation in points:
        rang = suivi.rang(evaluation.niveau)
        parts.append(f'<circle class="jalons-chronologie__point jalons-niveau--{rang}" cx="{x:.1f}" cy="{y:.1f}" r="6"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
