"""The Art. 50 transparency texts: the notice that people talk to an AI system, the labels
for deep fakes and for generated text on matters of public interest, the notice to persons
exposed to emotion recognition or biometric categorisation, and the machine-readable
marking note; each text given in English AND French whatever the document's language,
since it is shown to the organisation's users."""

from __future__ import annotations

from actcheck.rules.model import Status
from actcheck.services.drafts.content import Block, Bullets, DocSection, Draft, Filled, Para
from actcheck.services.drafts.writer import Writer

KIND = "transparency"
OBLIGATIONS = (
    "transparency-interaction",
    "transparency-marking",
    "transparency-deep-fake",
    "transparency-public-text",
    "transparency-emotion-biometric",
)


def title(w: Writer) -> str:
    return w.t("Transparency texts (Art. 50)", "Textes de transparence (Art. 50)")


def _texts(w: Writer, en: str, fr: str) -> tuple[Block, ...]:
    return (
        Filled(w.t("Text in English", "Texte en anglais"), en),
        Filled(w.t("Text in French", "Texte en français"), fr),
    )


def build(w: Writer) -> Draft:
    t = w.t
    name = w.system
    sections: list[DocSection] = []
    if w.has("transparency-interaction"):
        sections.append(
            DocSection(
                t(
                    "Notice: you are talking to an AI system",
                    "Mention : vous échangez avec un système d'IA",
                ),
                (
                    Para(
                        t(
                            f"People who interact with the system must be told it is an AI system, at the latest at the first interaction, clearly and accessibly ({w.cite('Art. 50(1)', 'Art. 50(5)')}).",
                            f"Les personnes qui interagissent avec le système doivent être informées qu'il s'agit d'un système d'IA, au plus tard lors de la première interaction, de façon claire et accessible ({w.cite('Art. 50(1)', 'Art. 50(5)')}).",
                        )
                    ),
                    *_texts(
                        w,
                        f"You are talking to {name}, an artificial intelligence system, not a person. "
                        "Its answers can be wrong. You can ask for a human at any time.",
                        f"Vous échangez avec {name}, un système d'intelligence artificielle, et non avec une "
                        "personne. Ses réponses peuvent être inexactes. Vous pouvez demander à parler à un humain à tout moment.",
                    ),
                    w.todo(
                        t("Where and when it is shown", "Où et quand elle s'affiche"),
                        t(
                            "The first screen or the first spoken sentence; keep the human contact only if you offer one.",
                            "Le premier écran ou la première phrase prononcée ; gardez le contact humain seulement si vous en proposez un.",
                        ),
                    ),
                ),
            )
        )
    if w.has("transparency-marking"):
        sections.append(
            DocSection(
                t(
                    "Machine-readable marking of generated content",
                    "Marquage lisible par machine du contenu généré",
                ),
                (
                    Para(
                        t(
                            f"Synthetic audio, image, video or text output must be marked in a machine-readable format and detectable as artificially generated or manipulated ({w.cite('Art. 50(2)')}).",
                            f"Les contenus audio, image, vidéo ou texte de synthèse doivent être marqués dans un format lisible par machine et identifiables comme générés ou manipulés par une IA ({w.cite('Art. 50(2)')}).",
                        )
                    ),
                    Para(
                        t(
                            f"Systems placed on the market before 2 August 2026 have until 2 December 2026 ({w.cite('Art. 111(4)', status=Status.REPORTED)}) {w.reported()}. "
                            "The Code of Practice on marking and labelling AI-generated content (final 10 June 2026, voluntary) is reported by single sources: check it.",
                            f"Les systèmes mis sur le marché avant le 2 août 2026 ont jusqu'au 2 décembre 2026 ({w.cite('Art. 111(4)', status=Status.REPORTED)}) {w.reported()}. "
                            "Le code de bonnes pratiques sur le marquage et l'étiquetage des contenus générés par l'IA (définitif le 10 juin 2026, volontaire) n'est rapporté que par des sources isolées : vérifiez-le.",
                        )
                    ),
                    w.todo(
                        t("Marking technique used", "Technique de marquage utilisée"),
                        t(
                            "Metadata (for example C2PA content credentials), watermarks, fingerprints or logs, and how each output type is covered.",
                            "Métadonnées (par exemple les Content Credentials C2PA), filigranes, empreintes ou journaux, et comment chaque type de sortie est couvert.",
                        ),
                    ),
                    w.todo(
                        t("How it can be detected", "Comment le détecter"),
                        t(
                            "The tool or interface a third party uses to check the mark.",
                            "L'outil ou l'interface qu'un tiers utilise pour vérifier la marque.",
                        ),
                    ),
                    w.todo(
                        t("Limits", "Limites"),
                        t(
                            "Outputs not marked (assistive editing that does not substantially alter the input) and why.",
                            "Sorties non marquées (aide à l'édition qui ne modifie pas substantiellement l'entrée) et pourquoi.",
                        ),
                    ),
                ),
            )
        )
    if w.has("transparency-deep-fake"):
        sections.append(
            DocSection(
                t("Label: deep fake", "Étiquette : hypertrucage"),
                (
                    Para(
                        t(
                            f"Image, audio or video content that is a deep fake must be disclosed as artificially generated or manipulated; for an evidently artistic, creative, satirical or fictional work, in a way that does not hamper its display ({w.cite('Art. 50(4)', 'Art. 3(60)')}).",
                            f"Un contenu image, audio ou vidéo constituant un hypertrucage doit être signalé comme généré ou manipulé par une IA ; pour une œuvre manifestement artistique, créative, satirique ou fictive, d'une manière qui n'entrave pas sa présentation ({w.cite('Art. 50(4)', 'Art. 3(60)')}).",
                        )
                    ),
                    *_texts(
                        w,
                        "This content was generated or manipulated by artificial intelligence.",
                        "Ce contenu a été généré ou manipulé par une intelligence artificielle.",
                    ),
                    w.todo(
                        t("Placement", "Emplacement"),
                        t(
                            "On the image, at the start of the video or audio, and in its description.",
                            "Sur l'image, au début de la vidéo ou de l'audio, et dans sa description.",
                        ),
                    ),
                ),
            )
        )
    if w.has("transparency-public-text"):
        sections.append(
            DocSection(
                t(
                    "Label: generated text on matters of public interest",
                    "Étiquette : texte généré sur des questions d'intérêt public",
                ),
                (
                    Para(
                        t(
                            f"Text published to inform the public on matters of public interest must be disclosed as generated or manipulated, unless it underwent human review or editorial control and someone holds editorial responsibility ({w.cite('Art. 50(4)')}).",
                            f"Un texte publié pour informer le public sur des questions d'intérêt public doit être signalé comme généré ou manipulé, sauf s'il a fait l'objet d'un contrôle humain ou éditorial et qu'une personne en assume la responsabilité éditoriale ({w.cite('Art. 50(4)')}).",
                        )
                    ),
                    *_texts(
                        w,
                        "This text was generated with the help of artificial intelligence.",
                        "Ce texte a été généré à l'aide d'une intelligence artificielle.",
                    ),
                    w.todo(
                        t(
                            "Editorial control, if relied on",
                            "Contrôle éditorial, s'il est invoqué",
                        ),
                        t(
                            "Who reviews each text and who holds editorial responsibility.",
                            "Qui relit chaque texte et qui en assume la responsabilité éditoriale.",
                        ),
                    ),
                ),
            )
        )
    if w.has("transparency-emotion-biometric"):
        sections.append(
            DocSection(
                t(
                    "Notice: emotion recognition or biometric categorisation",
                    "Mention : reconnaissance des émotions ou catégorisation biométrique",
                ),
                (
                    Para(
                        t(
                            f"Persons exposed must be informed of the system's operation, and their personal data processed under the GDPR, Regulation (EU) 2018/1725 or Directive (EU) 2016/680 as applicable ({w.cite('Art. 50(3)')}).",
                            f"Les personnes exposées doivent être informées du fonctionnement du système, et leurs données traitées conformément au RGPD, au règlement (UE) 2018/1725 ou à la directive (UE) 2016/680 selon le cas ({w.cite('Art. 50(3)')}).",
                        )
                    ),
                    *_texts(
                        w,
                        f"{name} uses an artificial intelligence system that analyses [emotions / biometric characteristics] of the people it sees or hears. "
                        "See our privacy notice for what is processed and your rights.",
                        f"{name} utilise un système d'intelligence artificielle qui analyse [les émotions / des caractéristiques biométriques] des personnes qu'il voit ou entend. "
                        "Consultez notre politique de confidentialité pour savoir ce qui est traité et connaître vos droits.",
                    ),
                    w.todo(
                        t("What is analysed", "Ce qui est analysé"),
                        t("Replace the bracketed words.", "Remplacez les mots entre crochets."),
                    ),
                ),
            )
        )
    sections.append(
        DocSection(
            t("Other languages", "Autres langues"),
            (
                Bullets(
                    (
                        t(
                            "Give each text in every language your users use; the English and French above are a start.",
                            "Donnez chaque texte dans toutes les langues de vos utilisateurs ; l'anglais et le français ci-dessus sont un début.",
                        ),
                    )
                ),
                w.todo(
                    t("Languages of your users", "Langues de vos utilisateurs"),
                    t("List them.", "Énumérez-les."),
                ),
            ),
        )
    )
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "Art. 50 of the Act; the Commission's Art. 50 guidelines (July 2026) and the labelling Code of Practice are reported, not read here.",
            "Art. 50 du règlement ; les lignes directrices de la Commission sur l'Art. 50 (juillet 2026) et le code de bonnes pratiques sur l'étiquetage sont rapportés, non lus ici.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
