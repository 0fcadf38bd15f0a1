"""The box-breathing pacer of the live companion: CSS only, so it runs in the browser
alone and needs nothing from the kernel, even while the kernel is busy."""

from __future__ import annotations

from .. import messages as msg
from .._text import html_escape as esc

__all__ = ["PACER_ROUNDS", "pacer_html"]

PACER_ROUNDS = 6  # 6 x 16 s: about the ninety seconds box breathing needs


def pacer_html(run: int) -> str:
    """The box-breathing pacer: a dot going round a square, 4 s a side (CSS only).

    ``run`` counts the presses, so each press gives new HTML and the animation
    starts again. Words come from ``kit.messages`` and are escaped.
    """
    words = "".join(
        f'<span class="kit-pw kit-pw{n}">{esc(word)}</span>'
        for n, word in enumerate(msg.LIVE_PACER_WORDS)
    )
    total = 16 * PACER_ROUNDS
    delays = "".join(
        f".kit-pacer .kit-pw{n} {{ animation-delay: {4 * n}s; }}\n" for n in range(4)
    )
    return f"""<!-- pacer run {run} -->
<style>
@keyframes kit-box {{
  0% {{ left: -13px; top: calc(100% - 13px); }}
  25% {{ left: -13px; top: -13px; }}
  50% {{ left: calc(100% - 13px); top: -13px; }}
  75% {{ left: calc(100% - 13px); top: calc(100% - 13px); }}
  100% {{ left: -13px; top: calc(100% - 13px); }}
}}
@keyframes kit-word {{ 0% {{ opacity: 1; }} 25% {{ opacity: 0; }}
  100% {{ opacity: 0; }} }}
@keyframes kit-count {{ from {{ width: 0; }} to {{ width: 100%; }} }}
@keyframes kit-away {{ from {{ visibility: visible; }} to {{ visibility: hidden; }} }}
@keyframes kit-show {{ from {{ opacity: 0; }} to {{ opacity: 1; }} }}
.kit-pacer {{ display: flex; flex-direction: column; align-items: center; gap: 10px;
  padding: 14px 0; }}
.kit-pacer .kit-square {{ position: relative; width: 170px; height: 170px;
  border: 3px solid #9fb6ca; border-radius: 10px; box-sizing: border-box; }}
.kit-pacer .kit-dot {{ position: absolute; width: 26px; height: 26px;
  border-radius: 50%; background: #3b6584; left: -13px; top: calc(100% - 13px);
  animation: kit-box 16s linear {PACER_ROUNDS}; }}
.kit-pacer .kit-words {{ position: absolute; inset: 0; display: flex;
  align-items: center; justify-content: center;
  animation: kit-away {total}s step-end forwards; }}
.kit-pacer .kit-pw {{ position: absolute; font-size: 20px; color: #1f3447; opacity: 0;
  animation: kit-word 16s step-end {PACER_ROUNDS}; }}
{delays}.kit-pacer .kit-bar {{ width: 170px; height: 6px; background: #e6edf3;
  border-radius: 3px; overflow: hidden;
  animation: kit-away {total}s step-end forwards; }}
.kit-pacer .kit-bar div {{ height: 100%; background: #7d9bb6;
  animation: kit-count 4s linear {4 * PACER_ROUNDS}; }}
.kit-pacer .kit-done {{ opacity: 0; animation: kit-show 1s {total}s forwards; }}
</style>
<div class="kit-pacer">
  <div class="kit-square"><div class="kit-dot"></div>
    <div class="kit-words">{words}</div></div>
  <div class="kit-bar"><div></div></div>
  <div class="kit-help">{esc(msg.LIVE_PACER_FOOT)}</div>
  <div class="kit-done kit-note">{esc(msg.LIVE_PACER_DONE)}</div>
</div>"""
