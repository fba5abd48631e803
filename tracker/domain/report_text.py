"""The paragraph that states period statistics the way the office's letters do, in kk, ru and en."""
from dataclasses import dataclass
from datetime import date

from babel import Locale


@dataclass(frozen=True)
class KindFigures:
    """One kind's figures for the paragraph; the breakdowns are (category phrase, count) pairs."""

    sent: int
    done: int              # executed (MLA) or extradited (extradition)
    pending: int
    refused: int
    sent_by_category: tuple[tuple[str, int], ...] = ()
    done_by_category: tuple[tuple[str, int], ...] = ()


def _form(language: str, count: int) -> str:
    """The CLDR plural category of `count` in `language`: one, few, many or other."""
    return Locale.parse(language).plural_form(count)


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _period(language: str, start: date, end: date) -> str:
    """'In 2021' for a calendar year, otherwise the dates."""
    whole_year = start.year == end.year and (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    if language == "ru":
        return f"В {start.year} году" if whole_year else f"В период с {_fmt(start)} по {_fmt(end)}"
    if language == "kk":
        return f"{start.year} жылы" if whole_year else f"{_fmt(start)} бастап {_fmt(end)} дейінгі кезеңде"
    return f"In {start.year}" if whole_year else f"From {_fmt(start)} to {_fmt(end)}"


def _breakdown(pairs):
    """'6 по финансовым пирамидам, 18 по мошенничествам' and the like."""
    return ", ".join(f"{count} {phrase}" for phrase, count in pairs)


RU_MLA = {"one": "международное следственное поручение", "few": "международных следственных поручения",
          "many": "международных следственных поручений", "other": "международного следственного поручения"}
RU_EXTRADITION = {"one": "запрос о выдаче разыскиваемых лиц", "few": "запроса о выдаче разыскиваемых лиц",
                  "many": "запросов о выдаче разыскиваемых лиц", "other": "запроса о выдаче разыскиваемых лиц"}


def _ru(mla, ext, start, end, as_of):
    parts = []
    if mla.sent:
        clause = f"направлено {mla.sent} {RU_MLA[_form('ru', mla.sent)]}"
        details = [f"{mla.done} из которых исполнено"]
        if mla.refused:
            details.append(f"отказано в исполнении — {mla.refused}")
        details.append(f"{mla.pending} на рассмотрении у компетентных органов иностранных государств")
        parts.append(f"{clause} ({', '.join(details)})")
    if ext.sent:
        clause = f"в иностранные государства направлено {ext.sent} {RU_EXTRADITION[_form('ru', ext.sent)]}"
        if ext.sent_by_category:
            clause += f" ({_breakdown(ext.sent_by_category)})"
        clause += f", из них выдано {ext.done}"
        if ext.done_by_category:
            clause += f" ({_breakdown(ext.done_by_category)})"
        if ext.refused:
            clause += f", отказано в выдаче — {ext.refused}"
        if ext.pending:
            clause += ", остальные на рассмотрении"
        parts.append(clause)
    if not parts:
        parts.append("запросы о правовой помощи и о выдаче не направлялись")
    return f"{_period('ru', start, end)} {', '.join(parts)}{_ru_as_of(as_of, end)}."


def _ru_as_of(as_of, end):
    return f" (по состоянию на {_fmt(as_of)})" if as_of != end else ""


def _kk(mla, ext, start, end, as_of):
    parts = []
    if mla.sent:
        details = [f"оның ішінде орындалғаны – {mla.done}"]
        if mla.refused:
            details.append(f"орындаудан бас тартылғаны – {mla.refused}")
        details.append(f"шет мемлекеттердің құзыретті органдарының қарауында – {mla.pending}")
        parts.append(f"{mla.sent} халықаралық тергеу тапсырмасы жіберілді ({', '.join(details)})")
    if ext.sent:
        clause = f"шет мемлекеттерге іздестіріліп жатқан адамдарды ұстап беру туралы {ext.sent} сұрау салу жіберілді"
        if ext.sent_by_category:
            clause += f" ({_breakdown(ext.sent_by_category)})"
        clause += f", оның ішінде ұстап берілгені – {ext.done}"
        if ext.done_by_category:
            clause += f" ({_breakdown(ext.done_by_category)})"
        if ext.refused:
            clause += f", ұстап беруден бас тартылғаны – {ext.refused}"
        if ext.pending:
            clause += ", қалғандары қарастырылуда"
        parts.append(clause)
    if not parts:
        parts.append("құқықтық көмек және ұстап беру туралы сұрау салулар жіберілген жоқ")
    as_of_text = f" ({_fmt(as_of)} жағдай бойынша)" if as_of != end else ""
    return f"{_period('kk', start, end)} {', '.join(parts)}{as_of_text}."


def _en(mla, ext, start, end, as_of):
    parts = []
    if mla.sent:
        noun = "international investigation request was" if mla.sent == 1 else "international investigation requests were"
        details = [f"{mla.done} executed"]
        if mla.refused:
            details.append(f"{mla.refused} refused")
        details.append(f"{mla.pending} still with the competent authorities of foreign states")
        parts.append(f"{mla.sent} {noun} sent ({', '.join(details)})")
    if ext.sent:
        noun = "extradition request was" if ext.sent == 1 else "extradition requests were"
        clause = f"{ext.sent} {noun} sent to foreign states"
        if ext.sent_by_category:
            clause += f" ({_breakdown(ext.sent_by_category)})"
        person = "person was" if ext.done == 1 else "persons were"
        clause += f", and {ext.done} {person} extradited"
        if ext.done_by_category:
            clause += f" ({_breakdown(ext.done_by_category)})"
        if ext.refused:
            clause += f"; extradition was refused in {ext.refused}"
        if ext.pending:
            clause += "; the rest are under consideration"
        parts.append(clause)
    if not parts:
        parts.append("no requests for legal assistance or extradition were sent")
    as_of_text = f" (as of {_fmt(as_of)})" if as_of != end else ""
    return f"{_period('en', start, end)}, {'; '.join(parts)}{as_of_text}."


WRITERS = {"ru": _ru, "kk": _kk, "en": _en}


def statistics_paragraph(language: str, mla: KindFigures, extradition: KindFigures, *, start: date, end: date,
                         as_of: date) -> str:
    """The figures of the period as one sentence in `language` (kk, ru or en)."""
    return WRITERS.get(language, _en)(mla, extradition, start, end, as_of)
