"""The AI literacy plan and training record (Art. 4): a short plan of who needs to know
what about the organisation's AI systems, and a table of who was trained on what, when."""

from __future__ import annotations

from actcheck.rules.model import Status
from actcheck.services.drafts.content import Bullets, DocSection, Draft, Filled, Para, Table
from actcheck.services.drafts.writer import Writer

KIND = "ai-literacy"
OBLIGATIONS = ("ai-literacy",)


def title(w: Writer) -> str:
    return w.t(
        "AI literacy plan and training record (Art. 4)",
        "Plan de maîtrise de l'IA et registre des formations (Art. 4)",
    )


def build(w: Writer) -> Draft:
    t = w.t
    sections = [
        DocSection(
            t("1. The duty", "1. L'obligation"),
            (
                Para(
                    t(
                        f"Providers and deployers take measures for the AI literacy of their staff and of others who operate or use AI systems on their behalf ({w.cite('Art. 4', status=Status.REPORTED)}). "
                        "In application since 2 February 2025. As replaced in 2026 the duty is to support the development of AI literacy, without guaranteeing any level for an individual "
                        f"{w.reported()}.",
                        f"Les fournisseurs et les déployeurs prennent des mesures pour la maîtrise de l'IA de leur personnel et des autres personnes qui utilisent des systèmes d'IA pour leur compte ({w.cite('Art. 4', status=Status.REPORTED)}). "
                        "Applicable depuis le 2 février 2025. Dans sa version de 2026, l'obligation consiste à soutenir le développement de la maîtrise de l'IA, sans garantir un niveau pour chaque personne "
                        f"{w.reported()}.",
                    )
                ),
                Filled(t("Organisation", "Organisme"), w.organisation),
                Filled(t("AI system", "Système d'IA"), w.system),
                Filled(t("Roles", "Rôles"), w.roles()),
            ),
        ),
        DocSection(
            t("2. Plan", "2. Plan"),
            (
                w.todo(
                    t("Who works with the system", "Qui travaille avec le système"),
                    t(
                        "Teams and functions: developers, operators, support, sales, management.",
                        "Équipes et fonctions : développement, exploitation, support, vente, direction.",
                    ),
                ),
                Bullets(
                    (
                        t(
                            "What the system does and does not do; its limits and known errors.",
                            "Ce que le système fait et ne fait pas ; ses limites et erreurs connues.",
                        ),
                        t(
                            "The tier actcheck found and the duties that follow.",
                            "La catégorie trouvée par actcheck et les obligations qui en découlent.",
                        ),
                        t(
                            "How to check, question and override its output; automation bias.",
                            "Comment vérifier, contester et corriger ses résultats ; le biais d'automatisation.",
                        ),
                        t(
                            "Data protection and whom to tell when something goes wrong.",
                            "La protection des données et qui prévenir en cas de problème.",
                        ),
                    )
                ),
                w.todo(
                    t("Format and rhythm", "Format et rythme"),
                    t(
                        "Session, e-learning, onboarding; refresh when the system changes.",
                        "Session, formation en ligne, accueil ; mise à jour quand le système change.",
                    ),
                ),
                w.todo(t("Responsible person", "Personne responsable"), t("Name.", "Nom.")),
            ),
        ),
        DocSection(
            t("3. Training record", "3. Registre des formations"),
            (
                Para(
                    t(
                        "One line per person and training; keep it with the plan.",
                        "Une ligne par personne et par formation ; conservez-le avec le plan.",
                    )
                ),
                Table(
                    (
                        t("Name", "Nom"),
                        t("Function", "Fonction"),
                        t("Trained on", "Contenu de la formation"),
                        t("Date", "Date"),
                        t("Given by", "Formateur"),
                    )
                ),
            ),
        ),
    ]
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "Art. 4 of the Act; no form is prescribed.",
            "Art. 4 du règlement ; aucun modèle n'est prescrit.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
