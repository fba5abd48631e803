"""Kazakhstan's departures from the Monday-to-Friday week, 2024–2026, as public sources give them.

Public holidays are non-working days under the Law «О праздниках в Республике Казахстан» of 13.12.2001
No. 267-II; a holiday on a Saturday or Sunday gives the next working day off (its art. 5). The first day of
Kurban ait and 7 January are days off under the Labour Code, art. 84 p. 5, and do not move. Days off moved by
orders of the Minister of Labour under the Labour Code, art. 85 p. 3. Only weekdays that are not worked and
weekend days that are worked are listed; ordinary Saturdays and Sundays need no row.

Not listed, for want of a source: 2027 as a whole (no official calendar, transfer order or Kurban ait date was
found), and 31.08.2026 (listed in January 2026 as the day off for Constitution Day, then reported as a working
day after the new Constitution of March 2026; no ministry document was found either way).
"""
from datetime import date

EGOV_2024 = "mugalzhar.kz/archives/20849 (календарь egov.kz на 2024 год); mgorod.kz/news/kalendar-vyhodnyh-na-2024-god"
ORDER_2024 = ("Приказ и.о. Министра труда и социальной защиты населения от 17.04.2024 «О переносе дня отдыха в 2024 "
              "году» (номер не найден): mail.kz/ru/news/kz-news/perenos-dnya-otdyha-na-maiskie-prazdniki-podpisan-"
              "prikaz; nur.kz/society/2087000")
CAL_2025 = "pobipb.kz/kalendar-vyxodnyx-i-prazdnichnyx-dnej-na-2025-god"
ORDER_2025 = ("Приказ Министра труда и социальной защиты населения от 21.11.2024 № 436 «О переносе дня отдыха в 2025 "
              "году»: caravan.kz/amp/news/v-ijune-2025-goda-kazahstancev-ozhidaet-dopolnitelnyj-vyhodnoj-den")
CAL_2026 = "inform.kz/ru/kak-budut-otdihat-kazahstantsi-v-2026-godu-947dd6 (календарь egov.kz на 2026 год)"

NEW_YEAR = ("Жаңа жыл", "Новый год", "New Year")
CHRISTMAS = ("Православиелік Рождество", "Православное Рождество", "Orthodox Christmas")
WOMEN = ("Халықаралық әйелдер күні", "Международный женский день", "International Women's Day")
NAURYZ = ("Наурыз мейрамы", "Наурыз мейрамы", "Nauryz")
UNITY = ("Қазақстан халқының бірлігі мерекесі", "Праздник единства народа Казахстана",
         "Unity Day of the People of Kazakhstan")
DEFENDER = ("Отан қорғаушы күні", "День защитника Отечества", "Defender of the Fatherland Day")
VICTORY = ("Жеңіс күні", "День Победы", "Victory Day")
KURBAN = ("Құрбан айттың бірінші күні", "Первый день Курбан айта", "First day of Kurban ait")
CAPITAL = ("Астана күні", "День столицы", "Capital Day")
CONSTITUTION = ("Конституция күні", "День Конституции", "Constitution Day")
REPUBLIC = ("Республика күні", "День Республики", "Republic Day")
INDEPENDENCE = ("Тәуелсіздік күні", "День Независимости", "Independence Day")
MOVED = ("ауыстырылған демалыс күні", "перенесённый день отдыха", "day off moved")
WORKED = ("жұмыс күні (демалыс күні ауыстырылды)", "рабочий день (перенос дня отдыха)",
          "working day (day off moved)")


def _moved(names):
    """The name of a day off moved from a holiday on a weekend."""
    return tuple(f"{name}: {moved}" for name, moved in zip(names, MOVED, strict=True))


# (day, worked, names in kk, ru, en, source)
CALENDAR = [
    (date(2024, 1, 1), False, NEW_YEAR, EGOV_2024), (date(2024, 1, 2), False, NEW_YEAR, EGOV_2024),
    (date(2024, 3, 8), False, WOMEN, EGOV_2024),
    (date(2024, 3, 21), False, NAURYZ, EGOV_2024), (date(2024, 3, 22), False, NAURYZ, EGOV_2024),
    (date(2024, 3, 25), False, _moved(NAURYZ), EGOV_2024),
    (date(2024, 5, 1), False, UNITY, EGOV_2024), (date(2024, 5, 4), True, WORKED, ORDER_2024),
    (date(2024, 5, 7), False, DEFENDER, EGOV_2024), (date(2024, 5, 8), False, MOVED, ORDER_2024),
    (date(2024, 5, 9), False, VICTORY, EGOV_2024), (date(2024, 7, 8), False, _moved(CAPITAL), EGOV_2024),
    (date(2024, 8, 30), False, CONSTITUTION, EGOV_2024), (date(2024, 10, 25), False, REPUBLIC, EGOV_2024),
    (date(2024, 12, 16), False, INDEPENDENCE, EGOV_2024),

    (date(2025, 1, 1), False, NEW_YEAR, CAL_2025), (date(2025, 1, 2), False, NEW_YEAR, CAL_2025),
    (date(2025, 1, 3), False, MOVED, ORDER_2025), (date(2025, 1, 5), True, WORKED, ORDER_2025),
    (date(2025, 1, 7), False, CHRISTMAS, CAL_2025), (date(2025, 3, 10), False, _moved(WOMEN), CAL_2025),
    (date(2025, 3, 21), False, NAURYZ, CAL_2025), (date(2025, 3, 24), False, _moved(NAURYZ), CAL_2025),
    (date(2025, 3, 25), False, _moved(NAURYZ), CAL_2025),
    (date(2025, 5, 1), False, UNITY, CAL_2025), (date(2025, 5, 7), False, DEFENDER, CAL_2025),
    (date(2025, 5, 9), False, VICTORY, CAL_2025), (date(2025, 6, 6), False, KURBAN, ORDER_2025),
    (date(2025, 7, 7), False, _moved(CAPITAL), CAL_2025),
    (date(2025, 9, 1), False, _moved(CONSTITUTION), "nur.kz/society/2277984; zontnews.kz/?p=854"),
    (date(2025, 10, 27), False, _moved(REPUBLIC), "news.mail.ru/society/67924719 (egov.kz)"),
    (date(2025, 12, 16), False, INDEPENDENCE, CAL_2025),

    (date(2026, 1, 1), False, NEW_YEAR, CAL_2026), (date(2026, 1, 2), False, NEW_YEAR, CAL_2026),
    (date(2026, 1, 7), False, CHRISTMAS, CAL_2026), (date(2026, 3, 9), False, _moved(WOMEN), CAL_2026),
    (date(2026, 3, 23), False, NAURYZ, CAL_2026), (date(2026, 3, 24), False, _moved(NAURYZ), CAL_2026),
    (date(2026, 3, 25), False, _moved(NAURYZ), CAL_2026),
    (date(2026, 5, 1), False, UNITY, CAL_2026), (date(2026, 5, 7), False, DEFENDER, CAL_2026),
    (date(2026, 5, 11), False, _moved(VICTORY), CAL_2026),
    (date(2026, 5, 27), False, KURBAN, CAL_2026 + "; zakon.kz/obshestvo/6496885 (дата ДУМК)"),
    (date(2026, 7, 6), False, CAPITAL, CAL_2026), (date(2026, 10, 26), False, _moved(REPUBLIC), CAL_2026),
    (date(2026, 12, 16), False, INDEPENDENCE, CAL_2026),
]
