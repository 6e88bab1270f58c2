"""The headline of a result in words: the tier, then the duties of the roles held, in one
language. The result page and the PDF's summary both print these sentences, so the two say
the same thing; the facts come from `actcheck.rules.briefing`.
"""

from __future__ import annotations

from babel.lists import format_list

from actcheck.rules.briefing import Briefing
from actcheck.rules.model import ROLES, Result, Tier
from actcheck.services.report.words import Words


def roles_phrase(briefing: Briefing, w: Words) -> str:
    """ "as the provider and a deployer": the roles held, as the language lists them."""
    return str(format_list([w.t(f"as.{r.value}") for r in briefing.roles], locale=w.lang))


def headline(briefing: Briefing, w: Words) -> tuple[str, ...]:
    """The headline's sentences: the tier first, then how many duties the roles held carry
    (bans apart, exactly the duties listed), and whether the provider carries the rest.

    A minimal-risk system with duties says so in its first sentence: "minimal risk" alone
    would read as nothing to do."""
    tier = briefing.tier
    n = briefing.duty_count
    roles = roles_phrase(briefing, w)
    if n and tier is Tier.MINIMAL_RISK:
        out = [w.plural("headline.minimal_risk_duties", n, roles=roles)]
    else:
        out = [w.t(f"headline.{tier.value}")]
    if n and tier is not Tier.MINIMAL_RISK:
        if tier is Tier.PROHIBITED:
            out.append(w.plural("headline.besides_ban", n, roles=roles))
        else:
            key = "headline.duties_rest" if briefing.provider_carries_rest else "headline.duties"
            out.append(w.plural(key, n, As_roles=roles[:1].upper() + roles[1:]))
    if briefing.model_duty_count:
        out.append(w.plural("headline.model", briefing.model_duty_count))
    return tuple(out)


def plain_facts(result: Result, briefing: Briefing, w: Words) -> tuple[str, ...]:
    """ "Why this result" in the founder's own facts, before any article: the roles they
    said they hold, that the Act reaches the system, and what puts it in its tier."""
    roles = [r for r in ROLES if r in result.roles]
    if roles:
        listed = format_list([w.t(f"role_noun.{r.value}") for r in roles], locale=w.lang)
        out = [w.t("facts.roles", roles=listed)]
    else:
        out = [w.t("facts.no_roles")]
    tier = result.tier
    if tier is not Tier.OUT_OF_SCOPE:
        out.append(w.t("facts.in_scope"))
    if tier is Tier.MINIMAL_RISK and "annex_iii_derogated" in result.facts:
        out.append(w.t("facts.derogated"))
    elif tier is not Tier.OUT_OF_SCOPE:
        out.append(w.t(f"facts.{tier.value}"))
    if briefing.model_duty_count:
        out.append(w.t("facts.model"))
    return tuple(out)
