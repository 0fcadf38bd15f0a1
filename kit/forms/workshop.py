"""The workshop's buttons (notebook 06 as an app): every participant's action, no code.

- **Export**: tick the incidents to share (all by default), read what the pseudonym
  hides and what it does not, and drop the export into the workshop folder
  (:func:`kit.workshop.drop_export`). The receipt that withdraws it is shown once, to
  copy.
- **Safety survey**: the seven statements of :func:`kit.forms.surveys.safety_form`,
  saved without a name under a random file name into the workshop's survey folder
  (:func:`kit.paths.safety_folder`, which the hub sets through
  ``KIT_WORKSHOP_SAFETY``).
- **Withdraw**: paste the receipt and press the button (:func:`kit.workshop.withdraw`);
  the next pool leaves that export out.

Each section is a :class:`~kit.forms._common.Form` with its controls by name; the
workshop form holds the three in ``.sections``.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import messages, paths, workshop
from .._text import html_escape
from ..errors import KitError
from ..export import ExportFile, export_choices
from ..journal import Journal
from ._common import FORM_CSS, Form
from .surveys import SafetyForm

__all__ = [
    "ExportForm",
    "WithdrawForm",
    "WorkshopForm",
    "export_form",
    "withdraw_form",
    "workshop_form",
    "hides_html",
]


def hides_html() -> str:
    """What the pseudonym hides and what it does not, as an HTML list."""
    items = "".join(f"<li><strong>{html_escape(label)}:</strong> {html_escape(text)}"
                    "</li>" for label, text in messages.EXPORT_HIDES_POINTS)
    return (f"<p><strong>{html_escape(messages.EXPORT_HIDES_HEADING)}</strong></p>"
            f"<ul>{items}</ul>")


class ExportForm(Form):
    """The form returned by :func:`export_form` (see there).

    Attributes
    ----------
    incidents : dict[str, ipywidgets.Checkbox]
        By incident id: send it (ticked by default); also ``controls["include.N"]``.
    receipt : ipywidgets.HTML
        Where the receipt appears after an export (``controls["receipt"]``).
    exported : kit.export.ExportFile or None
        The last export dropped.
    """

    def __init__(self, journal: Journal, folder=None) -> None:
        super().__init__()
        self.journal = journal
        self.folder = paths.drop_folder(folder)
        self.exported: ExportFile | None = None
        choices = export_choices(journal)
        wide = widgets.Layout(width="95%")
        self.incidents = {
            ident: self.add(f"include.{number}", widgets.Checkbox(
                value=True, description=label, indent=False, layout=wide))
            for number, (label, ident) in enumerate(choices, start=1)
        }
        send = self.button("export", messages.WORKSHOP_EXPORT_BUTTON, primary=True,
                           on_click=self._export)
        send.disabled = not choices or self.folder is None
        self.receipt = self.message("receipt", "kit-preview")
        self.show(self.receipt, False)
        if self.folder is None:
            self.say(messages.DROP_NOT_SET)
        elif not choices:
            self.say(messages.WORKSHOP_NOTHING_TO_EXPORT)
        else:
            self.say(messages.WORKSHOP_EXPORT_READY)
        self.children = [
            widgets.HTML(FORM_CSS), self.heading(messages.WORKSHOP_EXPORT_HEADING),
            widgets.HTML(hides_html()),
            self.prompt(messages.WORKSHOP_EXPORT_CHOOSE), *self.incidents.values(),
            send, self.status, self.receipt,
        ]

    def _export(self) -> None:
        chosen = [ident for ident, box in self.incidents.items() if box.value]
        try:
            made = workshop.drop_export(self.journal, self.folder, incidents=chosen)
        except KitError as error:  # said in the form, where the person looks
            self.say(str(error))
            return
        self.exported = made
        self.controls["export"].disabled = True
        self.say(messages.WORKSHOP_EXPORTED.format(n=len(chosen)))
        self.receipt.value = html_escape(made.receipt)
        self.show(self.receipt, True)


def export_form(journal: Journal | None = None, folder=None) -> ExportForm:
    """Choose incidents and drop an anonymous export into the workshop folder.

    Parameters
    ----------
    journal : kit.Journal, optional
        Your journal (default ``kit.Journal()``).
    folder : str or Path, optional
        The drop folder (default :func:`kit.paths.drop_folder`: the hub sets it).

    Returns
    -------
    ExportForm
        ``.controls``: ``include.1`` ... (Checkbox), ``export``, ``receipt`` and
        ``status``.
    """
    return ExportForm(journal if journal is not None else Journal(), folder)


class WithdrawForm(Form):
    """The form returned by :func:`withdraw_form` (see there)."""

    def __init__(self, folder=None) -> None:
        super().__init__()
        self.folder = paths.drop_folder(folder)
        field = self.text("receipt", messages.WORKSHOP_RECEIPT_PLACEHOLDER)
        field.description = messages.WORKSHOP_RECEIPT_LABEL
        field.style = {"description_width": "initial"}
        go = self.button("withdraw", messages.WORKSHOP_WITHDRAW_BUTTON,
                         on_click=self._withdraw)
        go.disabled = self.folder is None
        self.say(messages.DROP_NOT_SET if self.folder is None
                 else messages.WORKSHOP_WITHDRAW_HELP)
        self.children = [widgets.HTML(FORM_CSS),
                         self.heading(messages.WORKSHOP_WITHDRAW_HEADING),
                         field, go, self.status]

    def _withdraw(self) -> None:
        try:
            workshop.withdraw(self.controls["receipt"].value, self.folder)
        except KitError as error:
            self.say(str(error))
            return
        self.controls["receipt"].value = ""
        self.say(messages.WORKSHOP_WITHDRAWN)


def withdraw_form(folder=None) -> WithdrawForm:
    """Withdraw your export with its receipt, telling nobody which file it was.

    Returns
    -------
    WithdrawForm
        ``.controls``: ``receipt`` (Text), ``withdraw`` and ``status``.
    """
    return WithdrawForm(folder)


class WorkshopForm(Form):
    """The form returned by :func:`workshop_form` (see there).

    Attributes
    ----------
    sections : dict[str, Form]
        ``export``, ``safety`` and ``withdraw``.
    """

    def __init__(self, journal: Journal, drop=None, safety=None) -> None:
        super().__init__()
        folder = paths.safety_folder(safety)
        survey = SafetyForm(folder)
        self.sections = {
            "export": ExportForm(journal, drop),
            "safety": survey,
            "withdraw": WithdrawForm(drop),
        }
        self.show(self.status, False)
        self.children = [
            widgets.HTML(FORM_CSS), self.hint(messages.WORKSHOP_FORM_INTRO),
            self.sections["export"],
            self.heading(messages.WORKSHOP_SAFETY_HEADING), survey,
            self.sections["withdraw"],
        ]


def workshop_form(journal: Journal | None = None, *, drop=None,
                  safety=None) -> WorkshopForm:
    """Everything a participant does in a workshop, as buttons: export, survey,
    withdraw.

    Parameters
    ----------
    journal : kit.Journal, optional
        Your journal (default ``kit.Journal()``).
    drop : str or Path, optional
        The drop folder (default :func:`kit.paths.drop_folder`).
    safety : str or Path, optional
        The survey folder (default :func:`kit.paths.safety_folder`).

    Returns
    -------
    WorkshopForm
        ``.sections["export"]``, ``["safety"]`` and ``["withdraw"]``, each a Form.

    Examples
    --------
    >>> import kit, tempfile
    >>> form = kit.forms.workshop_form(kit.Journal.sample(), drop=tempfile.mkdtemp())
    >>> form.sections["export"].controls["export"].click()
    >>> form.sections["export"].exported.receipt.startswith("kit-receipt-")
    True
    """
    return WorkshopForm(journal if journal is not None else Journal(), drop, safety)
