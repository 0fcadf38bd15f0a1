"""Words for the kit on a shared machine (JupyterHub): the workshop drop folder and the
copy of the notebooks each person gets on first login.

They name folders and the fix, never anything a person wrote.
"""

from __future__ import annotations

__all__ = [
    "DROP_NOT_SET",
    "WITHDRAW_BAD_RECEIPT",
    "DROP_MISSING",
    "DROP_FAILED",
    "DROP_NAME_TAKEN",
    "DROP_DONE",
    "PREPARE_FAILED",
    "PREPARE_COPIED",
    "WORKSHOP_USAGE",
]

WITHDRAW_BAD_RECEIPT = (
    "That is not a receipt the kit writes, so nothing was sent: a receipt starts with "
    "kit-receipt- and is followed by 32 letters and digits. Paste the whole receipt "
    "you copied when you exported."
)
DROP_NOT_SET = (
    "There is no workshop folder to drop your export into: the facilitator sets "
    "KIT_WORKSHOP_DROP on the workshop server, or pass folder= yourself. Nothing was "
    "written."
)

DROP_MISSING = (
    "The workshop folder {folder} is not there (or you cannot reach it): ask the "
    "facilitator to run the workshop set-up. Nothing was written."
)

DROP_FAILED = (
    "Your export could not be dropped into {folder} ({reason}). Nothing was "
    "left half-written; ask the facilitator to check the folder, then try again."
)

DROP_NAME_TAKEN = (
    "An export named {name} is already in {folder} and several other names were taken "
    "too; nothing was overwritten. Try again in a moment."
)

DROP_DONE = (
    "Your anonymous export is in the workshop folder as {name}. The other participants "
    "cannot open it; the facilitator can."
)

PREPARE_FAILED = (
    "incident-kit: your own copy of the notebooks could not be prepared ({reason}); "
    "the server starts anyway. The notebooks are also in {source}."
)

PREPARE_COPIED = "incident-kit: copied {n} notebook(s) into {target}."

WORKSHOP_USAGE = (
    "usage: python -m kit.workshop singleuser [jupyterhub-singleuser arguments]\n"
    "       python -m kit.workshop prepare\n"
    "'prepare' copies the notebooks you do not have yet into your own folder and "
    "creates your private journal; 'singleuser' does that, then starts your Jupyter "
    "server for JupyterHub."
)
