"""The founders' stories of issue 15, one per kind of result, as complete answer sets;
shared by the result tests of tests/web and tests/browser. Each names the role whose
headline it expects and the groups its duties fall in."""

from __future__ import annotations

from typing import Any

from founders import COMMON, FOUNDERS

_HIGH_RISK = {**FOUNDERS["high_risk"], "annex_iii.profiling": "yes"}
_MODEL = {
    "gpai.provides_model": "yes",
    "gpai.compute_over_threshold": "no",
    "gpai.designated_systemic": "no",
    "gpai.open_weights": "no",
    "gpai.placed_before_2025_08_02": "no",
    "system.placed_before_application": "no",
}

STORIES: dict[str, dict[str, Any]] = {
    # A start-up selling its CV-scoring tool: the provider of a high-risk system.
    "provider": {**_HIGH_RISK, "system.roles": ["provider"]},
    # A company using a vendor's CV-scoring tool on its own applicants.
    "deployer": {**_HIGH_RISK, "system.roles": ["deployer"]},
    # A reseller of that tool.
    "distributor": {**_HIGH_RISK, "system.roles": ["distributor"]},
    # A chatbot built on the company's own general-purpose model.
    "model_and_system": {**FOUNDERS["limited_risk"], **_MODEL},
    # A system still only developed and tested, not launched (Art. 2(8)).
    "pre_launch": {**COMMON, "scope.pre_market_rnd": "yes"},
    # Social scoring (Art. 5(1)(c)).
    "banned": FOUNDERS["prohibited"],
    # A CV parser: an Annex III area, but a narrow procedural task (Art. 6(3)).
    "derogated": {
        **COMMON,
        "annex_iii.areas": ["employment.recruitment"],
        "annex_iii.profiling": "no",
        "annex_iii.derogation": ["narrow_procedural_task"],
        "system.placed_before_application": "no",
    },
}
