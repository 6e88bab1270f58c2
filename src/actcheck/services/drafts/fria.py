"""The fundamental-rights impact assessment of a deployer (Art. 27): the six elements of
Art. 27(1)(a)-(f) as numbered headings, so that the text carries over into the AI Office's
questionnaire template (Art. 27(5)) once it is published; none was as of late 2026."""

from __future__ import annotations

from actcheck.services.drafts.content import Block, DocSection, Draft, Filled, Para
from actcheck.services.drafts.writer import Writer

KIND = "fria"
OBLIGATIONS = ("deployer-fria",)


def title(w: Writer) -> str:
    return w.t(
        "Fundamental-rights impact assessment (Art. 27)",
        "Analyse d'impact sur les droits fondamentaux (Art. 27)",
    )


def elements(w: Writer, *, provider: bool = False) -> list[DocSection]:
    """The Art. 27(1) elements; `provider` words them as the part a provider can pre-fill
    for its customers (the due-diligence pack)."""
    t = w.t
    persons: Block = w.field(
        t("Categories of persons", "Catégories de personnes"),
        "system.affected_persons",
        t(
            "Every category of natural persons and groups likely to be affected.",
            "Chaque catégorie de personnes physiques et de groupes susceptibles d'être concernés.",
        ),
    )
    annex: tuple[Block, ...] = (
        (Filled(t("Annex III use", "Usage de l'annexe III"), w.answer("annex_iii.areas")),)
        if w.values("annex_iii.areas")
        else ()
    )
    return [
        DocSection(
            t(
                f"(a) Processes in which the system is used ({w.cite('Art. 27(1)(a)')})",
                f"a) Processus dans lesquels le système est utilisé ({w.cite('Art. 27(1)(a)')})",
            ),
            (
                w.field(
                    t("Intended purpose", "Destination"),
                    "system.description",
                    t(
                        "The intended purpose, from the provider's instructions.",
                        "La destination, selon la notice du fournisseur.",
                    ),
                ),
                *annex,
                w.todo(
                    t("The deployer's process", "Le processus du déployeur"),
                    t(
                        "Where in the customer's process the system is used, and what decision its output feeds.",
                        "Où, dans le processus du client, le système intervient, et quelle décision son résultat alimente.",
                    )
                    if provider
                    else t(
                        "Where in your process the system is used, by whom, and what decision its output feeds.",
                        "Où, dans votre processus, le système intervient, par qui, et quelle décision son résultat alimente.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                f"(b) Period and frequency of use ({w.cite('Art. 27(1)(b)')})",
                f"b) Période et fréquence d'utilisation ({w.cite('Art. 27(1)(b)')})",
            ),
            (
                w.todo(
                    t("Period", "Période"),
                    t("From when, for how long.", "À partir de quand, pour combien de temps."),
                ),
                w.todo(
                    t("Frequency", "Fréquence"),
                    t(
                        "How often, how many decisions.",
                        "À quelle fréquence, combien de décisions.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                f"(c) Categories of persons affected ({w.cite('Art. 27(1)(c)')})",
                f"c) Catégories de personnes concernées ({w.cite('Art. 27(1)(c)')})",
            ),
            (
                persons,
                w.todo(
                    t("In this context", "Dans ce contexte"),
                    t(
                        "Vulnerable groups, minors, people with disabilities among them.",
                        "Groupes vulnérables, mineurs, personnes handicapées parmi elles.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                f"(d) Specific risks of harm ({w.cite('Art. 27(1)(d)')})",
                f"d) Risques spécifiques de préjudice ({w.cite('Art. 27(1)(d)')})",
            ),
            (
                Para(
                    t(
                        f"Give the risks your risk management found ({w.cite('Art. 9')}) and your instructions for use state ({w.cite('Art. 13(3)(b)(iii)')}); your customer adds those of its own context.",
                        f"Indiquez les risques relevés par votre gestion des risques ({w.cite('Art. 9')}) et énoncés dans votre notice d'utilisation ({w.cite('Art. 13(3)(b)(iii)')}) ; votre client ajoute ceux de son propre contexte.",
                    )
                    if provider
                    else t(
                        f"Take into account the information the provider gives in its instructions for use ({w.cite('Art. 13')}).",
                        f"Tenez compte des informations du fournisseur dans sa notice d'utilisation ({w.cite('Art. 13')}).",
                    )
                ),
                w.todo(
                    t("Risks to each category", "Risques pour chaque catégorie"),
                    t(
                        "Discrimination, privacy, access to work, credit or services, freedom of expression...: what could happen, how likely, how serious.",
                        "Discrimination, vie privée, accès à l'emploi, au crédit ou aux services, liberté d'expression... : ce qui pourrait arriver, avec quelle probabilité et quelle gravité.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                f"(e) Human oversight ({w.cite('Art. 27(1)(e)', 'Art. 14')})",
                f"e) Contrôle humain ({w.cite('Art. 27(1)(e)', 'Art. 14')})",
            ),
            (
                w.todo(
                    t("Oversight measures", "Mesures de contrôle humain"),
                    t(
                        "Who oversees the output, with what training and authority, and how they can override or stop it, as the instructions for use say.",
                        "Qui contrôle le résultat, avec quelle formation et quelle autorité, et comment il peut le corriger ou l'arrêter, selon la notice d'utilisation.",
                    ),
                ),
            ),
        ),
        DocSection(
            t(
                f"(f) Measures if the risks materialise ({w.cite('Art. 27(1)(f)')})",
                f"f) Mesures si les risques se matérialisent ({w.cite('Art. 27(1)(f)')})",
            ),
            (
                w.todo(
                    t("Measures", "Mesures"),
                    t(
                        "What is done when a risk materialises.",
                        "Ce qui est fait quand un risque se réalise.",
                    ),
                ),
                w.todo(
                    t("Internal governance", "Gouvernance interne"),
                    t("Who is responsible, who is told.", "Qui est responsable, qui est informé."),
                ),
                w.todo(
                    t("Complaint handling", "Traitement des réclamations"),
                    t(
                        "How an affected person complains and gets an answer, including an explanation of the decision (Art. 86).",
                        "Comment une personne concernée se plaint et obtient une réponse, y compris une explication de la décision (Art. 86).",
                    ),
                ),
            ),
        ),
    ]


def build(w: Writer) -> Draft:
    t = w.t
    sections = [
        DocSection(
            t("The deployer and the system", "Le déployeur et le système"),
            (
                Filled(t("Deployer", "Déployeur"), w.organisation),
                Filled(t("AI system", "Système d'IA"), w.system),
                w.field(
                    t("Public body", "Organisme de droit public"),
                    "org.public_body",
                    t("Yes or no.", "Oui ou non."),
                ),
                w.field(
                    t(
                        "Private entity providing public services",
                        "Entité privée fournissant des services publics",
                    ),
                    "org.public_service",
                    t("Yes or no.", "Oui ou non."),
                ),
                w.todo(
                    t("Provider of the system", "Fournisseur du système"),
                    t(
                        "Name, and the version of its instructions for use you relied on.",
                        "Nom, et version de sa notice d'utilisation sur laquelle vous vous appuyez.",
                    ),
                ),
                Para(
                    t(
                        f"Carry out this assessment before first deploying the system; in similar cases you may rely on an earlier one or on the provider's, and update it when an element changes ({w.cite('Art. 27(2)')}).",
                        f"Réalisez cette analyse avant le premier déploiement ; dans des cas similaires, vous pouvez vous appuyer sur une analyse antérieure ou sur celle du fournisseur, et la mettre à jour quand un élément change ({w.cite('Art. 27(2)')}).",
                    )
                ),
            ),
        ),
        *elements(w),
        DocSection(
            t("Notification and data protection", "Notification et protection des données"),
            (
                Para(
                    t(
                        f"Notify the market surveillance authority of the results, with the template once published ({w.cite('Art. 27(3)', 'Art. 27(5)')}). "
                        f"Where a data protection impact assessment exists, this assessment complements it ({w.cite('Art. 27(4)', 'Art. 26(9)')}); the 2026 amendments allow cross-references to it {w.reported()}.",
                        f"Notifiez les résultats à l'autorité de surveillance du marché, avec le modèle une fois publié ({w.cite('Art. 27(3)', 'Art. 27(5)')}). "
                        f"Lorsqu'une analyse d'impact relative à la protection des données existe, cette analyse la complète ({w.cite('Art. 27(4)', 'Art. 26(9)')}) ; les modifications de 2026 permettent d'y renvoyer {w.reported()}.",
                    )
                ),
                w.todo(
                    t("Date notified", "Date de notification"),
                    t("And to which authority.", "Et à quelle autorité."),
                ),
                w.todo(
                    t("DPIA reference", "Référence de l'AIPD"),
                    t("Where one exists.", "S'il en existe une."),
                ),
            ),
        ),
    ]
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "The six elements of Art. 27(1)(a)-(f) (Act text). The AI Office template of Art. 27(5) was not published as of late 2026: carry each heading over when it is.",
            "Les six éléments de l'Art. 27(1), points a) à f) (texte du règlement). Le modèle du Bureau de l'IA prévu à l'Art. 27(5) n'était pas publié fin 2026 : reportez chaque rubrique quand il le sera.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
