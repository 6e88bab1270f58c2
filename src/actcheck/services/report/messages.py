"""The PDF report's own words, in English, each under its key: the words the rule set
does not hold. Their translations are in the interface's catalogue
(`src/actcheck/translations/<lang>/LC_MESSAGES/messages.po`), each with its key as
`msgctxt`, so that a report message never takes the translation of a page's string.

`message` and `plural` only mark the strings for `scripts/i18n.sh update` (`pybabel
extract -k message:1c,2 -k plural:1c,2,3`); `Words` looks them up by key.
"""

from __future__ import annotations


def message(key: str, text: str) -> tuple[str, str]:
    return key, text


def plural(key: str, one: str, other: str) -> tuple[str, tuple[str, str]]:
    return key, (one, other)


MESSAGES: dict[str, str] = dict(
    [
        message("run.title", "EU AI Act assessment"),
        message("run.ref", "Ref."),
        message("run.footer", "actcheck · rule set {version} · not legal advice"),
        message("run.page", "Page {page} of {pages}"),
        message("cover.kicker", "EU AI Act · Compliance assessment"),
        message("cover.bookmark", "Cover"),
        message("cover.organisation", "Organisation"),
        message("cover.system", "AI system"),
        message("cover.description", "Description"),
        message("cover.date", "Date of assessment"),
        message("cover.reference", "Assessment reference"),
        message("cover.ruleset", "Rule set"),
        message("cover.ruleset_value", "actcheck rule set {version}"),
        message("cover.sha", "Rule-set SHA-256"),
        message("cover.law", "Law encoded"),
        message("cover.not_given", "Not given"),
        message("cover.unnamed", "Unnamed AI system"),
        message(
            "cover.planned_launch",
            "Preview of a planned launch: the system is still in development, so the AI Act "
            "does not apply to it yet (Article 2(8)). This report shows what will apply when "
            "it launches.",
        ),
        message("cover.not_advice", "Not legal advice."),
        message(
            "cover.not_advice_text",
            "This report applies the rules of the EU AI Act, as encoded in the rule set above, to the answers given. It is a structured starting point for you and your advisers, not a legal opinion.",
        ),
        message(
            "cover.prepared",
            "Prepared with actcheck {version}. Your answers are attached to this PDF ({file}), so the assessment can be repeated when the rules change.",
        ),
        message("toc.title", "Contents"),
        message("howto.title", "How to read this report"),
        message("howto.box", "Box"),
        message(
            "howto.box_text",
            "Tick it when the obligation is done; keep the evidence with this report.",
        ),
        message(
            "howto.confirmed",
            "The point rests on the text of the AI Act as published in the Official Journal.",
        ),
        message(
            "howto.reported",
            "The point rests on the 2026 amendment (Regulation (EU) 2026/1744), whose published text was read through consistent secondary sources: treat it as applying, and have a lawyer check the detail before relying on it.",
        ),
        message("howto.unverified", "A single source, or sources that conflict."),
        message("howto.dates", "Dates"),
        message(
            "howto.dates_text",
            "“In force” and “in N days” are counted from the date of assessment, {date}.",
        ),
        message("howto.articles", "Articles"),
        message(
            "howto.articles_text",
            "References are to Regulation (EU) 2024/1689 as amended; each links to the article on EUR-Lex (the Official Journal text as first published).",
        ),
        message("status.confirmed", "CONFIRMED"),
        message("status.reported", "REPORTED"),
        message("status.unverified", "UNVERIFIED"),
        message("section.summary", "Executive summary"),
        message("section.why", "Why this result"),
        message("section.obligations", "Your obligations"),
        message("section.timeline", "Timeline"),
        message("section.penalties", "Penalties"),
        message("section.support", "Support for smaller companies"),
        message("section.open_points", "Open points"),
        message("section.limits", "Limits of this assessment"),
        message("section.appendix", "Appendix: your answers"),
        message(
            "next.prohibited",
            "Stopping or changing the practice comes before every other item in this report; fines for prohibited practices are the highest the Act sets (Art. 99(3)).",
        ),
        message(
            "next.high_risk",
            "The checklist below sets out what this means for each role your organisation holds, and what to do first.",
        ),
        message(
            "next.limited_risk", "The checklist below says who must be told what, and from when."
        ),
        message(
            "next.minimal_risk", "The checklist below lists what remains for your organisation."
        ),
        message(
            "next.out_of_scope",
            "Assess the system again if the facts change, for example a new use, market or purpose.",
        ),
        message("summary.reason", "Reason: {reason}."),
        message("summary.needs_review", "Needs review."),
        message("fig.in_force", "already in force"),
        message("fig.next", "next date, {days}"),
        message("fig.no_next", "no date still to come"),
        message("summary.roles", "Roles assessed: {roles}"),
        message("summary.no_roles", "none for the AI system"),
        message("summary.size", "Company size: {size}"),
        message("urgent.title", "The three most urgent actions"),
        message("urgent.what", "What to do"),
        message("urgent.when", "By when"),
        message("urgent.now", "Now"),
        message("urgent.since", "in force since {date}"),
        message(
            "urgent.none",
            "No obligation under the AI Act applies to your organisation for this system on these answers.",
        ),
        message("days.today", "from today"),
        message("when.now", "In force since {date}"),
        message("when.coming", "From {date}, {days}"),
        message("date_status", "date {status}"),
        message(
            "why.lead",
            "Each step below is a rule of the rule set that applied to your answers, in the order actcheck decided them, with the answers it rests on.",
        ),
        message("why.based_on", "Based on your answers"),
        message("why.follows", "Follows from the steps above."),
        message("why.none", "No rule applied to these answers."),
        message("ob.in_force", "{n} in force"),
        message("ob.as_role", "As {role}"),
        message("ob.todo", "What to do first"),
        message(
            "ob.none",
            "No obligation under the AI Act applies to your organisation for this system on these answers.",
        ),
        message(
            "timeline.lead",
            "The dates that matter to this system, against the date of assessment ({date}).",
        ),
        message(
            "timeline.caption",
            "Filled markers: already in force on the date of assessment. Open markers: still to come. The shaded part of the axis is the past.",
        ),
        message("timeline.date", "Date"),
        message("timeline.what", "What applies"),
        message("timeline.count", "Your obligations"),
        message("timeline.in_force", "in force"),
        message("timeline.assessment", "Assessment: {date}"),
        message(
            "timeline.description",
            "Timeline from {start} to {end}: {events}. Assessment date: {date}.",
        ),
        message("pen.lead", "The maximum administrative fines for the obligations in this report."),
        message(
            "pen.lead_sme",
            "The maximum administrative fines for the obligations in this report, with the cap for SMEs and start-ups.",
        ),
        message(
            "pen.lead_smc",
            "The maximum administrative fines for the obligations in this report, with the reported cap for small mid-caps.",
        ),
        message(
            "pen.cap",
            "Up to {amount} or {percent} of total worldwide annual turnover for the preceding financial year, {which}",
        ),
        message("pen.higher", "whichever is higher"),
        message("pen.lower", "whichever is lower"),
        message("pen.national", "Set by national law"),
        message("pen.imposed", "Imposed by {who}."),
        message("pen.yours", "Your obligations in this band ({n}): {list}."),
        message(
            "pen.none",
            "No fine under the AI Act concerns your organisation for this system on these answers.",
        ),
        message(
            "support.lead_sme",
            "Your organisation is an SME ({size}), so it can use the support the Act gives SMEs, including start-ups.",
        ),
        message(
            "support.lead_smc",
            "As a small mid-cap, your organisation reportedly gains part of the relief the Act gives SMEs; the definition of a small mid-cap was not verified.",
        ),
        message("support.not_relevant", "Relevant once you provide a high-risk AI system."),
        message(
            "open.lead",
            "Every question answered “I’m not sure”. actcheck read each the stricter way (the reading with more obligations). Settle them with your adviser: for most, the other answer would change what this report shows.",
        ),
        message(
            "open.none", "None: every question on your path was answered with yes, no or a choice."
        ),
        message("open.your_answer", "Your answer"),
        message("open.if", "If the answer is “{answer}”"),
        message("open.same", "the result is the same: this is not an open point."),
        message("open.tier", "The tier would be {other} instead of {tier}."),
        message("open.scope", "The system would be out of scope: {reason}."),
        message("open.gpai", "The model track would change: {words}"),
        message("open.gpai_none", "no general-purpose AI model obligations."),
        message("open.moved", "The date or role would change for: {list}."),
        message("open.notes", "Notes"),
        message("read_as", "read the stricter way, as “{value}”"),
        message("none_of_these", "None of these"),
        message("not_answered", "Not answered"),
        message("limits.advice", "Not legal advice."),
        message(
            "limits.advice_text",
            "This report applies a rule set to the answers given. It does not check that the answers are right, and it is not a legal opinion. Have a qualified adviser review it before you rely on it.",
        ),
        message("limits.law", "Which law."),
        message("limits.law_text", "It encodes {law} It uses rule set {version} (SHA-256 {sha})."),
        message("limits.reported", "Reported points."),
        message(
            "limits.reported_text",
            "Points marked REPORTED rest on secondary sources that report the 2026 amendments; the published text of Regulation (EU) 2026/1744 was read through them. Treat them as applying, and have a lawyer check a detail before relying on it.",
        ),
        message("limits.undecided", "What actcheck does not decide."),
        message(
            "limits.undecided_text",
            "Systems already on the market before the date an obligation applies (Art. 111(2)) and the 2 August 2030 deadline for systems intended for public authorities: the questionnaire does not ask when the system was placed on the market, so the obligations carry a note instead. The exclusions of Art. 2(4) and Art. 2(10), and the large-scale IT systems of Annex X (Art. 111(1)), are not assessed.",
        ),
        message("limits.guidance", "Guidance."),
        message(
            "limits.guidance_text",
            "Commission guidelines (on the definition of an AI system, prohibited practices and high-risk classification) are not binding, and some were still drafts when the rule set was written. Where the law is unsettled, the step or the obligation says so.",
        ),
        message("limits.dates", "Dates."),
        message(
            "limits.dates_text",
            "“In force” and “in N days” count from the date of assessment, {date}, not from the day you read this.",
        ),
        message("limits.again", "Assess again."),
        message(
            "limits.again_text",
            "The answers are attached to this PDF as {file}. “actcheck assess” on this PDF assesses them with the current rule set and says whether the rule set has changed since this report.",
        ),
        message(
            "appendix.lead",
            "Every question you were asked, as the questionnaire put it, with your answer.",
        ),
        message("headline.high_risk", "This system is high-risk."),
        message(
            "headline.limited_risk",
            "This system has limited risk: people must be told that they are dealing with AI.",
        ),
        message("headline.minimal_risk", "This system has minimal risk."),
        message(
            "headline.out_of_scope", "The AI Act’s rules on AI systems do not apply to this system."
        ),
        message(
            "headline.prohibited",
            "Stop: this system, or one of the ways it is used, is banned in the EU.",
        ),
        message("as.provider", "as the provider"),
        message("as.deployer", "as a deployer"),
        message("as.importer", "as an importer"),
        message("as.distributor", "as a distributor"),
        message("as.authorised_representative", "as an authorised representative"),
        message("as.product_manufacturer", "as a product manufacturer"),
        message("facts.roles", "You told us that you are {roles} of this system."),
        message("facts.no_roles", "You told us of no role you hold for this AI system."),
        message(
            "facts.in_scope",
            "It is offered or used in the EU, and none of the exemptions (military use, research only, testing before launch, open source) fits.",
        ),
        message(
            "facts.prohibited", "One of the ways it is used is a practice the AI Act bans outright."
        ),
        message(
            "facts.high_risk",
            "What it is used for is on the AI Act’s list of high-risk uses, and no exception takes it off.",
        ),
        message(
            "facts.derogated",
            "It is used in a high-risk area, but only for a narrow or preparatory task, so it is not high-risk; you must still record why and register it.",
        ),
        message(
            "facts.limited_risk",
            "It talks with people or makes content, so people must be told that AI is involved; none of the high-risk uses fits.",
        ),
        message(
            "facts.minimal_risk", "None of the banned, high-risk or transparency cases fits it."
        ),
        message(
            "facts.model",
            "You also provide a general-purpose AI model: its duties are the model’s, apart from the system’s.",
        ),
        message("role_noun.provider", "the provider"),
        message("role_noun.deployer", "a deployer"),
        message("role_noun.importer", "an importer"),
        message("role_noun.distributor", "a distributor"),
        message("role_noun.authorised_representative", "an authorised representative"),
        message("role_noun.product_manufacturer", "a product manufacturer"),
        message("stop.title", "Stop"),
        message(
            "stop.lead",
            "A ban is not a duty you can fulfil: stop offering or using the practice now. The bans are not counted among your duties.",
        ),
        message("group.build", "Build into the product"),
        message("group.document", "Documents to write"),
        message("group.before_launch", "Before launch"),
        message("group.ongoing", "After launch and ongoing"),
        message("group.model", "Your general-purpose AI model"),
        message("customers.title", "What your customers (deployers) must do"),
        message(
            "customers.lead",
            "Hand this list to the businesses that use your system: under the AI Act they may have these duties of their own, depending on how they use it.",
        ),
        message("plan.title", "What you do, by kind"),
        message("section.evidence", "Evidence index"),
        message("plan.as_of", "Plan status as of {moment}."),
        message(
            "plan.lead",
            "Each card below also shows where your compliance plan stands: the status of the obligation, who owns it, its target date if you set one, and how much evidence is attached (listed in the evidence index).",
        ),
        message("plan.moment", "{date}, {time} UTC"),
        message("plan.status.todo", "To do"),
        message("plan.status.in_progress", "In progress"),
        message("plan.status.done", "Done"),
        message("plan.status.not_applicable", "Not applicable"),
        message("plan.owner", "Owner:"),
        message("plan.no_owner", "no owner yet"),
        message("plan.target", "Target:"),
        message("plan.reason", "Why it does not apply:"),
        message("plan.target_note", "Why this target:"),
        message("plan.size_b", "{n} B"),
        message("plan.size_kb", "{n} kB"),
        message("plan.size_mb", "{n} MB"),
        message(
            "evidence.lead",
            "Every piece of evidence attached to the plan, by obligation. A file is identified by its SHA-256 checksum: a copy with the same checksum has exactly the same bytes. Links are printed as they were given; this report did not open them.",
        ),
        message("evidence.name", "Evidence"),
        message("evidence.kind", "Kind"),
        message("evidence.file", "Size and SHA-256"),
        message("evidence.added", "Added by, on"),
        message("evidence.kind.file", "File"),
        message("evidence.kind.draft", "Drafted document"),
        message("evidence.kind.link", "Link"),
        message("evidence.nobody", "not known"),
        message("evidence.none", "No evidence is attached to the plan yet."),
        message("pdf.title", "EU AI Act assessment: {system}"),
        message(
            "pdf.subject",
            "Classification and obligations under the EU AI Act. {law} Rule set {version}.",
        ),
        message(
            "pdf.keywords", "EU AI Act, Regulation (EU) 2024/1689, compliance checklist, {tier}"
        ),
        message("attachment", "The answers this report was made from (actcheck answers format v1)"),
    ]
)

PLURALS: dict[str, tuple[str, str]] = dict(
    [
        plural(
            "headline.duties",
            "{As_roles}, you have {n} duty under the AI Act.",
            "{As_roles}, you have {n} duties under the AI Act.",
        ),
        plural(
            "headline.duties_rest",
            "{As_roles}, you have {n} duty; the provider carries the rest.",
            "{As_roles}, you have {n} duties; the provider carries the rest.",
        ),
        plural(
            "headline.minimal_risk_duties",
            "This system has minimal risk, but {roles} you still have {n} duty under the AI Act.",
            "This system has minimal risk, but {roles} you still have {n} duties under the AI Act.",
        ),
        plural(
            "headline.besides_ban",
            "Besides the ban, {roles}, you have {n} duty.",
            "Besides the ban, {roles}, you have {n} duties.",
        ),
        plural(
            "headline.model",
            "Your general-purpose AI model has {n} duty of its own, listed apart.",
            "Your general-purpose AI model has {n} duties of its own, listed apart.",
        ),
        plural(
            "summary.needs_review_text",
            "{n} answer marked “I’m not sure” could change this result. actcheck read it the stricter way; see Open points.",
            "{n} answers marked “I’m not sure” could change this result. actcheck read them the stricter way; see Open points.",
        ),
        plural("fig.obligations", "obligation for your roles", "obligations for your roles"),
        plural("fig.open", "open point", "open points"),
        plural("days", "in 1 day", "in {n} days"),
        plural(
            "ob.lead",
            "{n} obligation applies to your organisation, grouped by the role that carries it. For each: what it requires, what to do first, the articles, and the date from which it applies.",
            "{n} obligations apply to your organisation, grouped by the role that carries them. For each: what it requires, what to do first, the articles, and the date from which it applies.",
        ),
        plural("ob.count", "{n} obligation", "{n} obligations"),
        plural("plan.evidence", "{n} piece of evidence", "{n} pieces of evidence"),
        plural(
            "evidence.without",
            "{n} obligation of the plan has no evidence yet.",
            "{n} obligations of the plan have no evidence yet.",
        ),
        plural(
            "open.removed",
            "{n} obligation would fall away: {list}.",
            "{n} obligations would fall away: {list}.",
        ),
        plural(
            "open.added",
            "{n} obligation would be added: {list}.",
            "{n} obligations would be added: {list}.",
        ),
        plural(
            "open.unanswered",
            "That answer leads to a question you were not asked ({list}), so the result could change further.",
            "That answer leads to {n} questions you were not asked ({list}), so the result could change further.",
        ),
    ]
)
