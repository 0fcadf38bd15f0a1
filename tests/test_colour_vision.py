"""The chart palettes stay apart for the common colour-vision deficiencies, nothing is
told by colour alone, and the forms' text meets WCAG 2.2 AA contrast.

Deficiencies are simulated with the matrices of Machado, Oliveira and Fernandes
(2009, severity 1.0: protanopia, deuteranopia, tritanopia) applied in linear sRGB;
colours are compared by CIE76 ΔE in CIELAB (D65). A ΔE of 10 or more is read as
"clearly different at a glance" for plot markers and lines; about 2.3 is the smallest
difference a trained eye notices side by side, so 10 leaves a wide margin.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from kit.chart_style import EVENT_STYLE, PALETTE, SEVERITY_STYLE
from kit.forms._common import FORM_CSS

MIN_DELTA_E = 10.0

MACHADO = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
    "typical vision": np.eye(3).tolist(),
}


def linear(hex_colour: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    t = to_xyz @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(hex_colour: str, deficiency: str) -> np.ndarray:
    return lab(np.array(MACHADO[deficiency]) @ linear(hex_colour))


def delta_e(a: str, b: str, deficiency: str) -> float:
    return float(np.linalg.norm(seen(a, deficiency) - seen(b, deficiency)))


def contrast(fg: str, bg: str) -> float:
    def luminance(c: str) -> float:
        return float(np.dot([0.2126, 0.7152, 0.0722], linear(c)))

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_simulation_is_the_published_one():
    # Pure red loses most of its lightness for protanopia and keeps it otherwise;
    # grey stays grey under every matrix (each row sums to 1).
    assert delta_e("#ff0000", "#000000", "protanopia") < delta_e(
        "#ff0000", "#000000", "deuteranopia"
    )
    for deficiency in MACHADO:
        assert delta_e("#808080", "#808080", deficiency) == 0
        assert np.allclose(np.array(MACHADO[deficiency]).sum(axis=1), 1, atol=1e-3)
    # A red/green pair that typical eyes tell far apart comes much closer for
    # protanopia and deuteranopia, and stays apart for tritanopia.
    typical = delta_e("#d62728", "#2ca02c", "typical vision")
    assert typical > 60
    for deficiency in ("protanopia", "deuteranopia"):
        assert delta_e("#d62728", "#2ca02c", deficiency) < typical / 2
    assert delta_e("#d62728", "#2ca02c", "tritanopia") > typical / 2


@pytest.mark.parametrize("deficiency", sorted(MACHADO))
@pytest.mark.parametrize(
    "name, style", [("severity", SEVERITY_STYLE), ("event kind", EVENT_STYLE)]
)
def test_series_colours_stay_apart(name, style, deficiency):
    colours = {str(key): colour for key, (colour, _marker) in style.items()}
    closest = min(
        (delta_e(a, b, deficiency), ka, kb)
        for (ka, a), (kb, b) in itertools.combinations(colours.items(), 2)
    )
    assert closest[0] >= MIN_DELTA_E, (
        f"{name} colours {closest[1]} and {closest[2]} are only ΔE {closest[0]:.1f} "
        f"apart for {deficiency} (need {MIN_DELTA_E})"
    )


@pytest.mark.parametrize(
    "name, style", [("severity", SEVERITY_STYLE), ("event kind", EVENT_STYLE)]
)
def test_nothing_is_told_by_colour_alone(name, style):
    markers = [marker for _colour, marker in style.values()]
    assert len(set(markers)) == len(markers), f"two {name}s share a marker"


# --- text contrast in the forms (WCAG 2.2 AA: 4.5:1 for text) ----------------------

WHITE = "#ffffff"


def test_every_text_colour_of_the_forms_reads_on_its_background():
    ink, soft, calm = (
        re.search(rf"{name} = \"(#[0-9a-f]{{6}})\"", src).group(1)
        for name, src in (
            ("_INK", _common_source()),
            ("_SOFT", _common_source()),
            ("_CALM", _common_source()),
        )
    )
    pairs = {
        "text on the page": (ink, WHITE),
        "help text": ("#4b5d6e", WHITE),
        "notes and the clock": (calm, WHITE),
        "a main button": (WHITE, calm),
        "a second button": (ink, soft),
        "the status line": (ink, soft),
        "a problem beside a field": ("#34495e", "#f1f4f8"),
    }
    for what, (fg, bg) in pairs.items():
        assert fg in FORM_CSS or fg == WHITE
        assert contrast(fg, bg) >= 4.5, f"{what}: {contrast(fg, bg):.2f}:1"


def test_chart_ink_reads_on_white():
    assert contrast(PALETTE["ink"], WHITE) >= 4.5


def _common_source() -> str:
    from pathlib import Path

    import kit.forms._common as common

    return Path(common.__file__).read_text()
