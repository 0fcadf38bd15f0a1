"""The team's names in one place, for notebooks 05, 06 and 07: ``kit.team.pool(...)``.

Nothing is defined here. Each name lives in the module of its concept, from the bottom
up (a module only imports those above it in this list):

- :mod:`kit.export`: the anonymous export format, pseudonyms, writing an export;
- :mod:`kit.privacy`: minimum group sizes and the team's suppressed tables;
- :mod:`kit.pool`: reading a folder of exports, with a problem per bad file;
- :mod:`kit.team_charts`: the team's charts;
- :mod:`kit.mentor`: the mentor walkthrough and the workshop's prompts.
"""

from __future__ import annotations

from .export import (
    EXPORT_COLUMNS,
    EXPORT_FORMAT,
    PSEUDONYM_PATTERN,
    export_anonymous,
    export_choices,
    export_preview,
    new_pseudonym,
    what_it_hides,
)
from .mentor import (
    attribution,
    attribution_table,
    beside_sample,
    describe_view,
    mentor_agenda,
    mentor_questions,
    mentor_view,
    workshop_prompts,
)
from .pool import PoolProblem, describe_pool, pool, pool_with_problems
from .privacy import (
    MIN_PEOPLE,
    breakdown,
    by_incident_number,
    count_people,
    note,
    show,
    suppression_rule,
    systemic_share,
    technique_comparison,
)
from .team_charts import (
    incident_number_chart,
    small_multiples_chart,
    systemic_share_chart,
    techniques_chart,
)

__all__ = [
    "MIN_PEOPLE",
    "EXPORT_FORMAT",
    "EXPORT_COLUMNS",
    "PSEUDONYM_PATTERN",
    "PoolProblem",
    "new_pseudonym",
    "export_preview",
    "export_anonymous",
    "export_choices",
    "what_it_hides",
    "pool",
    "pool_with_problems",
    "describe_pool",
    "count_people",
    "breakdown",
    "note",
    "show",
    "suppression_rule",
    "systemic_share",
    "technique_comparison",
    "by_incident_number",
    "small_multiples_chart",
    "incident_number_chart",
    "systemic_share_chart",
    "techniques_chart",
    "beside_sample",
    "attribution",
    "attribution_table",
    "mentor_view",
    "describe_view",
    "mentor_agenda",
    "mentor_questions",
    "workshop_prompts",
]
