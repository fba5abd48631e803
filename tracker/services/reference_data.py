"""The reference data MLA Tracker starts with: country groups and crime categories (treaties: treaty_register)."""
EAEU = {"AM", "BY", "KZ", "KG", "RU"}
CIS = {"AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "UZ"}
# Names the office uses where they differ from CLDR's, by country and language, as the legal review of the register
# reported Kazakhstan's official usage; administrators add others on the country's page.
OFFICIAL_NAMES = {("KG", "ru"): "Кыргызстан", ("US", "ru"): "США", ("KR", "kk"): "Корея Республикасы"}

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

# How the statistics paragraph names each category after a number (kk, ru, en), as the office's letters do.
# How the statistics paragraph names each category's cases when a report is narrowed to it (kk, ru, en):
# "алаяқтық туралы қылмыстық істер бойынша", "по уголовным делам о мошенничествах", "in cases of fraud".
CATEGORY_SCOPES = {
    "fraud": ("алаяқтық", "мошенничествах", "fraud"),
    "financial_pyramid": ("қаржылық пирамидалар", "финансовых пирамидах", "financial pyramids"),
    "informatisation": ("ақпараттандыру және байланыс саласындағы қылмыстар",
                        "преступлениях в сфере информатизации и связи", "offences in informatisation and communications"),
    "organised_group": ("қылмыстық топтар жасаған қылмыстар", "преступлениях, совершённых преступными группами",
                        "offences by criminal groups"),
    "money_laundering": ("қылмыстық кірістерді заңдастыру", "легализации преступных доходов", "money laundering"),
    "other": ("өзге қылмыстар", "иных преступлениях", "other offences"),
}
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
