"""Words for the kit on a shared machine (JupyterHub): the workshop drop folder and the
copy of the notebooks each person gets on first login.

They name folders and the fix, never anything a person wrote.
"""

from __future__ import annotations

__all__ = [
    "DROP_NOT_SET",
    "WITHDRAW_BAD_RECEIPT",
    "WORKSHOP_FORM_INTRO",
    "WORKSHOP_EXPORT_HEADING",
    "WORKSHOP_EXPORT_CHOOSE",
    "WORKSHOP_EXPORT_BUTTON",
    "WORKSHOP_EXPORT_READY",
    "WORKSHOP_NOTHING_TO_EXPORT",
    "WORKSHOP_EXPORTED",
    "WORKSHOP_SAFETY_HEADING",
    "WORKSHOP_WITHDRAW_HEADING",
    "WORKSHOP_RECEIPT_LABEL",
    "WORKSHOP_RECEIPT_PLACEHOLDER",
    "WORKSHOP_WITHDRAW_BUTTON",
    "WORKSHOP_WITHDRAW_HELP",
    "WORKSHOP_WITHDRAWN",
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

# --- the workshop form (kit.forms.workshop) ---------------------------------------
WORKSHOP_FORM_INTRO = (
    "Three things you can do for the workshop, each with its own button and each "
    "your choice: share an anonymous export, answer the team's safety survey, and "
    "withdraw your export again at any time."
)
WORKSHOP_EXPORT_HEADING = "Share an anonymous export"
WORKSHOP_EXPORT_CHOOSE = (
    "Incidents to share (all are ticked; untick any you would rather keep out). "
    "The titles and dates here are for your eyes only: they never leave."
)
WORKSHOP_EXPORT_BUTTON = "Export to the workshop folder"
WORKSHOP_EXPORT_READY = "Nothing has been sent yet."
WORKSHOP_NOTHING_TO_EXPORT = (
    "Your journal has no finished incident yet, so there is nothing to share. That is "
    "fine: you can take part in the workshop without a file."
)
WORKSHOP_EXPORTED = (
    "Shared {n} incident(s). Below is your receipt: copy it somewhere of your own now. "
    "It is the only way to withdraw this file, nobody else holds it, and it is not "
    "shown again."
)
WORKSHOP_SAFETY_HEADING = "The team's safety survey"
WORKSHOP_WITHDRAW_HEADING = "Withdraw your export"
WORKSHOP_RECEIPT_LABEL = "Receipt"
WORKSHOP_RECEIPT_PLACEHOLDER = "kit-receipt-..."
WORKSHOP_WITHDRAW_BUTTON = "Withdraw my export"
WORKSHOP_WITHDRAW_HELP = (
    "Paste the receipt you copied when you exported. The file is left out of every "
    "pool from then on; you do not need to say which file was yours, or why."
)
WORKSHOP_WITHDRAWN = (
    "Withdrawn. The next time the facilitator pools the folder, your export is left "
    "out."
)
