"""The reference data MLA Tracker starts with: countries, treaties, crime categories."""
from datetime import date

EAEU = {"AM", "BY", "KZ", "KG", "RU"}
CIS = {"AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "UZ"}

# Crime categories: code, kk, ru, en, Criminal Code articles.
CRIME_CATEGORIES = [
    ("fraud", "Алаяқтық", "Мошенничество", "Fraud", "190"),
    ("financial_pyramid", "Қаржы (инвестициялық) пирамидасын құру және оған басшылық ету",
     "Создание и руководство финансовой (инвестиционной) пирамидой",
     "Financial (investment) pyramid", "217"),
    ("informatisation", "Ақпараттандыру және байланыс саласындағы қылмыстық құқық бұзушылықтар",
     "Уголовные правонарушения в сфере информатизации и связи",
     "Offences in informatisation and communications", "205–213"),
    ("organised_group", "Қылмыстық топ құру және оған басшылық ету",
     "Создание и руководство преступной группой", "Organised criminal group", "262"),
    ("money_laundering", "Қылмыстық жолмен алынған ақшаны және (немесе) өзге де мүлікті заңдастыру (жылыстату)",
     "Легализация (отмывание) денег и (или) иного имущества, полученных преступным путем",
     "Money laundering", "218"),
    ("other", "Өзге", "Иное", "Other", ""),
]

MINSK_PARTIES = ["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "RU", "TJ", "TM", "UZ", "UA"]
CHISINAU_PARTIES = ["AM", "AZ", "BY", "KZ", "KG", "RU", "TJ"]

# Multilateral bases: code, short name, kk, ru, en titles, scope, signed, in force, arrest limit, notes, parties.
# Parties left empty mean a convention open to any state party; the office lists them where it matters.
MULTILATERAL_TREATIES = [
    ("minsk-1993", "Minsk Convention 1993",
     "Азаматтық, отбасылық және қылмыстық істер бойынша құқықтық көмек және құқықтық қатынастар туралы конвенция (Минск, 1993 жылғы 22 қаңтар)",
     "Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и уголовным делам (Минск, 22 января 1993 года)",
     "Convention on Legal Assistance and Legal Relations in Civil, Family and Criminal Matters (Minsk, 22 January 1993)",
     "both", date(1993, 1, 22), date(1994, 5, 19), 40,
     "Протокол от 28 марта 1997 года: задержанное лицо освобождается, если запрос о выдаче не поступил в течение 40 дней "
     "с момента задержания.",
     MINSK_PARTIES),
    ("chisinau-2002", "Chisinau Convention 2002",
     "Азаматтық, отбасылық және қылмыстық істер бойынша құқықтық көмек және құқықтық қатынастар туралы конвенция (Кишинев, 2002 жылғы 7 қазан)",
     "Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и уголовным делам (Кишинёв, 7 октября 2002 года)",
     "Convention on Legal Assistance and Legal Relations in Civil, Family and Criminal Matters (Chisinau, 7 October 2002)",
     "both", date(2002, 10, 7), None, None, "", CHISINAU_PARTIES),
    ("untoc-2000", "UNTOC 2000",
     "Трансұлттық ұйымдасқан қылмысқа қарсы Біріккен Ұлттар Ұйымының Конвенциясы",
     "Конвенция Организации Объединённых Наций против транснациональной организованной преступности",
     "United Nations Convention against Transnational Organized Crime",
     "both", date(2000, 11, 15), date(2003, 9, 29), None, "", []),
    ("uncac-2003", "UNCAC 2003",
     "Сыбайлас жемқорлыққа қарсы Біріккен Ұлттар Ұйымының Конвенциясы",
     "Конвенция Организации Объединённых Наций против коррупции",
     "United Nations Convention against Corruption",
     "both", date(2003, 10, 31), date(2005, 12, 14), None, "", []),
    ("vienna-1988", "Vienna Convention 1988",
     "Есірткі құралдары мен психотроптық заттардың заңсыз айналымына қарсы күрес туралы Біріккен Ұлттар Ұйымының Конвенциясы",
     "Конвенция Организации Объединённых Наций о борьбе против незаконного оборота наркотических средств и психотропных веществ",
     "United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances",
     "both", date(1988, 12, 20), date(1990, 11, 11), None, "", []),
    ("strasbourg-1990", "Strasbourg Convention 1990",
     "Қылмыстық жолмен алынған кірістерді жылыстату, анықтау, алып қою және тәркілеу туралы конвенция",
     "Конвенция об отмывании, выявлении, изъятии и конфискации доходов от преступной деятельности",
     "Convention on Laundering, Search, Seizure and Confiscation of the Proceeds from Crime",
     "mla", date(1990, 11, 8), date(1993, 9, 1), None, "", []),
    ("montevideo-1933", "Montevideo Convention 1933",
     "Ұстап беру туралы конвенция (Монтевидео, 1933 жылғы 26 желтоқсан)",
     "Конвенция о выдаче (Монтевидео, 26 декабря 1933 года)",
     "Convention on Extradition (Montevideo, 26 December 1933)",
     "extradition", date(1933, 12, 26), None, 60, "Временный арест длится около двух месяцев.", []),
]

# Short names in Kazakh and Russian (the English one is the treaty's short_name).
SHORT_NAMES = {
    "minsk-1993": ("1993 ж. Минск конвенциясы", "Минская конвенция 1993 г."),
    "chisinau-2002": ("2002 ж. Кишинев конвенциясы", "Кишинёвская конвенция 2002 г."),
    "untoc-2000": ("БҰҰ-ның трансұлттық ұйымдасқан қылмысқа қарсы конвенциясы", "Конвенция ООН против ТОП 2000 г."),
    "uncac-2003": ("БҰҰ-ның сыбайлас жемқорлыққа қарсы конвенциясы", "Конвенция ООН против коррупции 2003 г."),
    "vienna-1988": ("1988 ж. Вена конвенциясы", "Венская конвенция 1988 г."),
    "strasbourg-1990": ("1990 ж. Страсбург конвенциясы", "Страсбургская конвенция 1990 г."),
    "montevideo-1933": ("1933 ж. Монтевидео конвенциясы", "Конвенция Монтевидео 1933 г."),
}
BILATERAL_SHORT_NAMES = {"kk": "ҚР — {country} шарты", "ru": "Договор РК — {country}"}
# Bilateral treaties named in the design; their exact scope and dates are kept by the office's register.
BILATERAL_PARTNERS = ["KG", "TR", "IN", "KR", "US", "GB", "FR", "ES", "IT", "CN", "AE", "RS"]
BILATERAL_TITLES = {
    "kk": "Қылмыстық істер бойынша құқықтық көмек және ұстап беру туралы шарт: Қазақстан Республикасы — {country}",
    "ru": "Договор о правовой помощи по уголовным делам и выдаче: Республика Казахстан — {country}",
    "en": "Treaty on legal assistance in criminal matters and extradition: Republic of Kazakhstan — {country}",
}
# How the statistics paragraph names each category after a number (kk, ru, en), as the office's letters do.
CATEGORY_PHRASES = {
    "fraud": ("алаяқтық бойынша", "по мошенничествам", "for fraud"),
    "financial_pyramid": ("қаржылық пирамидалар бойынша", "по финансовым пирамидам", "for financial pyramids"),
    "informatisation": ("ақпараттандыру және байланыс саласындағы қылмыстар бойынша",
                        "по преступлениям в сфере информатизации и связи",
                        "for offences in informatisation and communications"),
    "organised_group": ("қылмыстық топтар бойынша", "по преступным группам", "for organised groups"),
    "money_laundering": ("қылмыстық кірістерді заңдастыру бойынша", "по легализации преступных доходов",
                         "for money laundering"),
    "other": ("өзге істер бойынша", "по иным делам", "for other offences"),
}
BILATERAL_NOTE = "Внесено при первоначальном заполнении: сверьте сферу действия, даты и сроки с перечнем договоров ведомства."
