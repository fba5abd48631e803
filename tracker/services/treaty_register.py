"""Kazakhstan's treaties in criminal matters as public sources give them, each row with its sources; to be
confirmed by the office (an administrator marks each row confirmed)."""
from datetime import date

# scope: a subset of "mla", "extradition", "transfer" (transfer of criminal proceedings), "sentenced_persons".
# status: "in_force" (in force for Kazakhstan, or ratified with the date in force not found), "signed" (signed or
# only approved for signing, no ratification found), "terminated".
# parties: (alpha-2 code, applies_from, applies_until) — the date the treaty applies between that party and
# Kazakhstan, None where no source gives it. Bilateral treaties list only the partner. Multilateral conventions
# open to all UN members list no parties (any state party).
# arrest_limit: (number, "days" | "months", "detention" | "notification") or None.
TREATIES = [
    # ------------------------------------------------------------------------------------------------------------
    # Multilateral conventions
    # ------------------------------------------------------------------------------------------------------------
    dict(code="minsk-1993", short_name="Minsk Convention 1993", short_name_kk="1993 ж. Минск конвенциясы",
         short_name_ru="Минская конвенция 1993 г.",
         title_kk="Азаматтық, отбасылық және қылмыстық істер бойынша құқықтық көмек және құқықтық қатынастар туралы "
                  "конвенция (Минск, 1993 жылғы 22 қаңтар)",
         title_ru="Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и уголовным делам "
                  "(Минск, 22 января 1993 года)",
         title_en="Convention on Legal Assistance and Legal Relations in Civil, Family and Criminal Matters "
                  "(Minsk, 22 January 1993)",
         multilateral=True, scope=("mla", "extradition", "transfer"), status="in_force",
         signed_on=date(1993, 1, 22), in_force_on=None, terminated_on=None, arrest_limit=(40, "days", "detention"),
         parties=[("AM", None, None), ("AZ", None, None), ("BY", None, None), ("GE", None, None),
                  ("KG", None, None), ("MD", None, None), ("RU", date(1994, 12, 10), None), ("TJ", None, None),
                  ("TM", None, None), ("UA", date(1995, 4, 14), None), ("UZ", None, None)],
         supersedes=(),
         source="edis74.ru/minskaya-konventsiya-1993/ и копия КонсультантПлюс (вступление в силу 19.05.1994, для "
                "России 10.12.1994); zakon.rada.gov.ua/laws/show/ru/v53_7323-06 (письмо Минюста Украины от "
                "21.01.2006 № 26-53/7, перечень участников); docs.dtkt.ua/doc/997_009 (Украина: ратификация Законом "
                "от 10.11.1994 № 240/94-ВР, вступление в силу 14.04.1995, выход Законом № 2783-IX от 01.12.2022); "
                "base.garant.ru/10119702 (ст. 62 п. 1 в редакции Протокола 1997 г.); Протокол от 28.03.1997: Закон "
                "РК от 24.06.1999 № 399-I (adilet.zan.kz/kaz/docs/Z990000399_), "
                "zakonpravo.kz/en/on-ratification-of-the-protocol-to-the-convention-on-legal-assistance-and-legal-"
                "relations-in-civil-family-and-criminal-matters-of-january-22-1993",
         notes="Конвенция вступила в силу 19.05.1994 (общая дата); дата вступления в силу для Казахстана не найдена. "
               "Ст. 62 п. 1 в редакции Протокола 1997 г.: лицо освобождается, если запрос о выдаче не поступил в "
               "течение 40 дней со дня взятия под стражу. Протокол от 28.03.1997 ратифицирован Законом РК от "
               "24.06.1999 № 399-I, ратификационная грамота сдана на хранение 18.08.1999, Протокол вступил в силу "
               "17.09.1999. Украина вышла из Конвенции Законом № 2783-IX от 01.12.2022; дата, с которой Конвенция "
               "перестала применяться в отношениях с Украиной, не найдена (дата окончания не указана). Между "
               "участниками Кишинёвской конвенции 2002 г. Минская конвенция и Протокол 1997 г. не применяются "
               "(ст. 120 п. 3 Кишинёвской конвенции). Не найдено: акт о ратификации Конвенции Казахстаном; дата "
               "вступления в силу для Казахстана; даты применения для участников, кроме России и Украины."),
    dict(code="chisinau-2002", short_name="Chisinau Convention 2002", short_name_kk="2002 ж. Кишинев конвенциясы",
         short_name_ru="Кишинёвская конвенция 2002 г.",
         title_kk="Азаматтық, отбасылық және қылмыстық істер бойынша құқықтық көмек және құқықтық қатынастар туралы "
                  "конвенция (Кишинев, 2002 жылғы 7 қазан)",
         title_ru="Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и уголовным делам "
                  "(Кишинёв, 7 октября 2002 года)",
         title_en="Convention on Legal Assistance and Legal Relations in Civil, Family and Criminal Matters "
                  "(Chisinau, 7 October 2002)",
         multilateral=True, scope=("mla", "extradition", "transfer", "sentenced_persons"), status="in_force",
         signed_on=date(2002, 10, 7), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("RU", date(2023, 6, 28), None), ("BY", None, None), ("KG", None, None), ("AM", None, None),
                  ("AZ", None, None), ("MD", None, None), ("TJ", None, None), ("UZ", None, None)],
         supersedes=("minsk-1993",),
         source="Закон РК от 10.03.2004 № 531 (adilet.zan.kz/rus/docs/Z040000531_; zakonpravo.kz/en/on-the-"
                "ratification-of-the-convention-on-legal-assistance-and-legal-relations-in-civil-family-and-"
                "criminal-matters); Кыргызстан: Закон КР от 19.03.2004 № 29 (cbd.minjust.gov.kg/act/view/ru-ru/17401); "
                "Россия: consultant.ru cons_doc_LAW_5942; Узбекистан: gazeta.uz/ru/2019/09/04/convention; "
                "ст. 120 п. 3: копия forum.yurclub.ru, по существу подтверждено КонсультантПлюс",
         notes="Ратифицирована Законом РК от 10.03.2004 № 531, ратификационная грамота сдана на хранение 29.03.2004. "
               "Сдача грамот: Беларусь 01.08.2003, Казахстан 29.03.2004, Кыргызстан 02.09.2004 (Закон КР от "
               "19.03.2004 № 29), Армения 21.01.2005. Для России вступила в силу 28.06.2023. Узбекистан: закон о "
               "присоединении от 26.08.2019, дата вступления в силу не найдена. Подписали: Азербайджан, Армения, "
               "Беларусь, Грузия, Казахстан, Кыргызстан, Молдова, Россия, Таджикистан, Украина. Ст. 120 п. 3: в "
               "отношениях между её участниками Минская конвенция 1993 г. и Протокол 1997 г. не применяются. "
               "Охватывает правовую помощь, выдачу (часть II), уголовное преследование (часть III), признание и "
               "исполнение приговоров (часть V). Не найдено: дата вступления в силу для Казахстана; даты применения "
               "для участников, кроме России; ратификация Азербайджаном, Молдовой и Таджикистаном; срок содержания "
               "под стражей до получения запроса о выдаче."),
    dict(code="untoc-2000", short_name="UNTOC 2000",
         short_name_kk="БҰҰ-ның трансұлттық ұйымдасқан қылмысқа қарсы конвенциясы",
         short_name_ru="Конвенция ООН против ТОП 2000 г.",
         title_kk="Трансұлттық ұйымдасқан қылмысқа қарсы Біріккен Ұлттар Ұйымының Конвенциясы",
         title_ru="Конвенция Организации Объединённых Наций против транснациональной организованной преступности",
         title_en="United Nations Convention against Transnational Organized Crime",
         multilateral=True, scope=("mla", "extradition", "transfer"), status="in_force",
         signed_on=date(2000, 12, 13), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[], supersedes=(),
         source="Закон РК от 04.06.2008 № 40-IV (zakonpravo.kz/en/zakony/zakon-o-ratifikatsii-konventsii-"
                "organizatsii-obedinennyh-natsiy-protiv-transnatsionalnoy-organizovannoy-prestupnosti)",
         notes="Ратифицирована Законом РК от 04.06.2008 № 40-IV. Дата подписания: закон называет Конвенцию "
               "«подписанной в Палермо 13 декабря 2000 года»; в заметках также встречается 15.12.2000 (под "
               "вопросом) — расхождение, принята дата из закона. Не найдено: дата вступления в силу для "
               "Казахстана."),
    dict(code="uncac-2003", short_name="UNCAC 2003", short_name_kk="БҰҰ-ның сыбайлас жемқорлыққа қарсы конвенциясы",
         short_name_ru="Конвенция ООН против коррупции 2003 г.",
         title_kk="Сыбайлас жемқорлыққа қарсы Біріккен Ұлттар Ұйымының Конвенциясы",
         title_ru="Конвенция Организации Объединённых Наций против коррупции",
         title_en="United Nations Convention against Corruption",
         multilateral=True, scope=("mla", "extradition", "transfer"), status="in_force",
         signed_on=date(2003, 10, 31), in_force_on=date(2008, 7, 17), terminated_on=None, arrest_limit=None,
         parties=[], supersedes=(),
         source="Закон РК от 04.05.2008 № 31-IV (zakonpravo.kz/en/zakony/zakon-o-ratifikatsii-konventsii-"
                "organizatsii-obedinennyh-natsiy-protiv-korruptsii); дата вступления в силу: krguo.finistcom.kz "
                "(зеркало казахского текста со ссылкой на МИД)",
         notes="Ратифицирована Законом РК от 04.05.2008 № 31-IV с заявлениями: по п. 6 а) ст. 44 — Конвенция "
               "как правовое основание выдачи; по п. 14 ст. 46 — переводы просьб на казахский или русский язык. "
               "Дата вступления в силу для Казахстана (17.07.2008) взята с зеркала казахского текста со ссылкой "
               "на МИД — сверить."),
    dict(code="vienna-1988", short_name="Vienna Convention 1988", short_name_kk="1988 ж. Вена конвенциясы",
         short_name_ru="Венская конвенция 1988 г.",
         title_kk="Есірткі құралдары мен психотроптық заттардың заңсыз айналымына қарсы күрес туралы Біріккен "
                  "Ұлттар Ұйымының Конвенциясы",
         title_ru="Конвенция Организации Объединённых Наций о борьбе против незаконного оборота наркотических "
                  "средств и психотропных веществ",
         title_en="United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances",
         multilateral=True, scope=("mla", "extradition", "transfer"), status="in_force",
         signed_on=date(1988, 12, 20), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[], supersedes=(),
         source="Закон РК от 29.06.1998 № 246 о присоединении (zakonpravo.kz/en/zakony/zakon-o-prisoedinenii-"
                "respubliki-kazahstan-k-konventsii-…); treaties.un.org MTDSG VI-19 (общая дата вступления в силу); "
                "телеграмма Госдепартамента США (присоединение в апреле 1997 г.)",
         notes="Казахстан присоединился Законом РК от 29.06.1998 № 246. Общая дата вступления в силу — 11.11.1990. "
               "Расхождение: телеграмма Госдепартамента США указывает, что Казахстан присоединился в апреле 1997 г. "
               "Не найдено: дата вступления в силу для Казахстана; полный адрес страницы закона (в заметках "
               "сокращён)."),
    dict(code="strasbourg-1990", short_name="Strasbourg Convention 1990", short_name_kk="1990 ж. Страсбург конвенциясы",
         short_name_ru="Страсбургская конвенция 1990 г.",
         title_kk="Қылмыстық жолмен алынған кірістерді жылыстату, анықтау, алып қою және тәркілеу туралы конвенция",
         title_ru="Конвенция об отмывании, выявлении, изъятии и конфискации доходов от преступной деятельности",
         title_en="Convention on Laundering, Search, Seizure and Confiscation of the Proceeds from Crime",
         multilateral=True, scope=("mla",), status="in_force",
         signed_on=date(1990, 11, 8), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[], supersedes=(),
         source="Закон РК от 02.05.2011 № 431-IV с оговорками (adilet.zan.kz/rus/docs/Z1100000431); ETS 141",
         notes="Ратифицирована Законом РК от 02.05.2011 № 431-IV с оговорками. Не найдено: дата вступления в силу "
               "для Казахстана. Казахстан не значится участником европейских конвенций ETS 24, 30 и 112."),
    dict(code="montevideo-1933", short_name="Montevideo Convention 1933",
         short_name_kk="1933 ж. Монтевидео конвенциясы", short_name_ru="Конвенция Монтевидео 1933 г.",
         title_kk="Ұстап беру туралы конвенция (Монтевидео, 1933 жылғы 26 желтоқсан)",
         title_ru="Конвенция о выдаче (Монтевидео, 26 декабря 1933 года)",
         title_en="Convention on Extradition (Montevideo, 26 December 1933)",
         multilateral=True, scope=("extradition",), status="in_force",
         signed_on=date(1933, 12, 26), in_force_on=None, terminated_on=None, arrest_limit=(2, "months", "notification"),
         parties=[("AR", None, None), ("CL", None, None), ("CO", None, None), ("DO", None, None),
                  ("EC", None, None), ("SV", None, None), ("GT", None, None), ("HN", None, None),
                  ("MX", None, None), ("NI", None, None), ("PA", None, None), ("US", None, None),
                  ("UA", None, None)],
         supersedes=(),
         source="Закон РК от 10.11.2017 № 105-VI «О ратификации Конвенции о выдаче» (adilet.zan.kz/rus/docs/"
                "Z1700000105); таблица ОАГ oas.org/juridico/english/sigs/a-35.html; ст. 10, 11, 19 — испанский "
                "аутентичный текст (wikisource, US Statutes vol. 49)",
         notes="Ратифицирована Законом РК от 10.11.2017 № 105-VI с заявлениями: граждане Казахстана не выдаются; "
               "ст. 15 применяется в соответствии с национальным законодательством. Грамота Казахстана сдана на "
               "хранение 03.01.2018 (таблица ОАГ); дата вступления в силу для Казахстана в источниках прямо не "
               "указана (может быть только выведена) — не заполнена. Украина сдала документ о присоединении "
               "05.01.2023; дата применения в отношениях с Украиной не найдена. Ст. 10: временный арест "
               "прекращается, если запрос о выдаче не оформлен в течение двух месяцев со дня уведомления "
               "запрашивающего государства об аресте. Ст. 11: выданное лицо должно быть принято в течение двух "
               "месяцев после удовлетворения запроса, для соседних стран — сорока дней. Ст. 19: не применяется к "
               "преступлениям, совершённым до сдачи ратификационной грамоты на хранение. Не найдено: даты "
               "применения Конвенции в отношениях с каждым участником."),
    dict(code="inter-american-mla-1992", short_name="Inter-American MLA Convention",
         short_name_kk="Қылмыстық істер бойынша өзара көмек туралы Америкааралық конвенция",
         short_name_ru="Межамериканская конвенция о взаимной помощи по уголовным делам",
         title_kk="Қылмыстық істер бойынша өзара көмек туралы Америкааралық конвенция",
         title_ru="Межамериканская конвенция о взаимной помощи по уголовным делам",
         title_en="Inter-American Convention on Mutual Assistance in Criminal Matters",
         multilateral=True, scope=("mla",), status="in_force",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[], supersedes=(),
         source="Закон РК от 21.09.2015 № 351-V (adilet.zan.kz/rus/docs/Z1500000351)",
         notes="Казахстан стал участником по Закону РК от 21.09.2015 № 351-V. Не найдено: дата принятия "
               "(подписания) Конвенции; дата вступления в силу для Казахстана; перечень участников и даты "
               "применения с каждым из них."),

    # ------------------------------------------------------------------------------------------------------------
    # Bilateral treaties
    # ------------------------------------------------------------------------------------------------------------
    # Kyrgyzstan
    dict(code="kz-kg-civ-cr-1996", short_name="KZ–Kyrgyzstan civil and criminal legal assistance 1996",
         short_name_kk="ҚР — Қырғызстан азаматтық және қылмыстық істер бойынша құқықтық көмек туралы келісімі, 1996 ж.",
         short_name_ru="Соглашение РК — Киргизия о правовой помощи по гражданским и уголовным делам 1996 г.",
         title_kk="Қазақстан Республикасы мен Қырғыз Республикасы арасындағы азаматтық және қылмыстық істер бойынша "
                  "өзара құқықтық көмек туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Киргизской Республикой о взаимной правовой помощи по "
                  "гражданским и уголовным делам",
         title_en="Agreement between the Republic of Kazakhstan and the Kyrgyz Republic on Mutual Legal Assistance "
                  "in Civil and Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1996, 8, 26), in_force_on=date(1998, 12, 18), terminated_on=None, arrest_limit=None,
         parties=[("KG", date(1998, 12, 18), None)], supersedes=(),
         source="Закон РК от 30.06.1997 № 142 о ратификации (zakonpravo.kz/en/on-ratification-of-the-agreement-"
                "between-the-republic-of-kazakhstan-and-the-kyrgyz-republic-on-mutual-legal-assistance-in-civil-and-"
                "criminal-matters); Протокол о внесении изменений: Закон РК от 12.05.2023 № 3-VIII",
         notes="Подписано в Алматы 26.08.1996, вступило в силу 18.12.1998. Протокол о внесении изменений подписан в "
               "Бишкеке 26.05.2022, ратифицирован Законом РК от 12.05.2023 № 3-VIII. Не найдено: дата вступления в "
               "силу Протокола 2022 г.; адрес страницы закона 2023 г."),
    dict(code="kz-kg-ext-1997", short_name="KZ–Kyrgyzstan extradition 1997",
         short_name_kk="ҚР — Қырғызстан ұстап беру туралы келісімі, 1997 ж.",
         short_name_ru="Соглашение РК — Киргизия о выдаче 1997 г.",
         title_kk="Қазақстан Республикасы мен Қырғыз Республикасы арасындағы қылмыс жасаған адамдарды экстрадициялау "
                  "(ұстап беру) және қылмыстық қудалау туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Киргизской Республикой об экстрадиции (выдаче) и "
                  "уголовном преследовании лиц, совершивших преступления",
         title_en="Agreement between the Republic of Kazakhstan and the Kyrgyz Republic on Extradition and Criminal "
                  "Prosecution of Persons Who Have Committed Crimes",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(1997, 4, 8), in_force_on=date(2000, 7, 2), terminated_on=None, arrest_limit=None,
         parties=[("KG", date(2000, 7, 2), None)], supersedes=(),
         source="Закон РК от 13.07.1999 № 417-I об утверждении Соглашения (zakonpravo.kz, страница закона об "
                "утверждении соглашения об экстрадиции и уголовном преследовании)",
         notes="Подписано в Алматы 08.04.1997, утверждено Законом РК от 13.07.1999 № 417-I, вступило в силу "
               "02.07.2000. Не найдено: полный адрес страницы источника; сроки задержания до получения запроса."),
    # Turkey
    dict(code="kz-tr-mla-ext-1995", short_name="KZ–Turkey MLA and extradition 1995",
         short_name_kk="ҚР — Түркия құқықтық көмек және ұстап беру туралы келісімі, 1995 ж.",
         short_name_ru="Соглашение РК — Турция о правовой помощи по уголовным делам и выдаче 1995 г.",
         title_kk="Қазақстан Республикасы мен Түркия Республикасы арасындағы қылмыстық істер бойынша құқықтық көмек "
                  "және адамдарды ұстап беру туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Турецкой Республикой о правовой помощи по уголовным "
                  "делам и выдаче лиц",
         title_en="Agreement between the Republic of Kazakhstan and the Republic of Turkey on Legal Assistance in "
                  "Criminal Matters and Extradition of Persons",
         multilateral=False, scope=("mla", "extradition"), status="in_force",
         signed_on=date(1995, 8, 15), in_force_on=date(2000, 6, 12), terminated_on=None, arrest_limit=None,
         parties=[("TR", date(2000, 6, 12), None)], supersedes=(),
         source="Закон РК от 06.04.1999 № 367-I (zakonpravo.kz/en/zakony/zakon-o-ratifikatsii-soglasheniya-mezhdu-"
                "respublikoy-kazahstan-i-turetskoy-respublikoy-o-pravovoy-pomoshi-po-ugolovnym-delam-i-vydache-lits)",
         notes="Подписано в Алматы 15.08.1995, ратифицировано Законом РК от 06.04.1999 № 367-I, вступило в силу "
               "12.06.2000."),
    dict(code="kz-tr-tsp-2013", short_name="KZ–Turkey sentenced persons transfer 2013",
         short_name_kk="ҚР — Түркия сотталғандарды беру туралы келісімі, 2013 ж.",
         short_name_ru="Соглашение РК — Турция о передаче осуждённых 2013 г.",
         title_kk="Қазақстан Республикасы мен Түркия Республикасы арасындағы сотталған адамдарды беру туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Турецкой Республикой о передаче осуждённых лиц",
         title_en="Agreement between the Republic of Kazakhstan and the Republic of Turkey on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2013, 7, 4), in_force_on=date(2015, 5, 18), terminated_on=None, arrest_limit=None,
         parties=[("TR", date(2015, 5, 18), None)], supersedes=(),
         source="Закон РК от 20.11.2013 № 143-V (adilet.zan.kz, Z1300000143)",
         notes="Подписано в Анкаре 04.07.2013, ратифицировано Законом РК от 20.11.2013 № 143-V, вступило в силу "
               "18.05.2015."),
    # India
    dict(code="kz-in-mla-1999", short_name="KZ–India MLA 1999",
         short_name_kk="ҚР — Үндістан қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 1999 ж.",
         short_name_ru="Договор РК — Индия о правовой помощи по уголовным делам 1999 г.",
         title_kk="Қазақстан Республикасы мен Үндістан Республикасы арасындағы қылмыстық істер бойынша өзара "
                  "құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Индия о взаимной правовой помощи по уголовным "
                  "делам",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of India on Mutual Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1999, 8, 17), in_force_on=date(2000, 12, 22), terminated_on=None, arrest_limit=None,
         parties=[("IN", date(2000, 12, 22), None)], supersedes=(),
         source="Закон РК от 17.05.2000 № 49-II (adilet.zan.kz, Z000000049_)",
         notes="Подписан в Нью-Дели 17.08.1999, ратифицирован Законом РК от 17.05.2000 № 49-II, вступил в силу "
               "22.12.2000."),
    dict(code="kz-in-ext-n", short_name="KZ–India extradition",
         short_name_kk="ҚР — Үндістан ұстап беру туралы шарты",
         short_name_ru="Договор РК — Индия о выдаче",
         title_kk="Қазақстан Республикасы мен Үндістан Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Индия о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of India on Extradition",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IN", None, None)], supersedes=(),
         source="Указ о подписании от 22.01.2009 № 730 (adilet.zan.kz, U090000730_)",
         notes="Известен только указ о подписании от 22.01.2009 № 730. Не найдено: дата и место подписания; закон "
               "о ратификации; дата вступления в силу."),
    dict(code="kz-in-tsp-2015", short_name="KZ–India sentenced persons transfer 2015",
         short_name_kk="ҚР — Үндістан сотталғандарды беру туралы келісімі, 2015 ж.",
         short_name_ru="Соглашение РК — Индия о передаче осуждённых 2015 г.",
         title_kk="Қазақстан Республикасы мен Үндістан Республикасы арасындағы сотталған адамдарды беру туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Республикой Индия о передаче осужденных лиц",
         title_en="Agreement between the Republic of Kazakhstan and the Republic of India on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2015, 7, 8), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IN", None, None)], supersedes=(),
         source="zakon.kz/politika/4773913 (закон о ратификации подписан Президентом, 09.02.2016); документ о "
                "проекте закона от 19.11.2015 № 924; Kazinform",
         notes="Подписано в Астане 08.07.2015. Закон о ратификации подписан Президентом (сообщение zakon.kz от "
               "09.02.2016); проект закона — документ от 19.11.2015 № 924. Расхождение: Kazinform указывает "
               "08.07.2015 как дату вступления в силу, но это дата подписания — сведение ненадёжно, не использовано. "
               "Не найдено: номер и дата закона о ратификации; дата вступления в силу."),
    # Republic of Korea
    dict(code="kz-kr-mla-2003", short_name="KZ–Korea MLA 2003",
         short_name_kk="ҚР — Корея қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2003 ж.",
         short_name_ru="Договор РК — Корея о правовой помощи по уголовным делам 2003 г.",
         title_kk="Қазақстан Республикасы мен Корея Республикасы арасындағы қылмыстық істер бойынша өзара құқықтық "
                  "көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Корея о взаимной правовой помощи по уголовным "
                  "делам",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Korea on Mutual Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(2003, 11, 13), in_force_on=date(2012, 9, 10), terminated_on=None, arrest_limit=None,
         parties=[("KR", date(2012, 9, 10), None)], supersedes=(),
         source="Закон РК от 08.07.2011 № 453-IV (adilet.zan.kz, Z1100000453)",
         notes="Подписан в Сеуле 13.11.2003, ратифицирован Законом РК от 08.07.2011 № 453-IV, вступил в силу "
               "10.09.2012."),
    dict(code="kz-kr-ext-2003", short_name="KZ–Korea extradition 2003",
         short_name_kk="ҚР — Корея ұстап беру туралы шарты, 2003 ж.",
         short_name_ru="Договор РК — Корея о выдаче 2003 г.",
         title_kk="Қазақстан Республикасы мен Корея Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Корея о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Korea on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2003, 11, 13), in_force_on=date(2012, 9, 10), terminated_on=None, arrest_limit=None,
         parties=[("KR", date(2012, 9, 10), None)], supersedes=(),
         source="Закон РК от 14.02.2012 № 555-IV (adilet.zan.kz, Z1200000555)",
         notes="Подписан в Сеуле 13.11.2003, ратифицирован Законом РК от 14.02.2012 № 555-IV, вступил в силу "
               "10.09.2012. Не найдено: сроки задержания до получения запроса."),
    dict(code="kz-kr-tsp-2019", short_name="KZ–Korea sentenced persons transfer 2019",
         short_name_kk="ҚР — Корея сотталғандарды беру туралы шарты, 2019 ж.",
         short_name_ru="Договор РК — Корея о передаче осуждённых 2019 г.",
         title_kk="Қазақстан Республикасы мен Корея Республикасы арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Корея о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Korea on the Transfer of Sentenced "
                  "Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2019, 4, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("KR", None, None)], supersedes=(),
         source="Закон РК от 12.03.2021 № 17-VII (adilet.zan.kz, Z2100000017)",
         notes="Подписан в Нур-Султане 22.04.2019, ратифицирован Законом РК от 12.03.2021 № 17-VII. Не найдено: "
               "дата вступления в силу."),
    # USA
    dict(code="kz-us-mla-2015", short_name="KZ–USA MLA 2015",
         short_name_kk="ҚР — АҚШ қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2015 ж.",
         short_name_ru="Договор РК — США о правовой помощи по уголовным делам 2015 г.",
         title_kk="Қазақстан Республикасы мен Америка Құрама Штаттары арасындағы қылмыстық істер бойынша өзара "
                  "құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Соединёнными Штатами Америки о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the United States of America on Mutual Legal "
                  "Assistance in Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(2015, 2, 20), in_force_on=date(2016, 12, 6), terminated_on=None, arrest_limit=None,
         parties=[("US", date(2016, 12, 6), None)], supersedes=(),
         source="Закон РК № 331-V (2015 г.) (adilet.zan.kz, Z1500000331)",
         notes="Подписан в Вашингтоне 20.02.2015, ратифицирован Законом РК № 331-V (2015 г.), вступил в силу "
               "06.12.2016. Не найдено: точная дата закона о ратификации."),
    # United Kingdom
    dict(code="kz-gb-mla-n", short_name="KZ–United Kingdom MLA",
         short_name_kk="ҚР — Ұлыбритания қылмыстық істер бойынша өзара құқықтық көмек туралы шарты",
         short_name_ru="Договор РК — Великобритания о правовой помощи по уголовным делам",
         title_kk="Қазақстан Республикасы мен Ұлыбритания және Солтүстік Ирландия Құрама Корольдігі арасындағы "
                  "қылмыстық істер бойынша өзара құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Соединённым Королевством Великобритании и Северной "
                  "Ирландии о взаимной правовой помощи по уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the United Kingdom of Great Britain and Northern "
                  "Ireland on Mutual Legal Assistance in Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("GB", None, None)], supersedes=(),
         source="Указ о подписании от 14.10.2015 № 104 (adilet.zan.kz, U1500000104)",
         notes="Известен только указ о подписании от 14.10.2015 № 104. Вид документа и точное название в "
               "источниках не записаны — сверить. Не найдено: подписание, ратификация, вступление в силу."),
    # France
    dict(code="kz-fr-mla-2021", short_name="KZ–France MLA 2021",
         short_name_kk="ҚР — Франция қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2021 ж.",
         short_name_ru="Договор РК — Франция о правовой помощи по уголовным делам 2021 г.",
         title_kk="Қазақстан Республикасы мен Француз Республикасы арасындағы қылмыстық істер бойынша өзара құқықтық "
                  "көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Французской Республикой о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the French Republic on Mutual Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(2021, 10, 28), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("FR", None, None)], supersedes=(),
         source="Закон РК от 15.02.2023 № 200-VII (adilet.zan.kz, Z2300000200)",
         notes="Подписан в Нур-Султане 28.10.2021, ратифицирован Законом РК от 15.02.2023 № 200-VII. Не найдено: "
               "дата вступления в силу."),
    # Spain
    dict(code="kz-es-mla-2011", short_name="KZ–Spain MLA 2011",
         short_name_kk="ҚР — Испания қылмыстық істер бойынша өзара құқықтық көмек туралы конвенциясы, 2011 ж.",
         short_name_ru="Конвенция РК — Испания о правовой помощи по уголовным делам 2011 г.",
         title_kk="Қазақстан Республикасы мен Испания Корольдігі арасындағы қылмыстық істер бойынша өзара құқықтық "
                  "көмек туралы конвенция",
         title_ru="Конвенция между Республикой Казахстан и Королевством Испания о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Convention between the Republic of Kazakhstan and the Kingdom of Spain on Mutual Legal Assistance "
                  "in Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(2011, 6, 17), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("ES", None, None)], supersedes=(),
         source="Закон РК от 19.10.2012 № 45-V (adilet.zan.kz, Z1200000045)",
         notes="Подписана в Астане 17.06.2011, ратифицирована Законом РК от 19.10.2012 № 45-V. Не найдено: дата "
               "вступления в силу."),
    dict(code="kz-es-ext-n", short_name="KZ–Spain extradition",
         short_name_kk="ҚР — Испания ұстап беру туралы шарты",
         short_name_ru="Договор РК — Испания о выдаче",
         title_kk="Қазақстан Республикасы мен Испания Корольдігі арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Королевством Испания о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Kingdom of Spain on Extradition",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("ES", None, None)], supersedes=(),
         source="Указ о подписании от 16.11.2012 № 433 (adilet.zan.kz, U1200000433)",
         notes="Известен только указ о подписании от 16.11.2012 № 433. Не найдено: дата и место подписания; закон "
               "о ратификации; дата вступления в силу."),
    dict(code="kz-es-tsp-2012", short_name="KZ–Spain sentenced persons transfer 2012",
         short_name_kk="ҚР — Испания сотталғандарды беру туралы шарты, 2012 ж.",
         short_name_ru="Договор РК — Испания о передаче осуждённых 2012 г.",
         title_kk="Қазақстан Республикасы мен Испания Корольдігі арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Королевством Испания о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Kingdom of Spain on the Transfer of Sentenced "
                  "Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2012, 11, 21), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("ES", None, None)], supersedes=(),
         source="Закон РК от 23.05.2013 № 97-V (zakonpravo.kz)",
         notes="Подписан в Мадриде 21.11.2012, ратифицирован Законом РК от 23.05.2013 № 97-V. Не найдено: дата "
               "вступления в силу; полный адрес страницы источника."),
    # Italy
    dict(code="kz-it-ext-2015", short_name="KZ–Italy extradition 2015",
         short_name_kk="ҚР — Италия ұстап беру туралы шарты, 2015 ж.",
         short_name_ru="Договор РК — Италия о выдаче 2015 г.",
         title_kk="Қазақстан Республикасы мен Италия Республикасы арасындағы адамдарды ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Итальянской Республикой о выдаче лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Italian Republic on Extradition of Persons",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2015, 1, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IT", None, None)], supersedes=(),
         source="Закон РК от 21.09.2015 № 348-V (adilet.zan.kz, Z1500000348)",
         notes="Подписан в Астане 22.01.2015, ратифицирован Законом РК от 21.09.2015 № 348-V. Не найдено: дата "
               "вступления в силу."),
    dict(code="kz-it-mla-2015", short_name="KZ–Italy MLA 2015",
         short_name_kk="ҚР — Италия қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2015 ж.",
         short_name_ru="Договор РК — Италия о правовой помощи по уголовным делам 2015 г.",
         title_kk="Қазақстан Республикасы мен Италия Республикасы арасындағы қылмыстық істер бойынша өзара құқықтық "
                  "көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Итальянской Республикой о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Italian Republic on Mutual Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(2015, 1, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IT", None, None)], supersedes=(),
         source="processopenaleegiustizia.it (Закон Италии от 24.07.2019 n. 90)",
         notes="Подписан в Астане 22.01.2015; Италия ратифицировала Законом от 24.07.2019 n. 90. Вид документа и "
               "точное название в источниках не записаны — сверить. Не найдено: закон РК о ратификации; дата "
               "вступления в силу."),
    dict(code="kz-it-tsp-2013", short_name="KZ–Italy sentenced persons transfer 2013",
         short_name_kk="ҚР — Италия сотталғандарды беру туралы шарты, 2013 ж.",
         short_name_ru="Договор РК — Италия о передаче осуждённых 2013 г.",
         title_kk="Қазақстан Республикасы мен Италия Республикасы арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Итальянской Республикой о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Italian Republic on the Transfer of Sentenced "
                  "Persons",
         multilateral=False, scope=("sentenced_persons",), status="signed",
         signed_on=date(2013, 11, 8), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IT", None, None)], supersedes=(),
         source="larassegna.isgi.cnr.it (Закон Италии от 16.06.2015 n. 79); en.tengrinews.kz (одобрение Сенатом "
                "20.11.2014)",
         notes="Подписан в Астане 08.11.2013; Италия ратифицировала Законом от 16.06.2015 n. 79; Сенат Парламента "
               "РК одобрил ратификацию 20.11.2014. Статус «подписан» оставлен, так как закон РК не найден — сверить. "
               "Вид документа и точное название в источниках не записаны. Не найдено: номер и дата закона РК о "
               "ратификации; дата вступления в силу."),
    # China
    dict(code="kz-cn-civ-cr-1993", short_name="KZ–China civil and criminal legal assistance 1993",
         short_name_kk="ҚР — Қытай азаматтық және қылмыстық істер бойынша құқықтық көмек туралы шарты, 1993 ж.",
         short_name_ru="Договор РК — Китай о правовой помощи по гражданским и уголовным делам 1993 г.",
         title_kk="Қазақстан Республикасы мен Қытай Халық Республикасы арасындағы азаматтық және қылмыстық істер "
                  "бойынша құқықтық көмек көрсету туралы шарт",
         title_ru="Договор между Республикой Казахстан и Китайской Народной Республикой об оказании правовой помощи "
                  "по гражданским и уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the People's Republic of China on Legal Assistance "
                  "in Civil and Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1993, 1, 14), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("CN", None, None)], supersedes=(),
         source="Указ Президента РК от 30.05.1995 № 2309 о ратификации (adilet.zan.kz, U950002309_); Протокол: "
                "Закон РК от 27.05.2024 № 87-VIII (adilet.zan.kz, Z2400000087)",
         notes="Подписан в Пекине 14.01.1993, ратифицирован Указом Президента РК от 30.05.1995 № 2309. Протокол о "
               "внесении изменений подписан в Сиане 17.05.2023, ратифицирован Законом РК от 27.05.2024 № 87-VIII. "
               "Не найдено: дата вступления в силу Договора и Протокола."),
    dict(code="kz-cn-ext-1996", short_name="KZ–China extradition 1996",
         short_name_kk="ҚР — Қытай ұстап беру туралы шарты, 1996 ж.",
         short_name_ru="Договор РК — Китай о выдаче 1996 г.",
         title_kk="Қазақстан Республикасы мен Қытай Халық Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Китайской Народной Республикой о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the People's Republic of China on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(1996, 7, 5), in_force_on=date(1999, 2, 10), terminated_on=None, arrest_limit=None,
         parties=[("CN", date(1999, 2, 10), None)], supersedes=(),
         source="Закон РК от 13.06.1997 № 123 (adilet.zan.kz, Z970000123_); prg-online doc_id=1024710",
         notes="Подписан в Алматы 05.07.1996, ратифицирован Законом РК от 13.06.1997 № 123, вступил в силу "
               "10.02.1999. Расхождение: prg-online указывает номер закона «№ 123-1». Не найдено: сроки задержания "
               "до получения запроса."),
    dict(code="kz-cn-tsp-n", short_name="KZ–China sentenced persons transfer",
         short_name_kk="ҚР — Қытай сотталғандарды беру туралы шарты",
         short_name_ru="Договор РК — Китай о передаче осуждённых",
         title_kk="Қазақстан Республикасы мен Қытай Халық Республикасы арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Китайской Народной Республикой о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the People's Republic of China on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=None, in_force_on=date(2015, 9, 30), terminated_on=None, arrest_limit=None,
         parties=[("CN", date(2015, 9, 30), None)], supersedes=(),
         source="Указ о подписании от 27.09.2010 № 1074; Закон РК от 20.11.2013 № 144-V; "
                "online.zakon.kz link_id=1001590106",
         notes="Указ о подписании от 27.09.2010 № 1074; ратифицирован Законом РК от 20.11.2013 № 144-V; вступил в "
               "силу 30.09.2015. Не найдено: дата и место подписания."),
    # UAE
    dict(code="kz-ae-ext-2009", short_name="KZ–UAE extradition 2009",
         short_name_kk="ҚР — БАӘ ұстап беру туралы келісімі, 2009 ж.",
         short_name_ru="Соглашение РК — ОАЭ о выдаче 2009 г.",
         title_kk="Қазақстан Республикасы мен Біріккен Араб Әмірліктері арасындағы қылмыскерлерді ұстап беру туралы "
                  "келісім",
         title_ru="Соглашение между Республикой Казахстан и Объединёнными Арабскими Эмиратами о выдаче преступников",
         title_en="Agreement between the Republic of Kazakhstan and the United Arab Emirates on Extradition of "
                  "Criminals",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2009, 3, 16), in_force_on=date(2012, 9, 22), terminated_on=None, arrest_limit=None,
         parties=[("AE", date(2012, 9, 22), None)], supersedes=(),
         source="Закон РК от 20.04.2012 № 12-V (zakonpravo.kz/en/zakony/zakon-o-ratifikatsii-soglasheniya-mezhdu-"
                "respublikoy-kazahstan-i-obedinennymi-arabskimi-emiratami-o-vydache-prestupnikov)",
         notes="Подписано в Абу-Даби 16.03.2009, вступило в силу 22.09.2012. Расхождение: закон о ратификации — "
               "Закон РК от 20.04.2012 № 12-V; другой источник называет Закон РК от 04.07.2012 № 29-V — сверить."),
    dict(code="kz-ae-mla-2009", short_name="KZ–UAE MLA 2009",
         short_name_kk="ҚР — БАӘ қылмыстық істер бойынша өзара құқықтық көмек туралы келісімі, 2009 ж.",
         short_name_ru="Соглашение РК — ОАЭ о правовой помощи по уголовным делам 2009 г.",
         title_kk="Қазақстан Республикасы мен Біріккен Араб Әмірліктері арасындағы қылмыстық істер бойынша өзара "
                  "құқықтық көмек туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Объединёнными Арабскими Эмиратами о взаимной правовой "
                  "помощи по уголовным делам",
         title_en="Agreement between the Republic of Kazakhstan and the United Arab Emirates on Mutual Legal "
                  "Assistance in Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(2009, 3, 16), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("AE", None, None)], supersedes=(),
         source="Документ о проекте закона о ратификации от 27.04.2010 № 355 (adilet.zan.kz, P100000355_)",
         notes="Подписано в Абу-Даби 16.03.2009. Известен только проект закона о ратификации (документ от "
               "27.04.2010 № 355). Не найдено: закон о ратификации; дата вступления в силу."),
    dict(code="kz-ae-tsp-2018", short_name="KZ–UAE sentenced persons transfer 2018",
         short_name_kk="ҚР — БАӘ сотталғандарды беру туралы шарты, 2018 ж.",
         short_name_ru="Договор РК — ОАЭ о передаче осуждённых 2018 г.",
         title_kk="Қазақстан Республикасы мен Біріккен Араб Әмірліктері арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Объединёнными Арабскими Эмиратами о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the United Arab Emirates on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2018, 7, 4), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("AE", None, None)], supersedes=(),
         source="Закон РК от 05.10.2020 № 364-VI (adilet.zan.kz, Z2000000364)",
         notes="Подписан в Астане 04.07.2018, ратифицирован Законом РК от 05.10.2020 № 364-VI. Не найдено: дата "
               "вступления в силу."),
    # Serbia
    dict(code="kz-rs-ext-2016", short_name="KZ–Serbia extradition 2016",
         short_name_kk="ҚР — Сербия ұстап беру туралы шарты, 2016 ж.",
         short_name_ru="Договор РК — Сербия о выдаче 2016 г.",
         title_kk="Қазақстан Республикасы мен Сербия Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Сербия о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Serbia on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2016, 8, 24), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("RS", None, None)], supersedes=(),
         source="Закон РК от 18.10.2017 № 99-VI (zakonpravo.kz/en/zakony/zakon-o-ratifikatsii-dogovora-mezhdu-"
                "respublikoy-kazahstan-i-respublikoy-serbiya-o-vydache)",
         notes="Подписан в Белграде 24.08.2016, ратифицирован Законом РК от 18.10.2017 № 99-VI. Не найдено: дата "
               "вступления в силу."),
    dict(code="kz-rs-mla-n", short_name="KZ–Serbia MLA",
         short_name_kk="ҚР — Сербия қылмыстық істер бойынша құқықтық көмек туралы шарты",
         short_name_ru="Договор РК — Сербия о правовой помощи по уголовным делам",
         title_kk="Қазақстан Республикасы мен Сербия Республикасы арасындағы қылмыстық істер бойынша құқықтық көмек "
                  "туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Сербия о правовой помощи по уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Serbia on Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("RS", None, None)], supersedes=(),
         source="Указ о подписании от 20.08.2015 № 70 (adilet.zan.kz, U1500000070)",
         notes="Известен только указ о подписании от 20.08.2015 № 70. Не найдено: дата и место подписания; закон "
               "о ратификации; дата вступления в силу."),
    # Saudi Arabia
    dict(code="kz-sa-ext-2016", short_name="KZ–Saudi Arabia extradition 2016",
         short_name_kk="ҚР — Сауд Арабиясы ұстап беру туралы келісімі, 2016 ж.",
         short_name_ru="Соглашение РК — Саудовская Аравия о выдаче 2016 г.",
         title_kk="Қазақстан Республикасы мен Сауд Арабиясы Корольдігі арасындағы ұстап беру туралы келісім",
         title_ru="Соглашение между Республикой Казахстан и Королевством Саудовская Аравия о выдаче",
         title_en="Agreement between the Republic of Kazakhstan and the Kingdom of Saudi Arabia on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2016, 10, 25), in_force_on=date(2018, 1, 13), terminated_on=None, arrest_limit=None,
         parties=[("SA", date(2018, 1, 13), None)], supersedes=(),
         source="Закон РК от 10.11.2017 № 107-VI (online.zakon.kz doc_id=31629685); pavlodar.com/zakon/?dok=06377",
         notes="Подписано в Эр-Рияде 25.10.2016, ратифицировано Законом РК от 10.11.2017 № 107-VI, вступило в силу "
               "13.01.2018. Ст. 8 — временный арест и арест для выдачи; ст. 13 — отсроченная или временная выдача. "
               "Не найдено: предельный срок временного ареста (число дней) в заметках не записан."),
    dict(code="kz-sa-tsp-2016", short_name="KZ–Saudi Arabia sentenced persons transfer 2016",
         short_name_kk="ҚР — Сауд Арабиясы сотталғандарды беру туралы келісімі, 2016 ж.",
         short_name_ru="Соглашение РК — Саудовская Аравия о передаче осуждённых 2016 г.",
         title_kk="Қазақстан Республикасы мен Сауд Арабиясы Корольдігі арасындағы сотталған адамдарды беру туралы "
                  "келісім",
         title_ru="Соглашение между Республикой Казахстан и Королевством Саудовская Аравия о передаче осужденных лиц",
         title_en="Agreement between the Republic of Kazakhstan and the Kingdom of Saudi Arabia on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="signed",
         signed_on=date(2016, 10, 25), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("SA", None, None)], supersedes=(),
         source="continent-online doc_id=31629638",
         notes="Подписано в Эр-Рияде 25.10.2016. Не найдено: закон о ратификации; дата вступления в силу."),
    # North Macedonia
    dict(code="kz-mk-ext-2019", short_name="KZ–North Macedonia extradition 2019",
         short_name_kk="ҚР — Солтүстік Македония ұстап беру туралы шарты, 2019 ж.",
         short_name_ru="Договор РК — Северная Македония о выдаче 2019 г.",
         title_kk="Қазақстан Республикасы мен Солтүстік Македония Республикасы арасындағы адамдарды ұстап беру "
                  "туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Северная Македония о выдаче лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of North Macedonia on Extradition of "
                  "Persons",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2019, 8, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MK", None, None)], supersedes=(),
         source="Закон РК от 11.05.2021 № 37-VII (zakonpravo.kz)",
         notes="Подписан в Скопье 22.08.2019, ратифицирован Законом РК от 11.05.2021 № 37-VII. Не найдено: дата "
               "вступления в силу; полный адрес страницы источника."),
    dict(code="kz-mk-mla-2019", short_name="KZ–North Macedonia MLA 2019",
         short_name_kk="ҚР — Солтүстік Македония қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2019 ж.",
         short_name_ru="Договор РК — Северная Македония о правовой помощи по уголовным делам 2019 г.",
         title_kk="Қазақстан Республикасы мен Солтүстік Македония Республикасы арасындағы қылмыстық істер бойынша "
                  "өзара құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Северная Македония о взаимной правовой помощи "
                  "по уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of North Macedonia on Mutual Legal "
                  "Assistance in Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(2019, 8, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MK", None, None)], supersedes=(),
         source="Указ о подписании от 13.11.2018 № 785 (adilet.zan.kz, U1800000785)",
         notes="Указ о подписании от 13.11.2018 № 785; подписан в Скопье 22.08.2019. Вид документа (договор или "
               "соглашение) в источниках не записан — сверить. Не найдено: закон о ратификации; дата вступления в "
               "силу."),
    dict(code="kz-mk-tsp-2019", short_name="KZ–North Macedonia sentenced persons transfer 2019",
         short_name_kk="ҚР — Солтүстік Македония сотталғандарды беру туралы шарты, 2019 ж.",
         short_name_ru="Договор РК — Северная Македония о передаче осуждённых 2019 г.",
         title_kk="Қазақстан Республикасы мен Солтүстік Македония Республикасы арасындағы сотталған адамдарды беру "
                  "туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Северная Македония о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of North Macedonia on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="signed",
         signed_on=date(2019, 8, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MK", None, None)], supersedes=(),
         source="en.inform.kz a3834821",
         notes="Подписан в Скопье 22.08.2019. Сообщается о протоколе об обмене ратификационными грамотами от "
               "10.09.2021 — возможно, договор ратифицирован; статус «подписан» оставлен до сверки. Вид документа "
               "и точное название в источниках не записаны. Не найдено: закон РК о ратификации; дата вступления в "
               "силу."),
    # Mongolia
    dict(code="kz-mn-ext-1993", short_name="KZ–Mongolia extradition 1993",
         short_name_kk="ҚР — Моңғолия ұстап беру туралы шарты, 1993 ж.",
         short_name_ru="Договор РК — Монголия о выдаче 1993 г.",
         title_kk="Қазақстан Республикасы мен Моңғолия арасындағы қылмыс жасаған адамдарды қылмыстық жауаптылыққа "
                  "тарту немесе үкімді орындау үшін ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Монголией о выдаче лиц, совершивших преступление, для "
                  "привлечения их к уголовной ответственности или для приведения приговора в исполнение",
         title_en="Treaty between the Republic of Kazakhstan and Mongolia on the Extradition of Persons Who Have "
                  "Committed a Crime for Criminal Prosecution or Enforcement of a Sentence",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=date(1993, 10, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MN", None, None)], supersedes=(),
         source="Документ о направлении на ратификацию от 10.12.1993 № 1238 (adilet.zan.kz, P930001238_)",
         notes="Подписан 22.10.1993; направлен на ратификацию документом от 10.12.1993 № 1238. Вид документа "
               "(договор или соглашение) в источниках не записан — сверить. Не найдено: акт о ратификации; дата "
               "вступления в силу."),
    dict(code="kz-mn-civ-cr-1993", short_name="KZ–Mongolia civil and criminal legal assistance 1993",
         short_name_kk="ҚР — Моңғолия азаматтық және қылмыстық істер бойынша құқықтық көмек туралы шарты, 1993 ж.",
         short_name_ru="Договор РК — Монголия о правовой помощи по гражданским и уголовным делам 1993 г.",
         title_kk="Қазақстан Республикасы мен Моңғолия арасындағы азаматтық және қылмыстық істер бойынша өзара "
                  "құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Монголией о взаимной правовой помощи по гражданским и "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and Mongolia on Mutual Legal Assistance in Civil and "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(1993, 10, 22), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MN", None, None)], supersedes=(),
         source="Документ о направлении на ратификацию от 15.04.1994 № 394 (adilet.zan.kz, P940000394_)",
         notes="Подписан 22.10.1993; направлен на ратификацию документом от 15.04.1994 № 394. Вид документа "
               "(договор или соглашение) в источниках не записан — сверить. Не найдено: акт о ратификации; дата "
               "вступления в силу."),
    dict(code="kz-mn-tsp-2018", short_name="KZ–Mongolia sentenced persons transfer 2018",
         short_name_kk="ҚР — Моңғолия сотталғандарды беру туралы шарты, 2018 ж.",
         short_name_ru="Договор РК — Монголия о передаче осуждённых 2018 г.",
         title_kk="Қазақстан Республикасы мен Моңғолия арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Монголией о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and Mongolia on the Transfer of Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2018, 3, 29), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MN", None, None)], supersedes=(),
         source="Закон РК от 25.12.2019 № 283-VI (zakonpravo.kz)",
         notes="Подписан в Астане 29.03.2018, ратифицирован Законом РК от 25.12.2019 № 283-VI. Вид документа и "
               "точное название в источниках не записаны — сверить. Не найдено: дата вступления в силу; полный "
               "адрес страницы источника."),
    # Pakistan
    dict(code="kz-pk-civ-cr-1995", short_name="KZ–Pakistan civil, family and criminal legal assistance 1995",
         short_name_kk="ҚР — Пәкістан азаматтық, отбасылық және қылмыстық істер бойынша құқықтық көмек туралы шарты, "
                       "1995 ж.",
         short_name_ru="Договор РК — Пакистан о правовой помощи по гражданским, семейным и уголовным делам 1995 г.",
         title_kk="Қазақстан Республикасы мен Пәкістан Ислам Республикасы арасындағы азаматтық, отбасылық және "
                  "қылмыстық істер бойынша құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Исламской Республикой Пакистан о правовой помощи по "
                  "гражданским, семейным и уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Islamic Republic of Pakistan on Legal "
                  "Assistance in Civil, Family and Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1995, 8, 23), in_force_on=date(2001, 2, 9), terminated_on=None, arrest_limit=None,
         parties=[("PK", date(2001, 2, 9), None)], supersedes=(),
         source="Закон РК от 09.11.1998 № 293-I (adilet.zan.kz, Z980000293_)",
         notes="Подписан в Алматы 23.08.1995, ратифицирован Законом РК от 09.11.1998 № 293-I, вступил в силу "
               "09.02.2001. Вид документа и точное название в источниках не записаны — сверить."),
    dict(code="kz-pk-ext-n", short_name="KZ–Pakistan extradition",
         short_name_kk="ҚР — Пәкістан ұстап беру туралы шарты",
         short_name_ru="Договор РК — Пакистан о выдаче",
         title_kk="Қазақстан Республикасы мен Пәкістан Ислам Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Исламской Республикой Пакистан о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Islamic Republic of Pakistan on Extradition",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("PK", None, None)], supersedes=(),
         source="Указ о подписании от 31.10.2025 № 1071 (adilet.zan.kz, U2500001071)",
         notes="Известен только указ о подписании от 31.10.2025 № 1071 (одобрен к подписанию). Не найдено: факт и "
               "дата подписания; ратификация; дата вступления в силу."),
    # Iran
    dict(code="kz-ir-civ-cr-1999", short_name="KZ–Iran civil and criminal legal assistance 1999",
         short_name_kk="ҚР — Иран азаматтық және қылмыстық істер бойынша құқықтық көмек туралы шарты, 1999 ж.",
         short_name_ru="Договор РК — Иран о правовой помощи по гражданским и уголовным делам 1999 г.",
         title_kk="Қазақстан Республикасы мен Иран Ислам Республикасы арасындағы азаматтық және қылмыстық істер "
                  "бойынша құқықтық көмек және құқықтық қатынастар туралы шарт",
         title_ru="Договор между Республикой Казахстан и Исламской Республикой Иран о правовой помощи и правовых "
                  "отношениях по гражданским и уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Islamic Republic of Iran on Legal Assistance "
                  "and Legal Relations in Civil and Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(1999, 10, 6), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IR", None, None)], supersedes=(),
         source="Документ о проекте закона о ратификации от 19.06.2013 № 632 (adilet.zan.kz, P1300000632)",
         notes="Подписан в Тегеране 06.10.1999; проект закона о ратификации — документ от 19.06.2013 № 632. Вид "
               "документа (договор или соглашение) в источниках не записан — сверить. Не найдено: закон о "
               "ратификации; дата вступления в силу."),
    dict(code="kz-ir-tsp-2016", short_name="KZ–Iran sentenced persons transfer 2016",
         short_name_kk="ҚР — Иран сотталғандарды беру туралы келісімі, 2016 ж.",
         short_name_ru="Соглашение РК — Иран о передаче осуждённых 2016 г.",
         title_kk="Қазақстан Республикасы мен Иран Ислам Республикасы арасындағы сотталған адамдарды беру туралы "
                  "келісім",
         title_ru="Соглашение между Республикой Казахстан и Исламской Республикой Иран о передаче осужденных лиц",
         title_en="Agreement between the Republic of Kazakhstan and the Islamic Republic of Iran on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2016, 4, 11), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("IR", None, None)], supersedes=(),
         source="en.inform.kz a2984339; pavon.kz (закон о ратификации подписан)",
         notes="Подписано в Тегеране 11.04.2016; закон о ратификации подписан (pavon.kz). Не найдено: номер и дата "
               "закона; дата вступления в силу."),
    # Azerbaijan
    dict(code="kz-az-tsp-1997", short_name="KZ–Azerbaijan sentenced persons transfer 1997",
         short_name_kk="ҚР — Әзірбайжан сотталғандарды беру туралы шарты, 1997 ж.",
         short_name_ru="Договор РК — Азербайджан о передаче осуждённых 1997 г.",
         title_kk="Қазақстан Республикасы мен Әзірбайжан Республикасы арасындағы бас бостандығынан айыруға "
                  "сотталған адамдарды жазасын одан әрі өтеу үшін беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Азербайджанской Республикой о передаче лиц, осужденных к "
                  "лишению свободы, для дальнейшего отбывания наказания",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Azerbaijan on the Transfer of "
                  "Persons Sentenced to Imprisonment for Further Serving of Their Sentence",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(1997, 6, 10), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("AZ", None, None)], supersedes=(),
         source="Закон РК от 30.12.1999 № 34-II (adilet.zan.kz, Z990000034_)",
         notes="Подписан в Алматы 10.06.1997, ратифицирован Законом РК от 30.12.1999 № 34-II. Расхождение: "
               "бюллетень указывает дату вступления в силу 07.05.1999 — раньше ратификации, поэтому дата не "
               "заполнена. Вид документа (договор или соглашение) в источниках не записан — сверить."),
    # Lithuania
    dict(code="kz-lt-civ-cr-1994", short_name="KZ–Lithuania civil, family and criminal legal assistance 1994",
         short_name_kk="ҚР — Литва азаматтық, отбасылық және қылмыстық істер бойынша құқықтық көмек туралы шарты, "
                       "1994 ж.",
         short_name_ru="Договор РК — Литва о правовой помощи по гражданским, семейным и уголовным делам 1994 г.",
         title_kk="Қазақстан Республикасы мен Литва Республикасы арасындағы азаматтық, отбасылық және қылмыстық "
                  "істер бойынша құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Литовской Республикой о правовой помощи по гражданским, "
                  "семейным и уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Lithuania on Legal Assistance in "
                  "Civil, Family and Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1994, 8, 9), in_force_on=date(1999, 4, 8), terminated_on=None, arrest_limit=None,
         parties=[("LT", date(1999, 4, 8), None)], supersedes=(),
         source="Закон РК от 09.11.1998 № 292 (adilet.zan.kz, Z980000292_)",
         notes="Подписан в Вильнюсе 09.08.1994; Протокол подписан в Алматы 07.03.1997; ратифицированы Законом РК "
               "от 09.11.1998 № 292; вступил в силу 08.04.1999. Вид документа и точное название в источниках не "
               "записаны — сверить."),
    dict(code="kz-lt-tsp-2017", short_name="KZ–Lithuania sentenced persons transfer 2017",
         short_name_kk="ҚР — Литва сотталғандарды беру туралы шарты, 2017 ж.",
         short_name_ru="Договор РК — Литва о передаче осуждённых 2017 г.",
         title_kk="Қазақстан Республикасы мен Литва Республикасы арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Литовской Республикой о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Lithuania on the Transfer of "
                  "Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2017, 4, 24), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("LT", None, None)], supersedes=(),
         source="Закон РК от 13.06.2019 № 258-VI (zakonpravo.kz; kaz.tengrinews, id-Z1900000258)",
         notes="Подписан в Вильнюсе 24.04.2017, ратифицирован Законом РК от 13.06.2019 № 258-VI. Вид документа и "
               "точное название в источниках не записаны — сверить. Не найдено: дата вступления в силу."),
    # Georgia
    dict(code="kz-ge-civ-cr-1996", short_name="KZ–Georgia civil and criminal legal assistance 1996",
         short_name_kk="ҚР — Грузия азаматтық және қылмыстық істер бойынша құқықтық көмек туралы шарты, 1996 ж.",
         short_name_ru="Договор РК — Грузия о правовой помощи по гражданским и уголовным делам 1996 г.",
         title_kk="Қазақстан Республикасы мен Грузия арасындағы азаматтық және қылмыстық істер бойынша құқықтық "
                  "көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Грузией о правовой помощи по гражданским и уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and Georgia on Legal Assistance in Civil and Criminal "
                  "Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1996, 9, 17), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("GE", None, None)], supersedes=(),
         source="Закон РК от 14.01.2006 № 119 (kaz.tengrinews, id-Z060000119_)",
         notes="Подписан в Тбилиси 17.09.1996; Протокол подписан в Астане 31.03.2005; ратифицированы Законом РК от "
               "14.01.2006 № 119. Вид документа и точное название в источниках не записаны — сверить. Не найдено: "
               "дата вступления в силу."),
    # Hungary
    dict(code="kz-hu-ext-n", short_name="KZ–Hungary extradition",
         short_name_kk="ҚР — Венгрия ұстап беру туралы шарты",
         short_name_ru="Договор РК — Венгрия о выдаче",
         title_kk="Қазақстан Республикасы мен Венгрия арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Венгрией о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and Hungary on Extradition",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("HU", None, None)], supersedes=(),
         source="Указ о подписании от 30.05.2014 № 833 (adilet.zan.kz, U1400000833); net.jogtar.hu (Закон Венгрии "
                "CXCIX 2015 г.)",
         notes="Указ о подписании от 30.05.2014 № 833; Венгрия ратифицировала законом CXCIX 2015 г. Не найдено: "
               "дата и место подписания; закон РК о ратификации; дата вступления в силу."),
    dict(code="kz-hu-tsp-2014", short_name="KZ–Hungary sentenced persons transfer 2014",
         short_name_kk="ҚР — Венгрия сотталғандарды беру туралы шарты, 2014 ж.",
         short_name_ru="Договор РК — Венгрия о передаче осуждённых 2014 г.",
         title_kk="Қазақстан Республикасы мен Венгрия арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Венгрией о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and Hungary on the Transfer of Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2014, 6, 3), in_force_on=date(2016, 2, 10), terminated_on=None, arrest_limit=None,
         parties=[("HU", date(2016, 2, 10), None)], supersedes=(),
         source="Закон РК № 305-V (adilet.zan.kz, Z1500000305)",
         notes="Подписан в Будапеште 03.06.2014, ратифицирован Законом РК № 305-V, вступил в силу 10.02.2016. Вид "
               "документа и точное название в источниках не записаны — сверить. Не найдено: дата закона о "
               "ратификации."),
    # Czech Republic
    dict(code="kz-cz-mla-n", short_name="KZ–Czech Republic MLA",
         short_name_kk="ҚР — Чехия қылмыстық істер бойынша өзара құқықтық көмек туралы шарты",
         short_name_ru="Договор РК — Чехия о правовой помощи по уголовным делам",
         title_kk="Қазақстан Республикасы мен Чех Республикасы арасындағы қылмыстық істер бойынша өзара құқықтық "
                  "көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Чешской Республикой о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Czech Republic on Mutual Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("CZ", None, None)], supersedes=(),
         source="Указ о подписании от 20.05.2013 № 568 (adilet.zan.kz, U1300000568); novyepis.cz (55/2014 Sb. m. s.)",
         notes="Указ о подписании от 20.05.2013 № 568. Опубликован в Чехии как 55/2014 Sb. m. s. с пометкой "
               "«účinné od 04.11.2014» — значение неясно, дата вступления в силу не заполнена. Вид документа "
               "(договор или соглашение) в источниках не записан — сверить. Не найдено: дата и место подписания; "
               "закон РК о ратификации; дата вступления в силу."),
    # Bulgaria
    dict(code="kz-bg-ext-2014", short_name="KZ–Bulgaria extradition 2014",
         short_name_kk="ҚР — Болгария ұстап беру туралы шарты, 2014 ж.",
         short_name_ru="Договор РК — Болгария о выдаче 2014 г.",
         title_kk="Қазақстан Республикасы мен Болгария Республикасы арасындағы адамдарды ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Болгария о выдаче лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Bulgaria on Extradition of Persons",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2014, 11, 14), in_force_on=date(2015, 8, 14), terminated_on=None, arrest_limit=None,
         parties=[("BG", date(2015, 8, 14), None)], supersedes=(),
         source="Закон РК от 24.06.2015 № 327-V (zakonpravo.kz)",
         notes="Подписан в Софии 14.11.2014, ратифицирован Законом РК от 24.06.2015 № 327-V, вступил в силу "
               "14.08.2015. Не найдено: полный адрес страницы источника."),
    dict(code="kz-bg-mla-2014", short_name="KZ–Bulgaria MLA 2014",
         short_name_kk="ҚР — Болгария қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2014 ж.",
         short_name_ru="Договор РК — Болгария о правовой помощи по уголовным делам 2014 г.",
         title_kk="Қазақстан Республикасы мен Болгария Республикасы арасындағы қылмыстық істер бойынша өзара "
                  "құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Республикой Болгария о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Republic of Bulgaria on Mutual Legal "
                  "Assistance in Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(2014, 11, 14), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("BG", None, None)], supersedes=(),
         source="Пресс-релиз prokuror.gov.kz",
         notes="Подписан в Софии 14.11.2014 (пресс-релиз Генеральной прокуратуры). Вид документа и точное "
               "название в источниках не записаны — сверить. Не найдено: закон о ратификации; дата вступления в "
               "силу; адрес пресс-релиза."),
    # Vietnam
    dict(code="kz-vn-mla-2017", short_name="KZ–Vietnam MLA 2017",
         short_name_kk="ҚР — Вьетнам қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2017 ж.",
         short_name_ru="Договор РК — Вьетнам о правовой помощи по уголовным делам 2017 г.",
         title_kk="Қазақстан Республикасы мен Вьетнам Социалистік Республикасы арасындағы қылмыстық істер бойынша "
                  "өзара құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Социалистической Республикой Вьетнам о взаимной правовой "
                  "помощи по уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Socialist Republic of Viet Nam on Mutual Legal "
                  "Assistance in Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(2017, 6, 15), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("VN", None, None)], supersedes=(),
         source="Закон РК от 05.04.2019 № 244-VI (adilet.zan.kz, Z1900000244)",
         notes="Подписан в Ханое 15.06.2017, ратифицирован Законом РК от 05.04.2019 № 244-VI. Не найдено: дата "
               "вступления в силу."),
    dict(code="kz-vn-ext-2017", short_name="KZ–Vietnam extradition 2017",
         short_name_kk="ҚР — Вьетнам ұстап беру туралы шарты, 2017 ж.",
         short_name_ru="Договор РК — Вьетнам о выдаче 2017 г.",
         title_kk="Қазақстан Республикасы мен Вьетнам Социалистік Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Социалистической Республикой Вьетнам о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Socialist Republic of Viet Nam on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=date(2017, 6, 15), in_force_on=date(2019, 11, 15), terminated_on=None, arrest_limit=None,
         parties=[("VN", date(2019, 11, 15), None)], supersedes=(),
         source="phapluatcongdong.vn (уведомление МИД Вьетнама № 02/2020/TB-LPQT)",
         notes="Подписан в Ханое 15.06.2017; по уведомлению МИД Вьетнама № 02/2020/TB-LPQT вступил в силу "
               "15.11.2019, поэтому статус «действует», хотя закон РК о ратификации не найден — сверить. Вид "
               "документа и точное название в источниках не записаны. Не найдено: закон РК о ратификации."),
    dict(code="kz-vn-tsp-2023", short_name="KZ–Vietnam sentenced persons transfer 2023",
         short_name_kk="ҚР — Вьетнам сотталғандарды беру туралы шарты, 2023 ж.",
         short_name_ru="Договор РК — Вьетнам о передаче осуждённых 2023 г.",
         title_kk="Қазақстан Республикасы мен Вьетнам Социалистік Республикасы арасындағы сотталған адамдарды беру "
                  "туралы шарт",
         title_ru="Договор между Республикой Казахстан и Социалистической Республикой Вьетнам о передаче "
                  "осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and the Socialist Republic of Viet Nam on the Transfer "
                  "of Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(2023, 8, 21), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("VN", None, None)], supersedes=(),
         source="Закон РК от 08.11.2024 № 135-VIII (zakonpravo.kz)",
         notes="Подписан в Ханое 21.08.2023, ратифицирован Законом РК от 08.11.2024 № 135-VIII. Вид документа и "
               "точное название в источниках не записаны — сверить. Не найдено: дата вступления в силу; полный "
               "адрес страницы источника."),
    # Malaysia
    dict(code="kz-my-ext-n", short_name="KZ–Malaysia extradition",
         short_name_kk="ҚР — Малайзия ұстап беру туралы шарты",
         short_name_ru="Договор РК — Малайзия о выдаче",
         title_kk="Қазақстан Республикасы мен Малайзия арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Малайзией о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and Malaysia on Extradition",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("MY", None, None)], supersedes=(),
         source="Указ о подписании от 11.06.2019 № 68 (adilet.zan.kz, U1900000068)",
         notes="Известен только указ о подписании от 11.06.2019 № 68. Не найдено: факт и дата подписания; "
               "ратификация; дата вступления в силу."),
    # Qatar
    dict(code="kz-qa-mla-2024", short_name="KZ–Qatar MLA 2024",
         short_name_kk="ҚР — Катар қылмыстық істер бойынша өзара құқықтық көмек туралы шарты, 2024 ж.",
         short_name_ru="Договор РК — Катар о правовой помощи по уголовным делам 2024 г.",
         title_kk="Қазақстан Республикасы мен Катар Мемлекеті арасындағы қылмыстық істер бойынша өзара құқықтық "
                  "көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Государством Катар о взаимной правовой помощи по "
                  "уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the State of Qatar on Mutual Legal Assistance in "
                  "Criminal Matters",
         multilateral=False, scope=("mla",), status="signed",
         signed_on=date(2024, 2, 14), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("QA", None, None)], supersedes=(),
         source="Указ о подписании от 10.02.2024 № 476 (adilet.zan.kz, U2400000476); en.trend.az/business/4014165",
         notes="Указ о подписании от 10.02.2024 № 476; подписан в Дохе 14.02.2024. Сенат одобрил ратификацию 6 "
               "марта (год в источнике не указан). Вид документа и точное название в источниках не записаны — "
               "сверить. Не найдено: закон о ратификации; дата вступления в силу."),
    dict(code="kz-qa-ext-2024", short_name="KZ–Qatar extradition 2024",
         short_name_kk="ҚР — Катар ұстап беру туралы шарты, 2024 ж.",
         short_name_ru="Договор РК — Катар о выдаче 2024 г.",
         title_kk="Қазақстан Республикасы мен Катар Мемлекеті арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Государством Катар о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the State of Qatar on Extradition",
         multilateral=False, scope=("extradition",), status="signed",
         signed_on=date(2024, 2, 14), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("QA", None, None)], supersedes=(),
         source="Указ о подписании от 10.02.2024 № 477 (adilet.zan.kz); en.trend.az/business/4014165",
         notes="Указ о подписании от 10.02.2024 № 477; подписан в Дохе 14.02.2024. Сенат одобрил ратификацию 6 "
               "марта (год в источнике не указан). Вид документа и точное название в источниках не записаны — "
               "сверить. Не найдено: закон о ратификации; дата вступления в силу."),
    # Ukraine
    dict(code="kz-ua-tsp-1999", short_name="KZ–Ukraine sentenced persons transfer 1999",
         short_name_kk="ҚР — Украина сотталғандарды беру туралы шарты, 1999 ж.",
         short_name_ru="Договор РК — Украина о передаче осуждённых 1999 г.",
         title_kk="Қазақстан Республикасы мен Украина арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Украиной о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and Ukraine on the Transfer of Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=date(1999, 9, 17), in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("UA", None, None)], supersedes=(),
         source="Закон РК от 28.04.2000 № 43-II; adilet.zan.kz (закон о ратификации)",
         notes="Подписан в Киеве 17.09.1999, ратифицирован Законом РК от 28.04.2000 № 43-II. Адрес страницы не "
               "записан, сверить. Вид документа и точное название в источниках не записаны. Не найдено: дата "
               "вступления в силу."),
    # Romania
    dict(code="kz-ro-ext-n", short_name="KZ–Romania extradition",
         short_name_kk="ҚР — Румыния ұстап беру туралы шарты",
         short_name_ru="Договор РК — Румыния о выдаче",
         title_kk="Қазақстан Республикасы мен Румыния арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Румынией о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and Romania on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("RO", None, None)], supersedes=(),
         source="Закон РК от 22.06.2015 № 323-V; adilet.zan.kz (закон о ратификации)",
         notes="Ратифицирован Законом РК от 22.06.2015 № 323-V. Адрес страницы не записан, сверить. Вид документа "
               "и точное название в источниках не записаны. Не найдено: дата и место подписания; дата вступления "
               "в силу."),
    dict(code="kz-ro-tsp-n", short_name="KZ–Romania sentenced persons transfer",
         short_name_kk="ҚР — Румыния сотталғандарды беру туралы шарты",
         short_name_ru="Договор РК — Румыния о передаче осуждённых",
         title_kk="Қазақстан Республикасы мен Румыния арасындағы сотталған адамдарды беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Румынией о передаче осужденных лиц",
         title_en="Treaty between the Republic of Kazakhstan and Romania on the Transfer of Sentenced Persons",
         multilateral=False, scope=("sentenced_persons",), status="in_force",
         signed_on=None, in_force_on=date(2016, 2, 21), terminated_on=None, arrest_limit=None,
         parties=[("RO", date(2016, 2, 21), None)], supersedes=(),
         source="Закон РК от 22.06.2015 № 324-V; adilet.zan.kz (закон о ратификации)",
         notes="Ратифицирован Законом РК от 22.06.2015 № 324-V, вступил в силу 21.02.2016. Адрес страницы не "
               "записан, сверить. Вид документа и точное название в источниках не записаны. Не найдено: дата и "
               "место подписания."),
    # Brazil
    dict(code="kz-br-ext-n", short_name="KZ–Brazil extradition",
         short_name_kk="ҚР — Бразилия ұстап беру туралы шарты",
         short_name_ru="Договор РК — Бразилия о выдаче",
         title_kk="Қазақстан Республикасы мен Бразилия Федеративтік Республикасы арасындағы ұстап беру туралы шарт",
         title_ru="Договор между Республикой Казахстан и Федеративной Республикой Бразилия о выдаче",
         title_en="Treaty between the Republic of Kazakhstan and the Federative Republic of Brazil on Extradition",
         multilateral=False, scope=("extradition",), status="in_force",
         signed_on=None, in_force_on=None, terminated_on=None, arrest_limit=None,
         parties=[("BR", None, None)], supersedes=(),
         source="Закон РК от 31.03.2020 № 309-VI; adilet.zan.kz (закон о ратификации)",
         notes="Ратифицирован Законом РК от 31.03.2020 № 309-VI. Адрес страницы не записан, сверить. Вид документа "
               "и точное название в источниках не записаны. Не найдено: дата и место подписания; дата вступления "
               "в силу."),
    # DPRK
    dict(code="kz-kp-civ-cr-1997", short_name="KZ–DPRK civil and criminal legal assistance 1997",
         short_name_kk="ҚР — КХДР азаматтық және қылмыстық істер бойынша құқықтық көмек туралы шарты, 1997 ж.",
         short_name_ru="Договор РК — КНДР о правовой помощи по гражданским и уголовным делам 1997 г.",
         title_kk="Қазақстан Республикасы мен Корея Халықтық Демократиялық Республикасы арасындағы азаматтық және "
                  "қылмыстық істер бойынша құқықтық көмек туралы шарт",
         title_ru="Договор между Республикой Казахстан и Корейской Народно-Демократической Республикой о правовой "
                  "помощи по гражданским и уголовным делам",
         title_en="Treaty between the Republic of Kazakhstan and the Democratic People's Republic of Korea on Legal "
                  "Assistance in Civil and Criminal Matters",
         multilateral=False, scope=("mla",), status="in_force",
         signed_on=date(1997, 4, 7), in_force_on=date(2001, 7, 28), terminated_on=None, arrest_limit=None,
         parties=[("KP", date(2001, 7, 28), None)], supersedes=(),
         source="Закон РК от 09.11.1998 № 291 (zakonpravo.kz)",
         notes="Подписан в Пхеньяне 07.04.1997, ратифицирован Законом РК от 09.11.1998 № 291, вступил в силу "
               "28.07.2001. Вид документа и точное название в источниках не записаны — сверить. Не найдено: полный "
               "адрес страницы источника."),
]
