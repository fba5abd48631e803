"""The values a letter's placeholders are filled with, worded in the letter's language from the record's facts; a fact
the record lacks becomes a marked blank, never an empty space."""
from datetime import date

from flask import current_app
from flask_babel import force_locale

from tracker import labels
from tracker.domain.statuses import Kind
from tracker.formats.letter_templates import WORDS
from tracker.formats.letters import blank


def day(value: date | None) -> str:
    """dd.MM.yyyy, the register's way of writing a date in every language."""
    return value.strftime("%d.%m.%Y") if value else ""


class _Values:
    """Builds one letter's values: each given value, or its blank."""

    def __init__(self, language: str):
        self.language = language
        self.words = WORDS[language]

    def value(self, name: str, value) -> str:
        """The value as text, or the blank of `name` when the record has none."""
        text = day(value) if isinstance(value, date) else (str(value).strip() if value is not None else "")
        return text or blank(self.language, name)


def office_values(language: str, signatory, today: date) -> dict:
    """The sender, the date of the letter and who signs it (the user generating it), from the settings."""
    config = current_app.config
    return {"office": config.get(f"LETTER_OFFICE_{language.upper()}") or "",
            "signatory_title": config.get(f"LETTER_SIGNATORY_TITLE_{language.upper()}") or "",
            "signatory_name": signatory.name if signatory is not None else "", "letter_date": day(today)}


def request_letter_values(letter: str, facts, language: str, signatory) -> dict:
    """The values of the request itself, a reminder or a supplementary-information cover."""
    item, v = facts.request, _Values(language)
    common = {**office_values(language, signatory, facts.today), "reference": item.reference,
              "kind": item.kind.value,
              "addressee": v.value("addressee", item.authority or item.country.authority_name),
              "country": labels.country_name(item.country_code, language),
              "legal_basis": _legal_basis(item, v), "case_number": v.value("case_number", item.case_number)}
    if letter == "request":
        return common | _request_values(facts, v)
    common |= {"foreign_reference": v.value("foreign_reference", item.foreign_reference),
               "subject": _subject(item, v)}
    if letter == "reminder":
        earlier = ", ".join(day(on) for on in facts.reminders) or v.words["no_reminders"]
        return common | {"sent_on": v.value("sent_on", item.sent_on), "awaited": _awaited(item, v),
                         "earlier_reminders": earlier}
    return common | {"supplement_requested_on": v.value("supplement_requested_on", facts.supplement_requested_on),
                     "supplement_due_on": v.value("supplement_due_on", item.supplement_due_on),
                     "enclosures": blank(language, "enclosures")}


def _request_values(facts, v: _Values) -> dict:
    """The request's own requisites: qualification, facts, the person, and for extradition the custody facts."""
    item = facts.request
    extradition = item.kind == Kind.EXTRADITION
    has_person = extradition or bool(item.person_name or item.person_name_latin)
    citizenship = labels.country_name(item.person_citizenship, v.language) if item.person_citizenship else None
    arrest = [v.words["arrest"].format(day=day(item.extradition_arrest_on))] if item.extradition_arrest_on else []
    if item.arrest_notified_on:
        arrest.append(v.words["notified"].format(day=day(item.arrest_notified_on)))
    return {"title": v.words["title"][item.kind.value], "opening": v.words["opening"][item.kind.value],
            "crime_category": item.crime_category.name(v.language), "articles": v.value("articles", item.articles),
            # The register does not hold the Criminal Code's text: it is always written in by hand.
            "articles_text": blank(v.language, "articles_text"), "facts": v.value("facts", item.summary),
            # Nor the actions asked for: the summary tells the facts, the prosecutor words the actions.
            "actions_requested": blank(v.language, "actions_requested"),
            "has_person": has_person, "extradition": extradition,
            "person_name": v.value("person_name", item.person_name),
            "person_name_latin": v.value("person_name_latin", item.person_name_latin),
            "person_birth_date": v.value("person_birth_date", item.person_birth_date),
            "person_citizenship": v.value("person_citizenship", citizenship),
            "detained_on": v.value("detained_on", item.detained_on),
            "custody": v.words["in_custody" if item.in_custody else "not_in_custody"],
            "arrest_facts": v.value("arrest_facts", "; ".join(arrest)),
            "release_deadline": v.value("release_deadline", facts.release_due_on)}


def _legal_basis(item, v: _Values) -> str:
    """The treaty's full title with the article on a request's requisites (which the register does not record, so a
    blank), or reciprocity."""
    if item.treaty is None:
        return v.words["reciprocity"]
    return f"{item.treaty.title(v.language)}, {blank(v.language, 'treaty_article')}"


def _subject(item, v: _Values) -> str:
    """Which of our requests the letter is about: its number, date sent, case, and the person sought."""
    sent = v.value("sent_on", item.sent_on)
    if item.last_sent_on and item.sent_on and item.last_sent_on != item.sent_on:
        sent += v.words["sent_again"].format(day=day(item.last_sent_on))
    person = v.value("person_name", item.person_name)
    return v.words["subject"][item.kind.value].format(reference=item.reference, sent_on=sent, person=person,
                                                      case_number=v.value("case_number", item.case_number))


def _awaited(item, v: _Values) -> str:
    """What we wait for from the foreign side, by the request's kind and status."""
    awaited = v.words["awaited"]
    return awaited.get((item.kind.value, item.status.value)) or awaited[(item.kind.value, "*")]


def statistics_letter_values(stats, language: str, signatory, today: date, sender: str = "") -> dict:
    """The statistics reply: the period's paragraph and tables, worded as the statistics page words them."""
    from tracker.formats.report_tables import statistics_sections, statistics_text

    with force_locale(language):
        sections = statistics_sections(stats, language)
        paragraph = statistics_text(stats, language, sender)
        tables = [{"title": section["title"], "headings": [str(h) for h in section["headings"]],
                   "rows": [values for _category, values in section["rows"]],
                   "total": [str(section["total"][0]), *section["total"][1:]]} for section in sections]
    return {**office_values(language, signatory, today), "reference": "", "addressee": blank(language, "recipient"),
            "period_start": day(stats.start), "period_end": day(stats.end), "as_of": day(stats.as_of),
            "paragraph": paragraph, "sections": tables}
