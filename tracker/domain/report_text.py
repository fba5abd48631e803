"""The paragraph that states a period's statistics the way the office writes them in official letters (kk, ru, en).

How the paragraph is built:

* One sentence: the period (and the as-of day when it differs from the period's end), the office when `sender` is
  given, then one clause per kind in the order MLA, extradition, transfer. The crime categories the report was
  filtered to (`scope`) follow the first thing stated, as in the letter.
* Every non-zero outcome is stated and no zero one, so the figures add up to the number sent. The main outcome
  (executed, extradited, accepted) comes first, then the others in `OUTCOMES` order with pending last. A main
  outcome of zero is said in words ("ни одно из них пока не исполнено").
* Outcomes are written in one of two ways, as in the letter:
  - in brackets after the number sent (the letter's MLA clause: "(30 из которых исполнено, 26 на рассмотрении …)"),
    where every figure is given, pending included;
  - running on after the number sent (the letter's extradition clause: ", из них выдано 7 (…), остальные на
    рассмотрении"), where the tail is "остальные на рассмотрении" / "қалғандары қарастырылуда" / "the rest are
    under consideration" instead of a pending figure when the main outcome is non-zero and every other request is
    pending. Nothing is lost: the rest and its categories are the sent figures less the main ones.
  Extradition always runs on; MLA and transfers use brackets unless a category breakdown is given, whose own
  brackets would then nest, so they run on too.
* Russian: nouns take the CLDR form of the number (1, 21, 101 → поручение; 2, 22 → поручения; 5, 11, 25 →
  поручений). A participle agrees in gender with a number whose form is "one" ("направлен 1 запрос", "направлено
  1 поручение", "выдан 1") and is neuter singular otherwise, 2–4 included ("направлено 22 запроса", "выдано 7").
* Kazakh: nouns stay singular after numbers; numbers take the possessive ending of their last spoken word
  ("30-ы", "26-сы"), people the collective one ("7-еуі"); see `kk_grammar`.
"""
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from babel import Locale

from tracker.domain import kk_grammar as kk

OUTCOMES = {   # disjoint outcome columns per kind, in this order; they add up to `sent`
    "mla": ("executed", "partially_executed", "pending", "refused", "returned", "withdrawn"),
    "extradition": ("extradited", "granted", "pending", "refused", "released_abroad", "withdrawn"),
    "transfer": ("accepted", "pending", "refused", "returned", "withdrawn"),
}
MAIN = {"mla": "executed", "extradition": "extradited", "transfer": "accepted"}


@dataclass(frozen=True)
class KindFigures:
    """One kind's figures: the number sent and its outcomes; breakdowns are (category phrase, count) pairs."""

    kind: str                                   # "mla" | "extradition" | "transfer"
    sent: int
    outcomes: Mapping[str, int]                 # outcome name -> count (missing = 0); sum == sent
    sent_by_category: tuple[tuple[str, int], ...] = ()
    outcome_by_category: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryScope:
    """A crime category the report was filtered to: `word` fits the scope phrase, `name` is the fallback."""

    word: str
    name: str


# Templates: {n} the number, {p}/{c} its Kazakh possessive/collective form, {b} a category breakdown in brackets,
# {scope} the categories, {sender} the office. [one|other] or [one|few|many] agree with the number.
RU = {
    "sent": {"mla": "{sender}направлено {n} [международное следственное поручение|международных следственных поручения|"
                    "международных следственных поручений]{scope}{b}",
             "extradition": "в иностранные государства [направлен|направлено] {n} [запрос|запроса|запросов] "
                            "о выдаче разыскиваемых лиц{b}",
             "transfer": "в иностранные государства передано {n} [уголовное дело|уголовных дела|уголовных дел]{b}",
             # When the report states no MLA requests (filtered by kind), the first clause carries the office and
             # the categories.
             "extradition_first": "{sender}в иностранные государства [направлен|направлено] {n} [запрос|запроса|"
                                  "запросов] о выдаче разыскиваемых лиц{scope}{b}",
             "transfer_first": "{sender}в иностранные государства передано {n} [уголовное дело|уголовных дела|"
                               "уголовных дел]{cases}{b}"},
    "main": {"mla": ("{n}{b} из которых исполнено", "из них исполнено {n}{b}", "ни одно из них пока не исполнено"),
             "extradition": (None, "из них [выдан|выдано] {n}{b}", "ни одно лицо пока не выдано"),
             "transfer": ("{n}{b} из которых принято к производству", "из них принято к производству {n}{b}",
                          "ни одно из них пока не принято к производству")},
    "other": {"pending": "{n}{b} на рассмотрении у компетентных органов иностранных государств",
              "partially_executed": "{n}{b} исполнено частично",
              "refused": {"mla": "по {n}{b} отказано в исполнении", "extradition": "по {n}{b} отказано в выдаче",
                          "transfer": "по {n}{b} отказано в принятии"},
              "returned": {"extradition": "{n}{b} [возвращен|возвращено] для дополнения",
                           "*": "{n}{b} возвращено для дополнения"},
              "withdrawn": {"extradition": "{n}{b} [отозван|отозвано]", "*": "{n}{b} отозвано"},
              "granted": "по {n}{b} выдача разрешена и ожидается передача",
              "released_abroad": "{n} [лицо|лица|лиц] освобождено за рубежом{b}"},
    "rest": "остальные на рассмотрении",
    "none": {"both": "{sender}международные следственные поручения и запросы о выдаче{scope} не направлялись",
             "mla": "{sender}международные следственные поручения{scope} не направлялись",
             "extradition": "запросы о выдаче не направлялись",
             "extradition_first": "{sender}запросы о выдаче{scope} не направлялись",
             "transfer_first": "{sender}уголовные дела{cases} в иностранные государства не передавались"},
}
KK = {
    "sent": {"mla": "{sender}{scope}{n} халықаралық тергеу тапсырмасы жіберілді{b}",
             "mla_active": "{sender}{scope}{n} халықаралық тергеу тапсырмасын жіберді{b}",
             "extradition": "шет мемлекеттерге іздестіріліп жатқан адамдарды ұстап беру туралы {n} сұрау салу "
                            "жіберілді{b}",
             "transfer": "шет мемлекеттерге {n} қылмыстық іс берілді{b}",
             "extradition_first": "{sender}{scope}шет мемлекеттерге іздестіріліп жатқан адамдарды ұстап беру туралы "
                                  "{n} сұрау салу жіберілді{b}",
             "extradition_first_active": "{sender}{scope}шет мемлекеттерге іздестіріліп жатқан адамдарды ұстап беру "
                                         "туралы {n} сұрау салуды жіберді{b}",
             "transfer_first": "{sender}шет мемлекеттерге {cases}{n} қылмыстық іс берілді{b}",
             "transfer_first_active": "{sender}шет мемлекеттерге {cases}{n} қылмыстық істі берді{b}"},
    "main": {"mla": ("оның {p}{b} орындалды", "оның ішінде {p}{b} орындалды", "әзірге бірде-біреуі орындалған жоқ"),
             "extradition": (None, "оның ішінде {c}{b} ұстап берілді", "әзірге бірде-бір адам ұстап берілген жоқ"),
             "transfer": ("оның {p}{b} іс жүргізуге қабылданды", "оның ішінде {p}{b} іс жүргізуге қабылданды",
                          "әзірге бірде-біреуі іс жүргізуге қабылданған жоқ")},
    "other": {"pending": "{p}{b} шет мемлекеттердің құзыретті органдарының қарауында",
              "partially_executed": "{p}{b} ішінара орындалды",
              "refused": {"mla": "{p}{b} бойынша орындаудан бас тартылды",
                          "extradition": "{p}{b} бойынша ұстап беруден бас тартылды",
                          "transfer": "{p}{b} бойынша қабылдаудан бас тартылды"},
              "returned": "{p}{b} толықтыру үшін қайтарылды",
              "withdrawn": "{p}{b} кері қайтарып алынды",
              "granted": "{c}н{b} ұстап беруге рұқсат берілді және тапсыру күтілуде",
              "released_abroad": "{c}{b} шетелде босатылды"},
    "rest": "қалғандары қарастырылуда",
    "none": {"both": "{sender}{scope}халықаралық тергеу тапсырмалары мен ұстап беру туралы сұрау салулар "
                     "жіберілген жоқ",
             "both_active": "{sender}{scope}халықаралық тергеу тапсырмалары мен ұстап беру туралы сұрау салуларды "
                            "жіберген жоқ",
             "mla": "{sender}{scope}халықаралық тергеу тапсырмалары жіберілген жоқ",
             "mla_active": "{sender}{scope}халықаралық тергеу тапсырмаларын жіберген жоқ",
             "extradition": "ұстап беру туралы сұрау салулар жіберілген жоқ",
             "extradition_first": "{sender}{scope}ұстап беру туралы сұрау салулар жіберілген жоқ",
             "extradition_first_active": "{sender}{scope}ұстап беру туралы сұрау салуларды жіберген жоқ",
             "transfer_first": "{sender}шет мемлекеттерге {cases}қылмыстық істер берілген жоқ",
             "transfer_first_active": "{sender}шет мемлекеттерге {cases}қылмыстық істерді берген жоқ"},
}
EN = {
    "sent": {"mla": "{n} MLA [request was|requests were] sent{sender}{scope}{b}",
             "extradition": "{n} extradition [request was|requests were] sent to foreign states{b}",
             "transfer": "{n} criminal [case was|cases were] transferred to foreign states{b}",
             "extradition_first": "{n} extradition [request was|requests were] sent to foreign states{sender}{scope}{b}",
             "transfer_first": "{n} criminal [case|cases]{cases} [was|were] transferred to foreign states{sender}{b}"},
    "main": {"mla": ("{n} of which [has|have] been executed{b}", "of which {n} [has|have] been executed{b}",
                     "none has been executed yet"),
             "extradition": (None, "of which {n} [person has|persons have] been extradited{b}",
                             "no person has been extradited yet"),
             "transfer": ("{n} of which [has|have] been accepted for proceedings{b}",
                          "of which {n} [has|have] been accepted for proceedings{b}",
                          "none has been accepted for proceedings yet")},
    "other": {"pending": "{n} [is|are] under consideration by the competent authorities of foreign states{b}",
              "partially_executed": "{n} [has|have] been partially executed{b}",
              "refused": "{n} [has|have] been refused{b}",
              "returned": "{n} [has|have] been returned for completion{b}",
              "withdrawn": "{n} [has|have] been withdrawn{b}",
              "granted": "extradition has been granted for {n} [person|persons] awaiting surrender{b}",
              "released_abroad": "{n} [person has|persons have] been released abroad{b}"},
    "rest": "the rest are under consideration",
    "none": {"both": "no MLA or extradition requests were sent{sender}{scope}",
             "mla": "no MLA requests were sent{sender}{scope}",
             "extradition": "no extradition requests were sent",
             "extradition_first": "no extradition requests were sent{sender}{scope}",
             "transfer_first": "no criminal cases{cases} were transferred to foreign states{sender}"},
}
PHRASES = {"ru": RU, "kk": KK, "en": EN}

RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня",
             "июля", "августа", "сентября", "октября", "ноября", "декабря")
EN_MONTHS = ("January", "February", "March", "April", "May", "June",
             "July", "August", "September", "October", "November", "December")


@cache
def _plural(language: str, number: int) -> str:
    """The CLDR plural category of `number` in `language`: one, few, many or other."""
    return Locale.parse(language).plural_form(number)


def _agree(language: str, text: str, number: int) -> str:
    """Resolve [one|other] and [one|few|many] groups in `text` for `number`."""
    def pick(match):
        forms = match.group(1).split("|")
        category = _plural(language, number)
        if len(forms) == 3:
            return forms[{"one": 0, "few": 1}.get(category, 2)]
        return forms[0 if category == "one" else 1]
    return re.sub(r"\[([^\]]+)\]", pick, text)


def _fill(language: str, template: str, number: int = 0, **parts: str) -> str:
    """The template with agreement resolved and placeholders filled in one pass (inserted text stays as given)."""
    values = {"n": str(number), "p": kk.possessive_number(number), "c": kk.collective_number(number),
              "b": "", "scope": "", "cases": "", "sender": "", **parts}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], _agree(language, template, number))


def _breakdown(language: str, pairs: Sequence[tuple[str, int]]) -> str:
    """' (6 по фин.пирамидам, 18 по мошенничествам)'; kk ' (6-қаржылық пирамидалар, 18-алаяқтық бойынша)'."""
    if not pairs:
        return ""
    suffix = " бойынша"
    if language == "kk" and all(phrase.endswith(suffix) for phrase, _ in pairs):
        return f" ({', '.join(f'{count}-{phrase[:-len(suffix)]}' for phrase, count in pairs)}{suffix})"
    return f" ({', '.join(f'{count} {phrase}' for phrase, count in pairs)})"


def _join(items: Sequence[str], word: str = "") -> str:
    """'A, B и C' with `word` before the last item; commas only without it."""
    if not word or len(items) < 2:
        return ", ".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


AND = {"ru": "и", "kk": "және", "en": "and"}


def _scope(language: str, scope: Sequence[CategoryScope], cases: bool = False) -> str:
    """The categories phrase; the plain names in quotes when the office left a category's word unset. `cases`: the
    phrase for criminal cases themselves (a transfer of proceedings: "уголовные дела о мошенничестве", not "уголовные
    дела по уголовным делам о мошенничестве")."""
    if not scope:
        return ""
    if all(category.word for category in scope):
        words = _join([category.word for category in scope], AND[language])
        if cases:
            return {"ru": f" о {words}", "kk": f"{words} туралы ", "en": f" of {words}"}[language]
        return {"ru": f" по уголовным делам о {words}", "kk": f"{words} туралы қылмыстық істер бойынша ",
                "en": f" in cases of {words}"}[language]
    many = len(scope) > 1
    if language == "ru":
        names = _join([f"«{category.name}»" for category in scope], AND[language])
        return f"{'' if cases else ' по уголовным делам'} {'категорий' if many else 'категории'} {names}"
    if language == "kk":
        names = _join([f"«{category.name}»" for category in scope], AND[language])
        return f"{names} {'санаттарындағы' if many else 'санатындағы'} {'' if cases else 'қылмыстық істер бойынша '}"
    names = _join([f"“{category.name}”" for category in scope], AND[language])
    return f" {'of' if cases else 'in cases in'} the {'categories' if many else 'category'} {names}"


def _day(language: str, day: date, *, year: bool = True, case=None) -> str:
    """'1 января 2021 года', '1 January 2021', kk '2021 жылғы 1 қаңтардан' (the month in `case`)."""
    if language == "ru":
        return f"{day.day} {RU_MONTHS[day.month - 1]}" + (f" {day.year} года" if year else "")
    if language == "kk":
        prefix, month = kk.year_day_month(day)
        if not year:
            prefix = str(day.day)
        return f"{prefix} {case(month) if case else month}"
    return f"{day.day} {EN_MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def _period(language: str, start: date, end: date) -> str:
    """'В 2021 году' for a calendar year; otherwise the first and last days with the cases the sentence needs."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return {"ru": f"В {start.year} году", "kk": f"{start.year} жылы", "en": f"In {start.year}"}[language]
    if start == end:
        return {"ru": _day("ru", start), "kk": _day("kk", start, case=kk.locative),
                "en": f"On {_day('en', start)}"}[language]
    same_year = start.year == end.year
    if language == "ru":
        return f"в период с {_day('ru', start, year=not same_year)} по {_day('ru', end)}"
    if language == "kk":
        first = _day("kk", start, case=kk.ablative)
        last = _day("kk", end, year=not same_year, case=kk.dative)
        return f"{first} бастап {last} дейін"
    return f"from {_day('en', start, year=not same_year)} to {_day('en', end)}"


def _as_of(language: str, as_of: date, end: date) -> str:
    if as_of == end:
        return ""
    return {"ru": f" (по состоянию на {_day('ru', as_of)})",
            "kk": f" ({_day('kk', as_of, case=kk.locative_attributive)} жағдай бойынша)",
            "en": f" (as of {_day('en', as_of)})"}[language]


def _template(table: Mapping, outcome: str, kind: str) -> str:
    """An outcome's template: one for every kind, or one per kind with "*" for the rest."""
    entry = table[outcome]
    return entry if isinstance(entry, str) else entry.get(kind, entry.get("*"))


def _voice(table: Mapping, key: str, active: bool) -> str:
    """The active-voice template when the office is the subject and the language has one (kk), else the passive."""
    return table.get(f"{key}_active", table[key]) if active else table[key]


def _outcomes(language: str, figures: KindFigures, running: bool) -> list[str]:
    """The outcome phrases of one kind, main outcome first and pending last; see the module's docstring."""
    words = PHRASES[language]
    kind, by_category = figures.kind, figures.outcome_by_category
    main = MAIN[kind]
    bracket, run_on, zero = words["main"][kind]
    count = figures.outcomes.get(main, 0)
    items = [_fill(language, run_on if running else bracket, count, b=_breakdown(language, by_category.get(main, ())))
             if count else zero]
    others = [name for name in OUTCOMES[kind] if name not in (main, "pending")] + ["pending"]
    stated = [name for name in others if figures.outcomes.get(name, 0)]
    if running and count and stated == ["pending"]:
        return items + [words["rest"]]
    for name in stated:
        items.append(_fill(language, _template(words["other"], name, kind), figures.outcomes[name],
                           b=_breakdown(language, by_category.get(name, ()))))
    return items


def _clause(language: str, figures: KindFigures, active: bool = False, lead: bool = False, **parts: str) -> str:
    """'направлено 24 запроса … (6 …), из них выдано 7 (…), остальные на рассмотрении' and the like; `lead`: the
    sentence's first clause, which carries the office and the categories (`parts`)."""
    running = figures.kind == "extradition" or bool(figures.sent_by_category) or any(
        figures.outcome_by_category.values())
    key = f"{figures.kind}_first" if lead and figures.kind != "mla" else figures.kind
    text = _fill(language, _voice(PHRASES[language]["sent"], key, active), figures.sent,
                 b=_breakdown(language, figures.sent_by_category), **parts)
    outcomes = _join(_outcomes(language, figures, running), AND[language] if language == "en" else "")
    return f"{text}, {outcomes}" if running else f"{text} ({outcomes})"


def _check(figures: KindFigures) -> None:
    if figures.kind not in OUTCOMES:
        raise ValueError(f"unknown kind {figures.kind!r}")
    unknown = set(figures.outcomes) - set(OUTCOMES[figures.kind])
    if unknown:
        raise ValueError(f"{figures.kind}: unknown outcomes {sorted(unknown)}")
    if sum(figures.outcomes.values()) != figures.sent:
        raise ValueError(f"{figures.kind}: outcomes add up to {sum(figures.outcomes.values())}, not {figures.sent}")


def statistics_paragraph(language: str, kinds: Sequence[KindFigures], *, start: date, end: date, as_of: date,
                         scope: Sequence[CategoryScope] = (), sender: str = "") -> str:
    """The period's figures as one sentence in `language` (kk, ru or en; anything else is written in English).

    `kinds` holds the kinds the report states: MLA and extradition as the letter does (each said to be none sent
    when none was), unless the report was filtered to other kinds; transfers when there are any (said to be none only
    when no other kind is stated). A kind not in `kinds` is not spoken of: a report of extradition requests alone says
    nothing of MLA requests. `sender` is the office in the form the sentence needs, `scope` the crime categories the
    report was filtered to. Raises ValueError when a kind's outcomes do not add up to its number sent.
    """
    language = language if language in PHRASES else "en"
    words = PHRASES[language]
    by_kind = {figures.kind: figures for figures in kinds}
    for figures in by_kind.values():
        _check(figures)
    # The first clause carries the office and the categories, as in the letter.
    first = {"scope": _scope(language, scope), "cases": _scope(language, scope, cases=True),
             "sender": {"ru": f"{sender} ", "kk": f"{sender} ", "en": f" by {sender}"}[language] if sender else ""}
    active, none = bool(sender), words["none"]
    clauses = []

    def lead() -> dict:
        """What the clause being written carries: the office and categories if it is the first."""
        return {"active": active, **first} if not clauses else {}

    mla, extradition = by_kind.get("mla"), by_kind.get("extradition")
    if mla and extradition and not mla.sent and not extradition.sent:
        clauses.append(_fill(language, _voice(none, "both", active), **first))
    else:
        for figures in (mla, extradition):
            if figures is None:
                continue
            parts = lead()
            if figures.sent:
                clauses.append(_clause(language, figures, lead=bool(parts), **parts))
            else:
                key = figures.kind if figures.kind == "mla" or not parts else f"{figures.kind}_first"
                clauses.append(_fill(language, _voice(none, key, parts.pop("active", False)), **parts))
    transfer = by_kind.get("transfer")
    if transfer and (transfer.sent or not clauses):
        parts = lead()
        clauses.append(_clause(language, transfer, lead=bool(parts), **parts) if transfer.sent else
                       _fill(language, _voice(none, "transfer_first", parts.pop("active", False)), **parts))
    opening = _period(language, start, end) + _as_of(language, as_of, end)
    if language == "en":
        text = f"{opening}, {'; '.join(clauses)}."
    else:
        text = f"{opening} {', '.join(clauses)}."
    return text[0].upper() + text[1:]
