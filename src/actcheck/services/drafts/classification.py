"""The classification decision record, drafted for every system whatever its tier: the
facts relied on, the reasoning per article (the engine's trace), the open points, who
decided and when, and the events that call for a new assessment."""

from __future__ import annotations

from actcheck.rules.model import GpaiTrack, text_in
from actcheck.services.drafts.content import (
    Block,
    Bullets,
    DocSection,
    Draft,
    Filled,
    Para,
)
from actcheck.services.drafts.writer import Writer

KIND = "classification"
OBLIGATIONS: tuple[str, ...] = ()
"""Served by no single obligation: it records how the result that binds them was reached."""


def title(w: Writer) -> str:
    return w.t("Classification decision record", "Dossier de décision de classification")


def build(w: Writer) -> Draft:
    result = w.result
    t = w.t
    facts: list[Block] = [
        Filled(t("Organisation", "Organisme"), w.organisation),
        Filled(t("AI system", "Système d'IA"), w.system),
        w.field(
            t("What the system does", "Ce que fait le système"),
            "system.description",
            t(
                "Describe the intended purpose in two or three sentences.",
                "Décrivez la destination en deux ou trois phrases.",
            ),
        ),
        Filled(t("Roles of the organisation", "Rôles de l'organisme"), w.roles()),
        w.field(t("Size", "Taille"), "org.size", t("Micro, small, medium...", "Micro, petite...")),
        w.field(
            t("Established in the EU", "Établi dans l'UE"),
            "org.established_in_eu",
            t("Yes or no.", "Oui ou non."),
        ),
        w.field(
            t("Persons affected", "Personnes concernées"),
            "system.affected_persons",
            t("Who is subject to the system's output.", "Qui est soumis aux résultats du système."),
        ),
    ]
    if w.values("annex_iii.areas"):
        facts.append(
            Filled(
                t("Annex III uses declared", "Usages de l'annexe III déclarés"),
                w.answer("annex_iii.areas"),
            )
        )
    facts.append(
        Para(
            t(
                "Every answer given to actcheck's questionnaire is in the assessment's answers file; "
                "keep it with this record.",
                "Toutes les réponses données au questionnaire d'actcheck figurent dans le fichier de "
                "réponses de l'évaluation ; conservez-le avec ce dossier.",
            )
        )
    )

    outcome: list[Block] = [Filled(t("Tier", "Catégorie"), w.tier())]
    if result.scope_reason:
        outcome.append(
            Filled(
                t("Why out of scope", "Motif d'exclusion"), w.label(f"scope.{result.scope_reason}")
            )
        )
    if result.gpai is not GpaiTrack.NONE:
        outcome.append(
            Filled(
                t("General-purpose AI model", "Modèle d'IA à usage général"),
                t("with systemic risk", "présentant un risque systémique")
                if result.gpai is GpaiTrack.SYSTEMIC
                else t("yes", "oui"),
            )
        )
    outcome.append(
        Filled(
            t("Needs a lawyer's review", "À faire relire par un avocat"),
            t("yes: some answers were uncertain", "oui : certaines réponses étaient incertaines")
            if result.needs_review
            else t("recommended in every case", "recommandé dans tous les cas"),
        )
    )

    reasoning: list[Block] = []
    for rule in result.trace:
        refs = w.cite(*rule.articles, status=rule.status)
        reasoning.append(Para(f"{text_in(rule.title, w.lang)} ({refs}): {w.because(rule)}"))
    if not reasoning:
        reasoning.append(
            Para(
                t(
                    "No rule of the rule set fired: the system is minimal-risk on these answers.",
                    "Aucune règle ne s'est appliquée : le système est à risque minimal sur ces réponses.",
                )
            )
        )

    duties = [
        f"{text_in(o.obligation.title, w.lang)} ({w.label(f'role.{o.role}')}; "
        f"{w.cite(*o.obligation.articles, status=o.obligation.status)}; "
        f"{t('from', 'à partir du')} {w.date(o.applies_from.date)})"
        for o in result.obligations
    ]

    questions = result.ruleset.questions
    open_points = [
        f"{text_in(questions[q].text, w.lang)} {t('Answer', 'Réponse')}: {w.answer(q)}"
        for q in result.uncertain
        if q in questions
    ] + result.warnings_in(w.lang)

    triggers = Bullets(
        (
            t("A new or changed intended purpose ", "Une destination nouvelle ou modifiée ")
            + f"({w.cite('Art. 3(12)', 'Art. 25(1)(c)')}).",
            t(
                "A substantial modification of the system ",
                "Une modification substantielle du système ",
            )
            + f"({w.cite('Art. 3(23)', 'Art. 25(1)(b)', 'Art. 43(4)')}).",
            t(
                "A new role: putting your name or trademark on a system, importing or distributing it ",
                "Un nouveau rôle : apposer votre nom ou votre marque sur un système, l'importer ou le "
                "distribuer ",
            )
            + f"({w.cite('Art. 25(1)(a)')}).",
            t(
                "New users or persons affected, a new market, or use in the workplace.",
                "De nouveaux utilisateurs ou de nouvelles personnes concernées, un nouveau marché, ou "
                "un usage sur le lieu de travail.",
            ),
            t(
                "A new actcheck rule set, the Commission's final high-risk guidelines (the 2026 text "
                "is a draft) or a change to Annex III ",
                "Un nouveau jeu de règles actcheck, les lignes directrices finales de la Commission sur "
                "le haut risque (le texte de 2026 est un projet) ou une modification de l'annexe III ",
            )
            + f"({w.cite('Art. 6(5)', 'Art. 7')}).",
        )
    )

    sections = [
        DocSection(t("1. Facts relied on", "1. Faits retenus"), tuple(facts)),
        DocSection(t("2. Result", "2. Résultat"), tuple(outcome)),
        DocSection(
            t("3. Reasoning, article by article", "3. Raisonnement, article par article"),
            tuple(reasoning),
        ),
        DocSection(
            t("4. Obligations that follow", "4. Obligations qui en découlent"),
            (Bullets(tuple(duties)),) if duties else (Para(t("None.", "Aucune.")),),
        ),
        DocSection(
            t("5. Open points", "5. Points ouverts"),
            (Bullets(tuple(open_points)),)
            if open_points
            else (Para(t("None recorded by actcheck.", "Aucun relevé par actcheck.")),),
        ),
        DocSection(
            t("6. Decision", "6. Décision"),
            (
                w.todo(
                    t("Decided by", "Décidé par"),
                    t(
                        "Name and function of the person who takes this classification decision.",
                        "Nom et fonction de la personne qui prend cette décision.",
                    ),
                ),
                w.todo(
                    t("Date of the decision", "Date de la décision"),
                    t("The day it was decided.", "Le jour de la décision."),
                ),
                w.todo(
                    t("Reviewed by", "Relu par"),
                    t(
                        "The lawyer or adviser who reviewed it, and when.",
                        "L'avocat ou le conseil qui l'a relue, et quand.",
                    ),
                ),
                w.todo(
                    t(
                        "How the open points were settled",
                        "Comment les points ouverts ont été tranchés",
                    ),
                    t(
                        "For each open point above: the answer kept and why.",
                        "Pour chaque point ouvert : la réponse retenue et pourquoi.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                "7. Events that call for a new assessment",
                "7. Événements qui appellent une nouvelle évaluation",
            ),
            (triggers,),
        ),
    ]
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "actcheck's own structure: the Act prescribes no form for this record.",
            "Structure propre à actcheck : le règlement ne prescrit aucun modèle.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
