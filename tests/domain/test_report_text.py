"""The statistics paragraph of MLA Tracker's reports: the office's letter word for word, agreement of numbers in
Russian and Kazakh, dates in words, and figures that always add up to the number sent."""
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain import kk_grammar as kk
from tracker.domain.report_text import (
    OUTCOMES,
    CategoryScope,
    KindFigures,
    statistics_paragraph,
)

YEAR = {"start": date(2021, 1, 1), "end": date(2021, 12, 31), "as_of": date(2021, 12, 31)}
H1 = {"start": date(2021, 1, 1), "end": date(2021, 6, 30), "as_of": date(2021, 6, 30)}
SENDER = {"ru": "Генеральной прокуратурой", "kk": "Бас прокуратура", "en": "the Prosecutor General's Office"}
SCOPE = {"ru": (CategoryScope("мошенничествах", "Мошенничество"),
                CategoryScope("финансовых пирамид", "Финансовые пирамиды")),
         "kk": (CategoryScope("алаяқтық", "Алаяқтық"), CategoryScope("қаржылық пирамидалар", "Қаржылық пирамидалар")),
         "en": (CategoryScope("fraud", "Fraud"), CategoryScope("financial pyramids", "Financial pyramids"))}
PYRAMIDS = {"ru": "по фин.пирамидам", "kk": "қаржылық пирамидалар бойынша", "en": "on financial pyramids"}
FRAUD = {"ru": "по мошенничествам", "kk": "алаяқтық бойынша", "en": "on fraud"}


def letter_2021(language: str) -> list[KindFigures]:
    """The 2021 figures of the office's letter."""
    pyramids, fraud = PYRAMIDS[language], FRAUD[language]
    return [KindFigures("mla", 56, {"executed": 30, "pending": 26}),
            KindFigures("extradition", 24, {"extradited": 7, "pending": 17},
                        sent_by_category=((pyramids, 6), (fraud, 18)),
                        outcome_by_category={"extradited": ((pyramids, 1), (fraud, 6))})]


def paragraph(language, mla=None, extradition=None, transfer=None, period=H1, **options):
    kinds = [KindFigures("mla", sum((mla or {}).values()), mla or {}),
             KindFigures("extradition", sum((extradition or {}).values()), extradition or {})]
    if transfer is not None:
        kinds.append(KindFigures("transfer", sum(transfer.values()), transfer))
    return statistics_paragraph(language, kinds, **period, **options)


RU_LETTER = (
    "В 2021 году Генеральной прокуратурой направлено 56 международных следственных поручений по уголовным делам о "
    "мошенничествах и финансовых пирамид (30 из которых исполнено, 26 на рассмотрении у компетентных органов "
    "иностранных государств), в иностранные государства направлено 24 запроса о выдаче разыскиваемых лиц (6 по "
    "фин.пирамидам, 18 по мошенничествам), из них выдано 7 (1 по фин.пирамидам, 6 по мошенничествам), остальные на "
    "рассмотрении.")
KK_LETTER = (
    "2021 жылы Бас прокуратура алаяқтық және қаржылық пирамидалар туралы қылмыстық істер бойынша 56 халықаралық "
    "тергеу тапсырмасын жіберді (оның 30-ы орындалды, 26-сы шет мемлекеттердің құзыретті органдарының қарауында), "
    "шет мемлекеттерге іздестіріліп жатқан адамдарды ұстап беру туралы 24 сұрау салу жіберілді (6-қаржылық "
    "пирамидалар, 18-алаяқтық бойынша), оның ішінде 7-еуі (1-қаржылық пирамидалар, 6-алаяқтық бойынша) ұстап "
    "берілді, қалғандары қарастырылуда.")
EN_LETTER = (
    "In 2021, 56 MLA requests were sent by the Prosecutor General's Office in cases of fraud and financial pyramids "
    "(30 of which have been executed and 26 are under consideration by the competent authorities of foreign states); "
    "24 extradition requests were sent to foreign states (6 on financial pyramids, 18 on fraud), of which 7 persons "
    "have been extradited (1 on financial pyramids, 6 on fraud) and the rest are under consideration.")


@pytest.mark.parametrize("language,expected", [("ru", RU_LETTER), ("kk", KK_LETTER), ("en", EN_LETTER)])
def test_the_letters_2021_sentence_word_for_word(language, expected):
    text = statistics_paragraph(language, letter_2021(language), **YEAR, scope=SCOPE[language],
                                sender=SENDER[language])
    assert text == expected


def test_without_a_sender_kazakh_goes_passive_and_russian_drops_the_instrumental():
    kk_text = statistics_paragraph("kk", letter_2021("kk"), **YEAR, scope=SCOPE["kk"])
    ru_text = statistics_paragraph("ru", letter_2021("ru"), **YEAR, scope=SCOPE["ru"])
    assert kk_text.startswith("2021 жылы алаяқтық және қаржылық пирамидалар туралы қылмыстық істер бойынша 56 "
                              "халықаралық тергеу тапсырмасы жіберілді (оның 30-ы орындалды, ")
    assert ru_text.startswith("В 2021 году направлено 56 международных следственных поручений по уголовным делам о ")
    assert "Бас прокуратура" not in kk_text and "прокуратурой" not in ru_text


# number: (MLA noun, extradition verb and noun, transfer noun, "выдан/выдано", persons)
RU_FORMS = {
    1: ("международное следственное поручение", "направлен 1 запрос", "уголовное дело", "выдан", "лицо"),
    2: ("международных следственных поручения", "направлено 2 запроса", "уголовных дела", "выдано", "лица"),
    5: ("международных следственных поручений", "направлено 5 запросов", "уголовных дел", "выдано", "лиц"),
    11: ("международных следственных поручений", "направлено 11 запросов", "уголовных дел", "выдано", "лиц"),
    21: ("международное следственное поручение", "направлен 21 запрос", "уголовное дело", "выдан", "лицо"),
    22: ("международных следственных поручения", "направлено 22 запроса", "уголовных дела", "выдано", "лица"),
    25: ("международных следственных поручений", "направлено 25 запросов", "уголовных дел", "выдано", "лиц"),
    101: ("международное следственное поручение", "направлен 101 запрос", "уголовное дело", "выдан", "лицо"),
}


@pytest.mark.parametrize("n", sorted(RU_FORMS))
def test_russian_nouns_and_participles_agree_with_the_number(n):
    mla_noun, extradition_sent, case_noun, extradited, persons = RU_FORMS[n]
    text = paragraph("ru", {"executed": n}, {"extradited": n}, {"accepted": n})
    assert f"направлено {n} {mla_noun} ({n} из которых исполнено)" in text
    assert f"в иностранные государства {extradition_sent} о выдаче разыскиваемых лиц, из них {extradited} {n}" in text
    assert f"в иностранные государства передано {n} {case_noun} ({n} из которых принято к производству)" in text
    released = paragraph("ru", extradition={"released_abroad": n, "withdrawn": n})
    assert f"{n} {persons} освобождено за рубежом" in released
    assert f"{n} {'отозван' if extradited == 'выдан' else 'отозвано'}." in released


KK_POSSESSIVE = {1: "1-і", 2: "2-сі", 3: "3-і", 4: "4-і", 5: "5-і", 6: "6-сы", 7: "7-сі", 8: "8-і", 9: "9-ы",
                 10: "10-ы", 11: "11-і", 20: "20-сы", 21: "21-і", 22: "22-сі", 25: "25-і", 26: "26-сы", 30: "30-ы",
                 40: "40-ы", 50: "50-і", 60: "60-ы", 70: "70-і", 80: "80-і", 90: "90-ы", 100: "100-і",
                 101: "101-і", 110: "110-ы", 200: "200-і", 1000: "1000-ы", 2000000: "2000000-ы"}
KK_COLLECTIVE = {1: "1-еуі", 2: "2-еуі", 3: "3-еуі", 4: "4-еуі", 5: "5-еуі", 6: "6-ауы", 7: "7-еуі", 8: "8-і",
                 11: "11-і", 21: "21-і", 22: "22-сі", 25: "25-і", 26: "26-сы", 101: "101-і"}


@pytest.mark.parametrize("n,expected", sorted(KK_POSSESSIVE.items()))
def test_kazakh_possessive_number_follows_its_last_spoken_word(n, expected):
    assert kk.possessive_number(n) == expected
    assert f"(оның {expected} орындалды)" in paragraph("kk", {"executed": n})


@pytest.mark.parametrize("n,expected", sorted(KK_COLLECTIVE.items()))
def test_kazakh_counts_extradited_people_with_the_collective_number(n, expected):
    assert kk.collective_number(n) == expected
    text = paragraph("kk", extradition={"extradited": n})
    assert f"туралы {n} сұрау салу жіберілді, оның ішінде {expected} ұстап берілді." in text


KK_MONTHS = [("қаңтар", "қаңтардан", "қаңтарға", "қаңтардағы"), ("ақпан", "ақпаннан", "ақпанға", "ақпандағы"),
             ("наурыз", "наурыздан", "наурызға", "наурыздағы"), ("сәуір", "сәуірден", "сәуірге", "сәуірдегі"),
             ("мамыр", "мамырдан", "мамырға", "мамырдағы"), ("маусым", "маусымнан", "маусымға", "маусымдағы"),
             ("шілде", "шілдеден", "шілдеге", "шілдедегі"), ("тамыз", "тамыздан", "тамызға", "тамыздағы"),
             ("қыркүйек", "қыркүйектен", "қыркүйекке", "қыркүйектегі"), ("қазан", "қазаннан", "қазанға", "қазандағы"),
             ("қараша", "қарашадан", "қарашаға", "қарашадағы"),
             ("желтоқсан", "желтоқсаннан", "желтоқсанға", "желтоқсандағы")]


@pytest.mark.parametrize("month", range(1, 13))
def test_kazakh_month_endings_in_every_month(month):
    name, ablative, dative, of_the_day = KK_MONTHS[month - 1]
    assert kk.MONTHS[month - 1] == name
    assert (kk.ablative(name), kk.dative(name), kk.locative_attributive(name)) == (ablative, dative, of_the_day)
    period = {"start": date(2021, month, 2), "end": date(2022, month, 3), "as_of": date(2026, month, 4)}
    text = paragraph("kk", {"executed": 1}, period=period)
    assert text.startswith(f"2021 жылғы 2 {ablative} бастап 2022 жылғы 3 {dative} дейін "
                           f"(2026 жылғы 4 {of_the_day} жағдай бойынша) 1 халықаралық")


def test_periods_within_a_year_across_years_and_as_of():
    within = H1
    across = {"start": date(2021, 7, 1), "end": date(2022, 6, 30), "as_of": date(2026, 12, 1)}
    assert paragraph("ru", {"executed": 1}, period=within).startswith(
        "В период с 1 января по 30 июня 2021 года направлено")
    assert paragraph("kk", {"executed": 1}, period=within).startswith(
        "2021 жылғы 1 қаңтардан бастап 30 маусымға дейін 1 ")
    assert paragraph("en", {"executed": 1}, period=within).startswith(
        "From 1 January to 30 June 2021, 1 MLA request was")
    assert paragraph("ru", {"executed": 1}, period=across).startswith(
        "В период с 1 июля 2021 года по 30 июня 2022 года (по состоянию на 1 декабря 2026 года) направлено")
    assert paragraph("kk", {"executed": 1}, period=across).startswith(
        "2021 жылғы 1 шілдеден бастап 2022 жылғы 30 маусымға дейін (2026 жылғы 1 желтоқсандағы жағдай бойынша) 1 ")
    assert paragraph("en", {"executed": 1}, period=across).startswith(
        "From 1 July 2021 to 30 June 2022 (as of 1 December 2026), 1 MLA")
    for language in ("ru", "kk", "en"):
        text = paragraph(language, {"executed": 1}, period=YEAR)
        assert "состоянию" not in text and "жағдай" not in text and "as of" not in text


def test_every_non_zero_outcome_is_stated_and_no_zero_one():
    mla = {"executed": 45, "pending": 21, "returned": 2, "withdrawn": 1, "refused": 0}
    expected = {"ru": ["направлено 69 международных следственных поручений (45 из которых исполнено",
                       "2 возвращено для дополнения", "1 отозвано",
                       "21 на рассмотрении у компетентных органов иностранных государств)"],
                "kk": ["69 халықаралық тергеу тапсырмасы жіберілді (оның 45-і орындалды",
                       "2-сі толықтыру үшін қайтарылды",
                       "1-і кері қайтарып алынды", "21-і шет мемлекеттердің құзыретті органдарының қарауында)"],
                "en": ["69 MLA requests were sent (45 of which have been executed",
                       "2 have been returned for completion",
                       "1 has been withdrawn", "21 are under consideration by the competent authorities"]}
    absent = {"ru": ["частично", "отказано", "остальные"], "kk": ["ішінара", "бас тартылды", "қалғандары"],
              "en": ["partially", "refused", "the rest"]}
    for language in ("ru", "kk", "en"):
        text = paragraph(language, mla)
        for phrase in expected[language]:
            assert phrase in text, (language, phrase)
        for word in absent[language]:
            assert word not in text, (language, word)
        assert not re.search(r"(?<![\d-])0(?![\d-])", text)


def test_extradition_outcomes_released_abroad_and_granted_are_stated():
    extradition = {"extradited": 3, "granted": 2, "released_abroad": 1, "refused": 1, "pending": 4}
    ru = paragraph("ru", {"executed": 1}, extradition)
    assert ("направлено 11 запросов о выдаче разыскиваемых лиц, из них выдано 3, по 2 выдача разрешена и ожидается "
            "передача, по 1 отказано в выдаче, 1 лицо освобождено за рубежом, 4 на рассмотрении у компетентных органов "
            "иностранных государств.") in ru
    kk_text = paragraph("kk", {"executed": 1}, extradition)
    assert "оның ішінде 3-еуі ұстап берілді, 2-еуін ұстап беруге рұқсат берілді" in kk_text
    assert "1-еуі шетелде босатылды" in kk_text and "4-і шет мемлекеттердің" in kk_text
    assert "1 person has been released abroad" in paragraph("en", {"executed": 1}, extradition)


def test_the_rest_shortcut_only_when_a_running_clause_has_only_pending_left():
    # other outcomes besides pending: every figure is given
    assert "из них выдано 7, по 2 отказано в выдаче, 15 на рассмотрении" in paragraph(
        "ru", {"executed": 1}, {"extradited": 7, "refused": 2, "pending": 15})
    # nothing extradited: the pending figure is given, not "остальные"
    text = paragraph("ru", {"executed": 1}, {"pending": 5})
    assert "ни одно лицо пока не выдано, 5 на рассмотрении" in text and "остальные" not in text
    # MLA with a category breakdown runs on like the letter's extradition clause
    mla = KindFigures("mla", 10, {"executed": 4, "pending": 6}, sent_by_category=(("по кражам", 10),),
                      outcome_by_category={"executed": (("по кражам", 4),)})
    text = statistics_paragraph("ru", [mla, KindFigures("extradition", 0, {})], **H1)
    assert ("направлено 10 международных следственных поручений (10 по кражам), из них исполнено 4 (4 по кражам), "
            "остальные на рассмотрении, запросы о выдаче не направлялись.") in text


def test_a_main_outcome_of_zero_is_said_in_words():
    cases = {"ru": ("(ни одно из них пока не исполнено, 3 на рассмотрении", "ни одно лицо пока не выдано, 2 на"),
             "kk": ("(әзірге бірде-біреуі орындалған жоқ, 3-і шет",
                    "әзірге бірде-бір адам ұстап берілген жоқ, 2-сі шет"),
             "en": ("(none has been executed yet and 3 are under", "no person has been extradited yet and 2 are under")}
    for language, phrases in cases.items():
        text = paragraph(language, {"pending": 3}, {"pending": 2})
        for phrase in phrases:
            assert phrase in text, (language, phrase)
        assert not re.search(r"(?<![\d-])0(?![\d-])", text)


def test_kinds_with_nothing_sent():
    assert paragraph("ru", {"executed": 2}) == ("В период с 1 января по 30 июня 2021 года направлено 2 международных "
                                                "следственных поручения (2 из которых исполнено), запросы о выдаче не "
                                                "направлялись.")
    assert paragraph("ru", extradition={"extradited": 1}, sender=SENDER["ru"]).startswith(
        "В период с 1 января по 30 июня 2021 года Генеральной прокуратурой международные следственные поручения не "
        "направлялись, в иностранные государства направлен 1 запрос")
    assert paragraph("ru", sender=SENDER["ru"]) == ("В период с 1 января по 30 июня 2021 года Генеральной прокуратурой "
                                                    "международные следственные поручения и запросы о выдаче не "
                                                    "направлялись.")
    assert paragraph("kk") == ("2021 жылғы 1 қаңтардан бастап 30 маусымға дейін халықаралық тергеу тапсырмалары мен "
                               "ұстап беру туралы сұрау салулар жіберілген жоқ.")
    assert paragraph("kk", sender=SENDER["kk"]).endswith("Бас прокуратура халықаралық тергеу тапсырмалары мен ұстап "
                                                         "беру туралы сұрау салуларды жіберген жоқ.")
    assert paragraph("en") == "From 1 January to 30 June 2021, no MLA or extradition requests were sent."


def test_transfers_of_proceedings_are_stated_after_extradition():
    transfer = {"accepted": 2, "refused": 1, "pending": 2}
    assert paragraph("ru", {"executed": 1}, {"extradited": 1}, transfer).endswith(
        "из них выдан 1, в иностранные государства передано 5 уголовных дел (2 из которых принято к производству, "
        "по 1 отказано в принятии, 2 на рассмотрении у компетентных органов иностранных государств).")
    assert paragraph("kk", {"executed": 1}, {"extradited": 1}, transfer).endswith(
        "шет мемлекеттерге 5 қылмыстық іс берілді (оның 2-сі іс жүргізуге қабылданды, 1-і бойынша қабылдаудан бас "
        "тартылды, 2-сі шет мемлекеттердің құзыретті органдарының қарауында).")
    assert paragraph("en", {"executed": 1}, {"extradited": 1}, transfer).endswith(
        "; 5 criminal cases were transferred to foreign states (2 of which have been accepted for proceedings, 1 has "
        "been refused and 2 are under consideration by the competent authorities of foreign states).")
    assert "передано" not in paragraph("ru", {"executed": 1}, {"extradited": 1}, {})


def test_scope_by_word_and_fallback_to_names():
    one = (CategoryScope("кражах", "Кража"),)
    three = (CategoryScope("кражах", "Кража"), CategoryScope("", "Мошенничество"), CategoryScope("взятках", "Взятка"))
    assert "поручение по уголовным делам о кражах (1 из" in paragraph("ru", {"executed": 1}, scope=one)
    assert ("поручение по уголовным делам категорий «Кража», «Мошенничество» и «Взятка» (1 из"
            in paragraph("ru", {"executed": 1}, scope=three))
    assert ("«Алаяқтық» санатындағы қылмыстық істер бойынша 1 халықаралық"
            in paragraph("kk", {"executed": 1}, scope=(CategoryScope("", "Алаяқтық"),)))
    assert ("sent in cases in the categories “Theft” and “Fraud” (1 of"
            in paragraph("en", {"executed": 1}, scope=(CategoryScope("", "Theft"), CategoryScope("fraud", "Fraud"))))
    assert "дел" not in paragraph("ru", {"executed": 1}, {"extradited": 1})


def test_kazakh_breakdown_phrases_without_the_postposition():
    figures = KindFigures("extradition", 3, {"extradited": 3}, sent_by_category=(("басқа санаттар", 3),))
    text = statistics_paragraph("kk", [KindFigures("mla", 0, {}), figures], **H1)
    assert "3 сұрау салу жіберілді (3 басқа санаттар), оның ішінде 3-еуі ұстап берілді." in text


def test_figures_that_do_not_add_up_are_refused():
    with pytest.raises(ValueError):
        statistics_paragraph("ru", [KindFigures("mla", 5, {"executed": 4})], **H1)
    with pytest.raises(ValueError):
        statistics_paragraph("ru", [KindFigures("mla", 1, {"extradited": 1})], **H1)


# The Russian wording of each outcome, read back out of the sentence.
RU_READ = {
    "mla": {"executed": r"(\d+) из которых исполнено|из них исполнено (\d+)",
            "partially_executed": r"(\d+) исполнено частично",
            "refused": r"по (\d+) отказано в исполнении", "returned": r"(\d+) возвращено для дополнения",
            "withdrawn": r"(\d+) отозвано"},
    "extradition": {"extradited": r"из них выдано? (\d+)", "granted": r"по (\d+) выдача разрешена и ожидается передача",
                    "refused": r"по (\d+) отказано в выдаче",
                    "released_abroad": r"(\d+) (?:лицо|лица|лиц) освобождено за рубежом",
                    "withdrawn": r"(\d+) отозвано?"},
    "transfer": {"accepted": r"(\d+) из которых принято к производству|из них принято к производству (\d+)",
                 "refused": r"по (\d+) отказано в принятии", "returned": r"(\d+) возвращено для дополнения",
                 "withdrawn": r"(\d+) отозвано"},
}
ZERO = {"mla": "ни одно из них пока не исполнено", "extradition": "ни одно лицо пока не выдано",
        "transfer": "ни одно из них пока не принято к производству"}
MAIN = {"mla": "executed", "extradition": "extradited", "transfer": "accepted"}
PENDING = r"(\d+) на рассмотрении у компетентных органов иностранных государств"


def read_clause(kind: str, clause: str) -> dict[str, int]:
    """Each outcome's figure as the clause states it; fails on any figure left unread."""
    sent_match = re.search(r"(?:направлено?|передано) (\d+)", clause)
    sent = int(sent_match.group(1))
    rest = clause[:sent_match.start()] + clause[sent_match.end():]
    read = {}
    for outcome, pattern in [*RU_READ[kind].items(), ("pending", PENDING)]:
        matches = list(re.finditer(pattern, rest))
        assert len(matches) <= 1, (outcome, clause)
        if matches:
            read[outcome] = int(next(group for group in matches[0].groups() if group))
            assert read[outcome] > 0, clause
            rest = rest.replace(matches[0].group(0), "")
    if "остальные на рассмотрении" in rest:
        assert set(read) == {MAIN[kind]}, clause
        read["pending"] = sent - read[MAIN[kind]]
        assert read["pending"] > 0, clause
    assert not re.search(r"\d", rest), (rest, clause)
    assert (ZERO[kind] in clause) == (MAIN[kind] not in read), clause
    assert sum(read.values()) == sent, clause
    return read


def outcome_counts(kind):
    return st.dictionaries(st.sampled_from(OUTCOMES[kind]), st.integers(0, 130))


def figures(kind, outcomes, by_category):
    """A kind's figures; with `by_category`, the sent and main figures split over two categories."""
    sent = sum(outcomes.values())
    if not by_category:
        return KindFigures(kind, sent, outcomes)

    def split(count):
        parts = (("по категории А", count // 3), ("по категории Б", count - count // 3))
        return tuple((phrase, part) for phrase, part in parts if part)
    return KindFigures(kind, sent, outcomes, sent_by_category=split(sent),
                       outcome_by_category={MAIN[kind]: split(outcomes.get(MAIN[kind], 0))})


@given(mla=outcome_counts("mla"), extradition=outcome_counts("extradition"),
       transfer=st.none() | outcome_counts("transfer"), by_category=st.booleans())
def test_russian_figures_read_back_as_given_and_add_up_to_the_number_sent(mla, extradition, transfer, by_category):
    kinds = [figures("mla", mla, by_category), figures("extradition", extradition, by_category)]
    if transfer is not None:
        kinds.append(figures("transfer", transfer, by_category))
    text = statistics_paragraph("ru", kinds, **YEAR)
    assert text.startswith("В 2021 году ") and text.endswith(".") and text.count(".") == 1
    body = re.sub(r" \(\d+ по категории [АБ](?:, \d+ по категории [АБ])?\)", "", text[len("В 2021 году "):-1])
    clauses = re.split(r", (?=в иностранные государства|запросы о выдаче не направлялись)", body)
    given_counts = {kind.kind: {name: count for name, count in kind.outcomes.items() if count} for kind in kinds}
    sent = {kind.kind: kind.sent for kind in kinds}
    if not sent["mla"] and not sent["extradition"]:
        assert clauses[0] == "международные следственные поручения и запросы о выдаче не направлялись"
        clauses.insert(1, "запросы о выдаче не направлялись")
    elif not sent["mla"]:
        assert clauses[0] == "международные следственные поручения не направлялись"
    if not sent["extradition"]:
        assert clauses[1] == "запросы о выдаче не направлялись"
    assert len(clauses) == 2 + (sent.get("transfer", 0) > 0)
    for kind, clause in zip(("mla", "extradition", "transfer"), clauses):
        if sent[kind]:
            assert read_clause(kind, clause) == given_counts[kind]


# A report filtered to some kinds states those kinds only: it says nothing of the others, which may well have been
# sent. The first clause stated carries the office and the categories, whichever kind it is.
FRAUD_SCOPE = {"ru": [CategoryScope("мошенничестве", "Мошенничество")], "kk": [CategoryScope("алаяқтық", "Алаяқтық")],
         "en": [CategoryScope("fraud", "Fraud")]}
OFFICE = {"ru": "Генеральной прокуратурой", "kk": "Бас прокуратура", "en": "the Prosecutor General's Office"}
EXTRADITION = KindFigures("extradition", 3, {"extradited": 1, "pending": 2})
TRANSFERS = KindFigures("transfer", 2, {"accepted": 1, "pending": 1})


@pytest.mark.parametrize("language, kinds, sender, expected", [
    ("ru", [EXTRADITION], True, "В 2021 году Генеральной прокуратурой в иностранные государства направлено 3 запроса "
     "о выдаче разыскиваемых лиц по уголовным делам о мошенничестве, из них выдан 1, остальные на рассмотрении."),
    ("kk", [EXTRADITION], True, "2021 жылы Бас прокуратура алаяқтық туралы қылмыстық істер бойынша шет мемлекеттерге "
     "іздестіріліп жатқан адамдарды ұстап беру туралы 3 сұрау салуды жіберді, оның ішінде 1-еуі ұстап берілді, "
     "қалғандары қарастырылуда."),
    ("en", [EXTRADITION], False, "In 2021, 3 extradition requests were sent to foreign states in cases of fraud, of "
     "which 1 person has been extradited and the rest are under consideration."),
    ("ru", [TRANSFERS], False, "В 2021 году в иностранные государства передано 2 уголовных дела о мошенничестве (1 из "
     "которых принято к производству, 1 на рассмотрении у компетентных органов иностранных государств)."),
    ("kk", [TRANSFERS], True, "2021 жылы Бас прокуратура шет мемлекеттерге алаяқтық туралы 2 қылмыстық істі берді "
     "(оның 1-і іс жүргізуге қабылданды, 1-і шет мемлекеттердің құзыретті органдарының қарауында)."),
    ("en", [TRANSFERS], True, "In 2021, 2 criminal cases of fraud were transferred to foreign states by the Prosecutor "
     "General's Office (1 of which has been accepted for proceedings and 1 is under consideration by the competent "
     "authorities of foreign states)."),
    ("ru", [KindFigures("transfer", 0, {})], True,
     "В 2021 году Генеральной прокуратурой уголовные дела о мошенничестве в иностранные государства не передавались."),
    ("kk", [KindFigures("extradition", 0, {}), TRANSFERS], False, "2021 жылы алаяқтық туралы қылмыстық істер бойынша "
     "ұстап беру туралы сұрау салулар жіберілген жоқ, шет мемлекеттерге 2 қылмыстық іс берілді (оның 1-і іс жүргізуге "
     "қабылданды, 1-і шет мемлекеттердің құзыретті органдарының қарауында)."),
    ("en", [KindFigures("mla", 4, {"executed": 3, "pending": 1}), KindFigures("transfer", 0, {})], False,
     "In 2021, 4 MLA requests were sent in cases of fraud (3 of which have been executed and 1 is under consideration "
     "by the competent authorities of foreign states)."),
])
def test_a_report_of_some_kinds_speaks_of_those_kinds_alone(language, kinds, sender, expected):
    assert statistics_paragraph(language, kinds, **YEAR, scope=FRAUD_SCOPE[language],
                                sender=OFFICE[language] if sender else "") == expected
