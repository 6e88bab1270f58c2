"""The Art. 6(4) record: the provider's documented assessment that an Annex III system is
not high-risk under the Art. 6(3) derogation, with the data Art. 49(2) asks to register
(Annex VIII, Section B)."""

from __future__ import annotations

from actcheck.rules.model import Status
from actcheck.services.drafts.content import Block, Bullets, DocSection, Draft, Filled, Para
from actcheck.services.drafts.registration import section_b
from actcheck.services.drafts.writer import Writer

KIND = "derogation-record"
OBLIGATIONS = ("derogation-documentation", "derogation-registration")


def title(w: Writer) -> str:
    return w.t(
        "Art. 6(4) record: assessment that the system is not high-risk",
        "Dossier de l'Art. 6(4) : évaluation établissant que le système n'est pas à haut risque",
    )


def build(w: Writer) -> Draft:
    t = w.t
    conditions: list[Block] = [
        w.field(
            t("Annex III point", "Point de l'annexe III"),
            "annex_iii.areas",
            t("The Annex III use concerned.", "L'usage de l'annexe III concerné."),
        ),
        w.field(
            t("Art. 6(3) condition relied on", "Condition de l'Art. 6(3) invoquée"),
            "annex_iii.derogation",
            t("One of Art. 6(3)(a) to (d).", "L'un des points a) à d) de l'Art. 6(3)."),
        ),
        w.todo(
            t("Why that condition holds", "Pourquoi cette condition est remplie"),
            t(
                "What the system does, step by step, and why that is only the task the "
                "condition names (narrow procedural task, improving a completed human "
                "activity, detecting patterns without replacing human review, or a "
                "preparatory task).",
                "Ce que fait le système, étape par étape, et pourquoi ce n'est que la tâche "
                "que vise la condition (tâche procédurale étroite, amélioration d'une activité "
                "humaine achevée, détection de schémas sans remplacer l'examen humain, ou "
                "tâche préparatoire).",
            ),
        ),
    ]
    rules = w.trace_with("derogation") + w.trace_with("annex-iii")
    for rule in rules:
        conditions.append(
            Para(f"actcheck ({w.cite(*rule.articles, status=rule.status)}): {w.because(rule)}")
        )
    influence = (
        Para(
            t(
                "Art. 6(3) requires that the system does not pose a significant risk of harm to "
                "health, safety or fundamental rights, including by not materially influencing "
                "the outcome of decision making. The Commission's draft guidelines (May 2026, "
                "not final, reported by secondary sources) read the conditions narrowly.",
                "L'Art. 6(3) exige que le système ne présente pas de risque important de préjudice "
                "pour la santé, la sécurité ou les droits fondamentaux, y compris en n'ayant pas "
                "d'incidence significative sur le résultat de la prise de décision. Le projet de "
                "lignes directrices de la Commission (mai 2026, non définitif, selon des sources secondaires) lit ces conditions "
                "de manière restrictive.",
            )
        ),
        w.todo(
            t("Who decides, and on what", "Qui décide, et sur quelle base"),
            t(
                "The decision the output feeds, the person who takes it and what else they "
                "rely on.",
                "La décision que le résultat alimente, la personne qui la prend et les autres "
                "éléments sur lesquels elle s'appuie.",
            ),
        ),
        w.todo(
            t(
                "Why the output does not materially influence it",
                "Pourquoi le résultat n'a pas d'incidence significative",
            ),
            t(
                "Evidence: how often reviewers depart from the output, what they see, "
                "whether the system can be bypassed.",
                "Éléments : fréquence à laquelle les examinateurs s'écartent du résultat, ce "
                "qu'ils voient, possibilité de contourner le système.",
            ),
        ),
    )
    profiling = (
        Para(
            t(
                f"An Annex III system that performs profiling of natural persons is always "
                f"high-risk ({w.cite('Art. 6(3)', 'Art. 3(52)')}).",
                f"Un système de l'annexe III qui effectue un profilage de personnes physiques est "
                f"toujours à haut risque ({w.cite('Art. 6(3)', 'Art. 3(52)')}).",
            )
        ),
        w.field(
            t("Profiling (your answer)", "Profilage (votre réponse)"),
            "annex_iii.profiling",
            t("Yes, no or not sure.", "Oui, non ou pas sûr."),
        ),
        w.todo(
            t("Why the system does not profile", "Pourquoi le système ne fait pas de profilage"),
            t(
                "The personal data it uses and why it does not evaluate personal aspects "
                "(performance at work, economic situation, behaviour...) of a person.",
                "Les données personnelles utilisées et pourquoi il n'évalue pas d'aspects "
                "personnels (rendement au travail, situation économique, comportement...).",
            ),
        ),
    )
    change = Bullets(
        (
            t(
                "The system starts to profile natural persons.",
                "Le système se met à profiler des personnes.",
            ),
            t(
                "Its output starts to decide, or to weigh materially in, the decision.",
                "Son résultat se met à décider, ou à peser de façon significative sur la décision.",
            ),
            t(
                "A new purpose or use case in Annex III.",
                "Une nouvelle destination ou un nouvel usage de l'annexe III.",
            ),
            t(
                "The Commission's final guidelines or a delegated act changing the conditions ",
                "Les lignes directrices finales de la Commission ou un acte délégué modifiant les "
                "conditions ",
            )
            + f"({w.cite('Art. 6(5)', 'Art. 6(6)')}).",
        )
    )
    register: list[Block] = [
        Para(
            t(
                f"Before placing the system on the market or putting it into service, register it "
                f"in the EU database ({w.cite('Art. 49(2)')}) with the data of "
                f"{w.cite('Annex VIII Section B')}, and give this record to the national competent "
                f"authorities on request ({w.cite('Art. 6(4)')}). The 2026 amendments keep the "
                f"duty to register and delete points 7 and 9 of Section B {w.reported()}.",
                f"Avant la mise sur le marché ou la mise en service, enregistrez le système dans la "
                f"base de données de l'UE ({w.cite('Art. 49(2)')}) avec les données de "
                f"l'{w.cite('Annex VIII Section B')}, et remettez ce dossier aux autorités "
                f"nationales compétentes sur demande ({w.cite('Art. 6(4)')}). Les modifications de "
                f"2026 maintiennent l'obligation d'enregistrement et suppriment les points 7 et 9 "
                f"de la section B {w.reported()}.",
            )
        )
    ]
    w.cite("Art. 49(2)", status=Status.REPORTED)
    register += section_b(w)
    sections = [
        DocSection(
            t("1. The system", "1. Le système"),
            (
                Filled(t("Provider", "Fournisseur"), w.organisation),
                Filled(t("AI system", "Système d'IA"), w.system),
                w.field(
                    t("Intended purpose", "Destination"),
                    "system.description",
                    t(
                        "The intended purpose as the instructions for use state it.",
                        "La destination telle que la notice d'utilisation l'énonce.",
                    ),
                ),
                w.todo(
                    t("Date of this assessment", "Date de cette évaluation"),
                    t(
                        "Before placing on the market or putting into service.",
                        "Avant la mise sur le marché ou la mise en service.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                "2. The Annex III point and the condition relied on",
                "2. Le point de l'annexe III et la condition invoquée",
            ),
            tuple(conditions),
        ),
        DocSection(
            t(
                "3. No material influence on decisions",
                "3. Aucune incidence significative sur les décisions",
            ),
            influence,
        ),
        DocSection(t("4. No profiling", "4. Aucun profilage"), profiling),
        DocSection(
            t("5. What would change this conclusion", "5. Ce qui changerait cette conclusion"),
            (change,),
        ),
        DocSection(
            t("6. Registration data (Art. 49(2))", "6. Données d'enregistrement (Art. 49(2))"),
            tuple(register),
        ),
        DocSection(
            t("7. Sign-off", "7. Validation"),
            (
                w.todo(
                    t("Assessed by", "Évalué par"),
                    t("Name, function, date.", "Nom, fonction, date."),
                ),
            ),
        ),
    ]
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "The elements of Art. 6(3) and 6(4); no official form exists.",
            "Les éléments de l'Art. 6(3) et 6(4) ; il n'existe pas de modèle officiel.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
