"""The EU database registration sheet (Art. 49, Annex VIII): the data to enter, by the
section of Annex VIII that applies (A: providers of high-risk systems, Art. 49(1); B:
systems assessed as not high-risk under Art. 6(3), Art. 49(2); C: public-authority
deployers, Art. 49(3)). Section B is shared with the Art. 6(4) record.

The points are paraphrased from Annex VIII of the 2024 text; check the numbering and
wording against the Annex before entering them.
"""

from __future__ import annotations

from actcheck.services.drafts.content import Block, DocSection, Draft, Filled, Para
from actcheck.services.drafts.writer import Writer

KIND = "registration"
OBLIGATIONS = (
    "hr-registration",
    "hr-registration-national",
    "derogation-registration",
    "deployer-public-registration",
)


def title(w: Writer) -> str:
    return w.t(
        "EU database registration sheet", "Fiche d'enregistrement dans la base de données de l'UE"
    )


def _provider(w: Writer) -> list[Block]:
    t = w.t
    return [
        Filled(t("1. Provider's name", "1. Nom du fournisseur"), w.organisation),
        w.todo(
            t(
                "1. Provider's address and contact details",
                "1. Adresse et coordonnées du fournisseur",
            ),
            t("Registered address, e-mail, telephone.", "Adresse du siège, courriel, téléphone."),
        ),
        w.todo(
            t(
                "2. Person submitting on the provider's behalf",
                "2. Personne qui soumet pour le fournisseur",
            ),
            t(
                "Name, address, contact, if not the provider.",
                "Nom, adresse, coordonnées, si ce n'est pas le fournisseur.",
            ),
        ),
        w.todo(
            t("3. Authorised representative", "3. Mandataire"),
            t(
                "Name, address, contact, where one is appointed (non-EU providers).",
                "Nom, adresse, coordonnées, s'il en est désigné un (fournisseurs hors UE).",
            ),
        ),
        Filled(t("4. Trade name of the AI system", "4. Nom commercial du système d'IA"), w.system),
        w.todo(
            t(
                "4. Reference for identification and traceability",
                "4. Référence d'identification et de traçabilité",
            ),
            t(
                "Version number or other unambiguous reference.",
                "Numéro de version ou autre référence univoque.",
            ),
        ),
        w.field(
            t("5. Intended purpose", "5. Destination"),
            "system.description",
            t("The intended purpose.", "La destination."),
        ),
    ]


def section_b(w: Writer) -> list[Block]:
    """Annex VIII, Section B: a system assessed as not high-risk under Art. 6(3)."""
    t = w.t
    return [
        Para(
            t(
                f"Data of {w.cite('Annex VIII Section B')}:",
                f"Données de l'{w.cite('Annex VIII Section B')} :",
            )
        ),
        *_provider(w),
        w.field(
            t("6. Art. 6(3) condition(s) relied on", "6. Condition(s) de l'Art. 6(3) invoquée(s)"),
            "annex_iii.derogation",
            t("Art. 6(3)(a) to (d).", "Art. 6(3), points a) à d)."),
        ),
        w.todo(
            t(
                "7. Short summary of the grounds (deleted in 2026, reported)",
                "7. Bref résumé des motifs (supprimé en 2026, source secondaire)",
            ),
            t(
                "Summary of section 2 to 4 of the Art. 6(4) record, if still asked.",
                "Résumé des sections 2 à 4 du dossier de l'Art. 6(4), s'il est encore demandé.",
            ),
        ),
        w.todo(
            t("8. Status", "8. Statut"),
            t(
                "On the market / in service / no longer / recalled.",
                "Sur le marché / en service / plus sur le marché / rappelé.",
            ),
        ),
        w.todo(
            t(
                "9. Member States (deleted in 2026, reported)",
                "9. États membres (supprimé en 2026, source secondaire)",
            ),
            t(
                "Where it is placed on the market, put into service or made available.",
                "Où il est mis sur le marché, mis en service ou mis à disposition.",
            ),
        ),
    ]


def section_a(w: Writer) -> list[Block]:
    """Annex VIII, Section A: a high-risk system, registered by its provider (Art. 49(1))."""
    t = w.t
    return [
        Para(
            t(
                f"Data of {w.cite('Annex VIII Section A')}:",
                f"Données de l'{w.cite('Annex VIII Section A')} :",
            )
        ),
        *_provider(w),
        w.todo(
            t("5. Components and functions supported", "5. Composants et fonctions pris en charge"),
            t("Short description.", "Brève description."),
        ),
        w.todo(
            t(
                "6. Information used and operating logic",
                "6. Informations utilisées et logique de fonctionnement",
            ),
            t(
                "Basic, concise description of the data or inputs and of the logic.",
                "Description sommaire des données ou entrées et de la logique.",
            ),
        ),
        w.todo(
            t("7. Status", "7. Statut"),
            t(
                "On the market / in service / no longer / recalled.",
                "Sur le marché / en service / plus sur le marché / rappelé.",
            ),
        ),
        w.todo(
            t("8-9. Notified body certificate", "8-9. Certificat de l'organisme notifié"),
            t(
                "Type, number, expiry, notified body, copy: where applicable (Annex III point 1).",
                "Type, numéro, expiration, organisme notifié, copie : le cas échéant (annexe III, point 1).",
            ),
        ),
        w.todo(
            t("10. Member States", "10. États membres"),
            t("Where it is made available.", "Où il est mis à disposition."),
        ),
        w.todo(
            t("11. EU declaration of conformity", "11. Déclaration UE de conformité"),
            t(f"A copy ({w.cite('Art. 47')}).", f"Une copie ({w.cite('Art. 47')})."),
        ),
        w.todo(
            t("12. Instructions for use", "12. Notice d'utilisation"),
            t(
                f"Electronic instructions ({w.cite('Art. 13')}); not for Annex III points 1, 6 and 7 "
                "in law enforcement or migration.",
                f"La notice électronique ({w.cite('Art. 13')}) ; sauf annexe III, points 1, 6 et 7 "
                "en matière répressive ou migratoire.",
            ),
        ),
        w.todo(
            t(
                "13. Web address for more information (optional)",
                "13. Adresse web d'information (facultatif)",
            ),
            t("URL.", "URL."),
        ),
    ]


def section_c(w: Writer) -> list[Block]:
    """Annex VIII, Section C: a public-authority deployer (Art. 49(3))."""
    t = w.t
    return [
        Para(
            t(
                f"Data of {w.cite('Annex VIII Section C')}:",
                f"Données de l'{w.cite('Annex VIII Section C')} :",
            )
        ),
        Filled(t("1. Deployer's name", "1. Nom du déployeur"), w.organisation),
        w.todo(
            t(
                "1. Deployer's address and contact details",
                "1. Adresse et coordonnées du déployeur",
            ),
            t("Address, e-mail, telephone.", "Adresse, courriel, téléphone."),
        ),
        w.todo(
            t(
                "2. Person submitting on the deployer's behalf",
                "2. Personne qui soumet pour le déployeur",
            ),
            t("Name, address, contact.", "Nom, adresse, coordonnées."),
        ),
        w.todo(
            t(
                "3. The provider's entry of the system",
                "3. L'inscription du système par son fournisseur",
            ),
            t(
                "Web address of the provider's entry in the EU database.",
                "Adresse web de l'inscription du fournisseur dans la base de l'UE.",
            ),
        ),
        w.todo(
            t(
                "4. Summary of the fundamental-rights impact assessment",
                "4. Résumé de l'analyse d'impact sur les droits fondamentaux",
            ),
            t(
                f"Findings of the assessment ({w.cite('Art. 27')}).",
                f"Conclusions de l'analyse ({w.cite('Art. 27')}).",
            ),
        ),
        w.todo(
            t(
                "5. Summary of the data protection impact assessment",
                "5. Résumé de l'analyse d'impact relative à la protection des données",
            ),
            t(
                f"Where applicable ({w.cite('Art. 26(8)')}).",
                f"Le cas échéant ({w.cite('Art. 26(8)')}).",
            ),
        ),
    ]


def build(w: Writer) -> Draft:
    t = w.t
    sections: list[DocSection] = []
    if w.has("hr-registration"):
        sections.append(
            DocSection(
                t(
                    "Provider of a high-risk system (Art. 49(1))",
                    "Fournisseur d'un système à haut risque (Art. 49(1))",
                ),
                (
                    Para(
                        t(
                            f"Register before placing on the market or putting into service ({w.cite('Art. 16(i)', 'Art. 49(1)')}).",
                            f"Enregistrez avant la mise sur le marché ou la mise en service ({w.cite('Art. 16(i)', 'Art. 49(1)')}).",
                        )
                    ),
                    *section_a(w),
                ),
            )
        )
    if w.has("hr-registration-national"):
        sections.append(
            DocSection(
                t("Critical infrastructure (Art. 49(5))", "Infrastructures critiques (Art. 49(5))"),
                (
                    Para(
                        t(
                            f"Systems of Annex III point 2 are registered at national level, not in the EU database ({w.cite('Art. 49(5)')}). "
                            "Ask your national competent authority which register and form apply.",
                            f"Les systèmes de l'annexe III, point 2, sont enregistrés au niveau national et non dans la base de l'UE ({w.cite('Art. 49(5)')}). "
                            "Demandez à votre autorité nationale compétente quel registre et quel formulaire s'appliquent.",
                        )
                    ),
                    *_provider(w),
                ),
            )
        )
    if w.has("derogation-registration"):
        sections.append(
            DocSection(
                t(
                    "System assessed as not high-risk (Art. 49(2))",
                    "Système évalué comme n'étant pas à haut risque (Art. 49(2))",
                ),
                tuple(section_b(w)),
            )
        )
    if w.has("deployer-public-registration"):
        sections.append(
            DocSection(
                t(
                    "Public-authority deployer (Art. 49(3))",
                    "Déployeur autorité publique (Art. 49(3))",
                ),
                (
                    Para(
                        t(
                            f"Register your use before using the system, and do not use a system its provider has not registered ({w.cite('Art. 26(8)', 'Art. 49(3)')}).",
                            f"Enregistrez votre utilisation avant d'utiliser le système, et n'utilisez pas un système que son fournisseur n'a pas enregistré ({w.cite('Art. 26(8)', 'Art. 49(3)')}).",
                        )
                    ),
                    *section_c(w),
                ),
            )
        )
    sections.append(
        DocSection(
            t("Note", "Remarque"),
            (
                Para(
                    t(
                        f"The points are paraphrased from {w.cite('Annex VIII')} of the 2024 text: check their "
                        "numbering and wording against the Annex and the database's own form before entering "
                        "them. Systems of Annex III points 1, 6 and 7 in law enforcement and migration are "
                        f"registered in a secure non-public section ({w.cite('Art. 49(4)')}).",
                        f"Les points sont paraphrasés de l'{w.cite('Annex VIII')} du texte de 2024 : vérifiez leur "
                        "numérotation et leur formulation dans l'annexe et dans le formulaire de la base avant de "
                        "les saisir. Les systèmes de l'annexe III, points 1, 6 et 7, en matière répressive et "
                        f"migratoire sont enregistrés dans une section sécurisée non publique ({w.cite('Art. 49(4)')}).",
                    )
                ),
            ),
        )
    )
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "Annex VIII, Sections A to C (2024 text; 2026 deletions in Section B reported).",
            "Annexe VIII, sections A à C (texte de 2024 ; suppressions de 2026 dans la section B selon des sources secondaires).",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
