"""The incident record: one validated ``Incident`` per production incident.

The model is strict where people's answers could be silently misread (a YAML ``no`` is
not a rating of 0, ``10:05`` is not the number 605, a time without a timezone is not a
time), and every error message names the field and the fix without repeating what the
person wrote.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import messages
from .errors import InvalidIncident
from .migration import DELIBERATE_MARKS, HANDS_ON_MARKS, migrate

__all__ = [
    "SCHEMA_VERSION",
    "SEVERITIES",
    "SLEEP",
    "DELIBERATE_MARKS",
    "HANDS_ON_MARKS",
    "migrate",
    "ROLES",
    "WHOSE",
    "SYMPTOMS",
    "TECHNIQUES",
    "EVENT_KINDS",
    "SOURCES",
    "CULTURE_RESPONSES",
    "ID_PATTERN",
    "TIME_FIELDS",
    "Times",
    "Event",
    "Body",
    "Clarity",
    "PostMortem",
    "Reflection",
    "Culture",
    "Lookback",
    "Incident",
    "make_id",
    "validate_incident",
    "explain",
    # the field types, for forms and readers that build records
    "Severity",
    "Role",
    "Whose",
    "Symptom",
    "Technique",
    "EventKind",
    "Source",
    "CultureResponse",
    "Sleep",
    "Rating5",
    "Rating10",
    "Clarity100",
    "ShortText",
    "LongText",
    "EventText",
    "EventMark",
]

SCHEMA_VERSION = 2
# Schema 1 had no hands-on time, no look-back and no alert_source; see ``migrate``.

Severity = Literal["SEV1", "SEV2", "SEV3", "SEV4"]
Role = Literal["author", "on-call", "reviewer", "bystander"]
Whose = Literal["mine", "teammate", "another-team", "dependency", "systemic", "unknown"]
Symptom = Literal[
    "racing_heart",
    "sweating",
    "shaky_hands",
    "short_of_breath",
    "chest_tightness",
    "stomach_drop",
    "dizziness",
    "hot_cold_flush",
    "tingling",
    "feeling_unreal",
    "fear_losing_control",
    "tunnel_vision",
    "freezing",
    "urge_to_hide",
    "typing_faster_than_reading",
]
Technique = Literal[
    "box_breathing",
    "read_error_aloud",
    "two_minute_timer",
    "rollback_first",
    "escalate_at_five",
    "broadcast_template",
]
EventKind = Literal["action", "dead-end", "update", "breathing", "timer", "note"]
Source = Literal["live", "recalled", "imported"]
CultureResponse = Literal["blameless", "mixed", "blame"]
# How you slept the night after: a small fixed vocabulary, best to worst.
Sleep = Literal["well", "patchy", "poorly", "hardly"]

SEVERITIES: tuple[str, ...] = get_args(Severity)
ROLES: tuple[str, ...] = get_args(Role)
WHOSE: tuple[str, ...] = get_args(Whose)
SYMPTOMS: tuple[str, ...] = get_args(Symptom)
TECHNIQUES: tuple[str, ...] = get_args(Technique)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
SOURCES: tuple[str, ...] = get_args(Source)
CULTURE_RESPONSES: tuple[str, ...] = get_args(CultureResponse)
SLEEP: tuple[str, ...] = get_args(Sleep)

# The times of an incident, in the order they usually happen.
TIME_FIELDS = (
    "alert_at",
    "first_action_at",
    "hands_on_at",
    "broadcast_at",
    "escalated_at",
    "mitigated_at",
    "resolved_at",
)

ID_PATTERN = r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)

Rating10 = Annotated[StrictInt, Field(ge=0, le=10)]
Clarity100 = Annotated[StrictInt, Field(ge=0, le=100, multiple_of=10)]
Rating5 = Annotated[StrictInt, Field(ge=1, le=5)]
ShortText = Annotated[StrictStr, Field(max_length=200)]
EventText = Annotated[StrictStr, Field(max_length=5_000)]
EventMark = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]{0,39}$")]
LongText = Annotated[StrictStr, Field(max_length=20_000)]


class _Part(BaseModel):
    """Shared settings: unknown keys rejected, inputs never echoed in errors."""

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        validate_assignment=True,
        populate_by_name=True,
        defer_build=True,  # built on first use, so `import kit` stays quick
    )


def _hm(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %z")


class Times(_Part):
    """When things happened. Derived durations are computed, never stored.

    ``first_action_at`` is the first step chosen on purpose (breathing on purpose,
    starting the hands-off timer, reading the error aloud, writing the one sentence,
    broadcasting, escalating, or a step on the problem): it ends the freeze or the
    thrashing. ``hands_on_at`` is the first hands-on step on the problem itself, which
    ends triage in the 5 / 20 / 20 plan. ``alert_source`` is set when the alert time
    was recalled (typed by hand) while the rest was timed live.
    """

    alert_at: AwareDatetime
    first_action_at: AwareDatetime | None = None
    hands_on_at: AwareDatetime | None = None
    broadcast_at: AwareDatetime | None = None
    escalated_at: AwareDatetime | None = None
    mitigated_at: AwareDatetime | None = None
    resolved_at: AwareDatetime | None = None
    source: Source = "recalled"
    alert_source: Source | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Times:
        chain = [
            ("alert_at", self.alert_at),
            ("first_action_at", self.first_action_at),
            ("mitigated_at", self.mitigated_at),
            ("resolved_at", self.resolved_at),
        ]
        present = [(name, when) for name, when in chain if when is not None]
        for (early_name, early), (late_name, late) in zip(
            present, present[1:], strict=False
        ):
            if late < early:
                error = PydanticCustomError(
                    "time_order",
                    messages.TIME_ORDER,
                    {
                        "late_name": late_name,
                        "late": _hm(late),
                        "early_name": early_name,
                        "early": _hm(early),
                    },
                )
                raise error
        for name in ("hands_on_at", "broadcast_at", "escalated_at"):
            when = getattr(self, name)
            if when is not None and when < self.alert_at:
                error = PydanticCustomError(
                    "time_order",
                    messages.TIME_BEFORE_ALERT,
                    {"name": name, "when": _hm(when), "alert": _hm(self.alert_at)},
                )
                raise error
        return self


class Event(_Part):
    """One timestamped entry of the live log.

    ``mark`` names what the kit recorded (``"root-cause"``, ``"rollback-0"``...; see
    ``kit.draft.MARKS``) so that behaviour never depends on the words in ``text``.
    """

    at: AwareDatetime
    kind: EventKind
    text: EventText = ""
    mark: EventMark | None = None


class Body(_Part):
    """How the body responded: recalled peak distress and symptom intensities."""

    distress_peak: Rating10 | None = None
    symptoms: dict[Symptom, Rating10] = Field(default_factory=dict)
    heart_rate_bpm: Annotated[StrictInt, Field(ge=30, le=250)] | None = None
    notes: LongText = ""


class Clarity(_Part):
    """How certain the next step felt at the first deliberate action (0-100 in tens)."""

    next_step: Clarity100 | None = None


class PostMortem(_Part):
    """The blameless post-mortem: the three questions and the context around them."""

    summary: LongText = ""
    impact: LongText = ""
    what_happened: LongText = ""
    why_tests_missed: LongText = ""
    one_change: LongText = ""
    went_well: LongText = ""


class Reflection(_Part):
    """The private reflection; shared only if the author ticks include_in_postmortem."""

    body: LongText = ""
    at_3am: LongText = ""
    learned: LongText = ""
    include_in_postmortem: StrictBool = False


class Culture(_Part):
    """How the team responded, and how safe it felt to say "I broke it" (1-5)."""

    response: CultureResponse | None = None
    safe_to_say_i_broke_it: Rating5 | None = None


class Lookback(_Part):
    """The morning after (or later): how the incident sits with you once you slept.

    ``heavy_now`` and ``dread_next`` are 0-10 (how heavy it feels now; dread before
    the next on-call); ``sleep`` is one of :data:`SLEEP`; the two texts are private.
    """

    at: AwareDatetime | None = None
    heavy_now: Rating10 | None = None
    sleep: Sleep | None = None
    dread_next: Rating10 | None = None
    tell_junior: LongText = ""
    at_3am: LongText = ""


class Incident(_Part):
    """One production incident as the person lived it.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 3, 10, 14, 47, tzinfo=timezone.utc)
    >>> inc = Incident(id="2026-03-10-payment-typo", title="Payments down",
    ...                severity="SEV1", times=Times(alert_at=at, first_action_at=at))
    >>> inc.panic_to_action_min
    0.0
    """

    schema_version: StrictInt = Field(SCHEMA_VERSION, alias="schema")
    id: Annotated[StrictStr, Field(max_length=80, pattern=ID_PATTERN)]
    title: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    service: ShortText = ""
    severity: Severity | None = None
    role: Role = "on-call"
    whose: Whose = "unknown"
    draft: StrictBool = False
    times: Times
    events: list[Event] = Field(default_factory=list, max_length=2_000)
    body: Body = Field(default_factory=Body)
    clarity: Clarity = Field(default_factory=Clarity)
    techniques: list[Technique] = Field(default_factory=list)
    postmortem: PostMortem = Field(default_factory=PostMortem)
    reflection: Reflection = Field(default_factory=Reflection)
    culture: Culture = Field(default_factory=Culture)
    lookback: Lookback | None = None

    @model_validator(mode="before")
    @classmethod
    def _migrated(cls, data: Any) -> Any:
        return migrate(data)

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            error = PydanticCustomError(
                "schema_version",
                messages.SCHEMA_UNKNOWN,
                {"got": value, "want": SCHEMA_VERSION},
            )
            raise error
        return value

    @field_validator("techniques")
    @classmethod
    def _techniques_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            error = PydanticCustomError(
                "duplicate_technique", messages.TECHNIQUE_TWICE
            )
            raise error
        return value

    @model_validator(mode="after")
    def _whole(self) -> Incident:
        for number, event in enumerate(self.events):
            if event.at < self.times.alert_at:
                error = PydanticCustomError(
                    "time_order",
                    messages.EVENT_BEFORE_ALERT,
                    {
                        "n": number,
                        "when": _hm(event.at),
                        "alert": _hm(self.times.alert_at),
                    },
                )
                raise error
        back = self.lookback.at if self.lookback is not None else None
        if back is not None and back < self.times.alert_at:
            error = PydanticCustomError(
                "time_order",
                messages.LOOKBACK_BEFORE_ALERT,
                {"field": "lookback.at", "when": _hm(back),
                 "alert": _hm(self.times.alert_at)},
            )
            raise error
        if not self.draft:
            if self.times.first_action_at is None:
                error = PydanticCustomError(
                    "incomplete",
                    messages.MISSING_FIRST_ACTION,
                    {"field": "times.first_action_at"},
                )
                raise error
            if self.severity is None:
                error = PydanticCustomError(
                    "incomplete",
                    messages.MISSING_SEVERITY,
                    {"field": "severity"},
                )
                raise error
        return self

    # Derived values: computed, never stored.
    def minutes_to(self, field: str) -> float | None:
        """Minutes from the alert to ``times.<field>``, or None when it is not set."""
        when = getattr(self.times, field)
        if when is None:
            return None
        return (when - self.times.alert_at).total_seconds() / 60.0

    @property
    def panic_to_action_min(self) -> float | None:
        """Minutes from the alert to the first step chosen on purpose."""
        return self.minutes_to("first_action_at")

    @property
    def hands_on_min(self) -> float | None:
        """Minutes from the alert to the first hands-on step on the problem."""
        return self.minutes_to("hands_on_at")

    def to_data(self) -> dict[str, Any]:
        """Plain data as written to the YAML file (unset optional values left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def _where(loc: tuple[Any, ...]) -> tuple[str, str]:
    """The dotted path shown to people, and the key used to find the fix."""
    shown, key = "", []
    for part in loc:
        if isinstance(part, int):
            shown += f"[{part}]"
        elif part == "[key]":
            continue
        else:
            text = str(part)
            if len(text) > 60 or not text.isprintable():
                text = repr(text[:60])
            shown += ("." if shown else "") + text
            key.append(str(part))
    return shown or "(the whole record)", ".".join(key)


def _fix_for(key: str) -> str:
    parts = key.split(".")
    while parts:
        fix = messages.FIELD_FIXES.get(".".join(parts))
        if fix:
            return fix
        parts.pop()
    return ""


def _named_field(shown: str, ctx: dict[str, Any]) -> str:
    """The field a whole-record or order problem is about, from its context (the late
    time of a pair, the event, or the missing field), so forms place it by field."""
    if "field" in ctx:
        return str(ctx["field"])
    name = ctx.get("late_name") or ctx.get("name")
    if name:
        return f"{shown}.{name}" if shown else str(name)
    if "n" in ctx:
        return f"events[{ctx['n']}].at"
    return shown


def explain(error: ValidationError, source: str | None = None) -> InvalidIncident:
    """Turn a pydantic error into an ``InvalidIncident`` that names fields and fixes.

    Free text is never repeated: messages are built from the field path, the kind of
    error and the kit's own words (and times, for time-order errors).
    """
    problems: list[tuple[str, str]] = []
    for item in error.errors(include_input=False, include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        shown, key = _where(loc)
        if kind in {"time_order", "incomplete"}:  # these name their own fields
            problems.append((_named_field(shown, item.get("ctx") or {}), item["msg"]))
            continue
        if kind in messages.ERROR_TYPE_FIXES:
            what = messages.ERROR_TYPE_FIXES[kind]
            fix = _fix_for(key)
            text = f"{shown} {what}" + (f": {fix}" if fix else "")
        else:  # the kit's own custom errors carry their own wording
            text = f"{shown} {item['msg']}" if loc else item["msg"]
        problems.append((shown, text))
    where = f" in {source}" if source else ""
    lines = [text + where for _, text in problems]
    return InvalidIncident("; ".join(lines), problems)


def validate_incident(data: Any, source: str | None = None) -> Incident:
    """Validate plain data (from YAML or a form) into an ``Incident``.

    Raises
    ------
    InvalidIncident
        Naming each broken field and its fix, and ``source`` (the file) when given.
    """
    if not isinstance(data, dict):
        where = f" in {source}" if source else ""
        msg = messages.NOT_A_RECORD.format(where=where)
        raise InvalidIncident(msg, [("(the whole record)", msg)])
    try:
        return Incident.model_validate(data)
    except ValidationError as error:
        raise explain(error, source) from None


def make_id(alert_at: datetime, title: str) -> str:
    """An id of the form ``YYYY-MM-DD-slug`` from the alert date and the title.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> make_id(datetime(2026, 3, 10, tzinfo=timezone.utc), "Payments down: typo!")
    '2026-03-10-payments-down-typo'
    """
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:50].strip("-")
    return f"{alert_at:%Y-%m-%d}-{slug or 'incident'}"
