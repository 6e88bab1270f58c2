"""The technical documentation of a high-risk system (Art. 11, Annex IV): the nine
headings of Annex IV, pre-filled where the answers tell, every other field to write; with
the note on the simplified form for SMEs (and, as amended in 2026, small mid-caps)."""

from __future__ import annotations

from actcheck.services.drafts.content import Block, DocSection, Draft, Filled, Para
from actcheck.services.drafts.writer import Writer

KIND = "technical-documentation"
OBLIGATIONS = ("hr-technical-documentation",)

SME_SIZES = frozenset({"micro", "small", "medium"})


def title(w: Writer) -> str:
    return w.t(
        "Technical documentation (Art. 11, Annex IV)",
        "Documentation technique (Art. 11, annexe IV)",
    )


def build(w: Writer) -> Draft:
    t = w.t
    size = w.values("org.size")
    sme: list[Block] = []
    if set(size) & SME_SIZES:
        sme.append(
            Para(
                t(
                    f"As an SME you may provide these elements in a simplified manner, with the form the Commission is to establish ({w.cite('Art. 11(1)')}); no such form was published as of late 2026, so this draft follows Annex IV in full.",
                    f"En tant que PME, vous pouvez fournir ces éléments de manière simplifiée, avec le formulaire que la Commission doit établir ({w.cite('Art. 11(1)')}) ; aucun formulaire n'était publié fin 2026, ce projet suit donc l'annexe IV en entier.",
                )
            )
        )
    elif "small_mid_cap" in size:
        sme.append(
            Para(
                t(
                    f"The 2026 amendments extend the simplified form of {w.cite('Art. 11(1)')} to small mid-caps {w.reported()}; no form was published as of late 2026, so this draft follows Annex IV in full.",
                    f"Les modifications de 2026 étendent le formulaire simplifié de l'{w.cite('Art. 11(1)')} aux petites entreprises de taille intermédiaire {w.reported()} ; aucun formulaire n'était publié fin 2026, ce projet suit donc l'annexe IV en entier.",
                )
            )
        )

    def todo(label_en: str, label_fr: str, hint_en: str, hint_fr: str) -> Block:
        return w.todo(t(label_en, label_fr), t(hint_en, hint_fr))

    headings = [
        (
            t("1. General description of the AI system", "1. Description générale du système d'IA"),
            (
                Filled(t("Provider", "Fournisseur"), w.organisation),
                Filled(t("Name of the system", "Nom du système"), w.system),
                w.field(
                    t("Intended purpose", "Destination"),
                    "system.description",
                    t("What it is for, for whom.", "À quoi il sert, pour qui."),
                ),
                *(
                    (
                        Filled(
                            t("Annex III use", "Usage de l'annexe III"), w.answer("annex_iii.areas")
                        ),
                    )
                    if w.values("annex_iii.areas")
                    else ()
                ),
                *(
                    (
                        Filled(
                            t("Annex I legislation", "Législation de l'annexe I"),
                            w.answer("annex_i.legislation"),
                        ),
                    )
                    if w.values("annex_i.legislation")
                    else ()
                ),
                todo(
                    "Version",
                    "Version",
                    "Version of the system and how it relates to earlier ones.",
                    "Version du système et lien avec les précédentes.",
                ),
                todo(
                    "Interaction with other hardware or software",
                    "Interaction avec d'autres matériels ou logiciels",
                    "Including other AI systems.",
                    "Y compris d'autres systèmes d'IA.",
                ),
                todo(
                    "Forms in which it is placed on the market; hardware; user interface",
                    "Formes de mise sur le marché ; matériel ; interface utilisateur",
                    "Software package, API, embedded...; screenshots of the deployer's interface.",
                    "Logiciel, API, intégré... ; captures de l'interface du déployeur.",
                ),
                todo(
                    "Instructions for use",
                    "Notice d'utilisation",
                    "Attach them (Art. 13).",
                    "Joignez-la (Art. 13).",
                ),
            ),
        ),
        (
            t(
                "2. Detailed description of the elements and of the development process",
                "2. Description détaillée des éléments et du processus de développement",
            ),
            (
                todo(
                    "Development methods and steps",
                    "Méthodes et étapes de développement",
                    "Including pre-trained systems or third-party tools used.",
                    "Y compris systèmes pré-entraînés ou outils tiers utilisés.",
                ),
                todo(
                    "Design specifications and architecture",
                    "Spécifications de conception et architecture",
                    "General logic, key design choices, trade-offs, computational resources.",
                    "Logique générale, choix de conception, compromis, ressources de calcul.",
                ),
                todo(
                    "Data requirements",
                    "Exigences relatives aux données",
                    "Datasheets: provenance, scope, labelling, cleaning (Art. 10).",
                    "Fiches de données : provenance, champ, étiquetage, nettoyage (Art. 10).",
                ),
                todo(
                    "Human oversight assessment",
                    "Évaluation du contrôle humain",
                    "Art. 14 measures.",
                    "Mesures de l'Art. 14.",
                ),
                todo(
                    "Pre-determined changes",
                    "Modifications prédéterminées",
                    "Changes planned in advance (not substantial modifications, Art. 43(4)).",
                    "Modifications prévues à l'avance (non substantielles, Art. 43(4)).",
                ),
                todo(
                    "Validation and testing",
                    "Validation et essais",
                    "Procedures, metrics, test logs, signed reports.",
                    "Procédures, métriques, journaux d'essais, rapports signés.",
                ),
                todo("Cybersecurity measures", "Mesures de cybersécurité", "Art. 15.", "Art. 15."),
            ),
        ),
        (
            t(
                "3. Monitoring, functioning and control",
                "3. Surveillance, fonctionnement et contrôle",
            ),
            (
                todo(
                    "Capabilities and limitations",
                    "Capacités et limites",
                    "Accuracy for the persons or groups it is used on; foreseeable unintended outcomes; input data specifications.",
                    "Exactitude pour les personnes ou groupes concernés ; résultats non voulus prévisibles ; spécifications des données d'entrée.",
                ),
            ),
        ),
        (
            t(
                "4. Appropriateness of the performance metrics",
                "4. Pertinence des indicateurs de performance",
            ),
            (
                todo(
                    "Metrics and why they fit",
                    "Indicateurs et pourquoi ils conviennent",
                    "For this intended purpose.",
                    "Pour cette destination.",
                ),
            ),
        ),
        (
            t("5. Risk management system", "5. Système de gestion des risques"),
            (
                todo(
                    "Risk management",
                    "Gestion des risques",
                    "The Art. 9 process and its records.",
                    "Le processus de l'Art. 9 et ses traces.",
                ),
            ),
        ),
        (
            t("6. Changes over the lifecycle", "6. Modifications au cours du cycle de vie"),
            (
                todo(
                    "Relevant changes",
                    "Modifications pertinentes",
                    "Log of changes made by the provider.",
                    "Journal des modifications du fournisseur.",
                ),
            ),
        ),
        (
            t(
                "7. Harmonised standards or other solutions applied",
                "7. Normes harmonisées ou autres solutions appliquées",
            ),
            (
                Para(
                    t(
                        "No harmonised standard had been cited in the Official Journal by the sources' dates; CEN-CENELEC JTC 21 drafts exist (prEN 18286, 18228...).",
                        "Aucune norme harmonisée n'était citée au Journal officiel aux dates des sources ; des projets du CEN-CENELEC JTC 21 existent (prEN 18286, 18228...).",
                    )
                ),
                todo(
                    "Standards or specifications",
                    "Normes ou spécifications",
                    "Those applied, or the solutions adopted to meet Chapter III, Section 2.",
                    "Celles appliquées, ou les solutions retenues pour satisfaire au chapitre III, section 2.",
                ),
            ),
        ),
        (
            t("8. EU declaration of conformity", "8. Déclaration UE de conformité"),
            (
                todo(
                    "Copy",
                    "Copie",
                    f"Attach it ({w.cite('Art. 47')}).",
                    f"Joignez-la ({w.cite('Art. 47')}).",
                ),
            ),
        ),
        (
            t("9. Post-market monitoring", "9. Surveillance après commercialisation"),
            (
                todo(
                    "Post-market monitoring plan",
                    "Plan de surveillance après commercialisation",
                    f"The system and plan of {w.cite('Art. 72')}.",
                    f"Le système et le plan de l'{w.cite('Art. 72')}.",
                ),
            ),
        ),
    ]
    sections = [
        DocSection(
            t("About this documentation", "À propos de cette documentation"),
            (
                Para(
                    t(
                        f"Draw up before placing on the market or putting into service, keep up to date ({w.cite('Art. 11', 'Annex IV')}), and keep for ten years ({w.cite('Art. 18')}).",
                        f"À établir avant la mise sur le marché ou la mise en service, à tenir à jour ({w.cite('Art. 11', 'Annex IV')}), et à conserver dix ans ({w.cite('Art. 18')}).",
                    )
                ),
                *sme,
            ),
        ),
        *(DocSection(heading, tuple(blocks)) for heading, blocks in headings),
    ]
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "The nine headings of Annex IV (Act text), paraphrased; the SME simplified form of Art. 11(1) was not published as of late 2026.",
            "Les neuf rubriques de l'annexe IV (texte du règlement), paraphrasées ; le formulaire simplifié pour les PME de l'Art. 11(1) n'était pas publié fin 2026.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
