"""The built-in letter templates (DOCX with Jinja placeholders, built with python-docx) and the words of the letters in
kk, ru and en: an administrator may replace any template with a DOCX of their own that uses the same placeholders."""
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

LETTERS = ("request", "reminder", "supplement_cover", "statistics")
LANGUAGES = ("kk", "ru", "en")
# The letters about one request, as opposed to the statistics reply.
REQUEST_LETTERS = ("request", "reminder", "supplement_cover")

# How a value the record lacks is written in the letter, so that nobody sends it unnoticed.
BLANK = {"kk": "[көрсетілмеген: {}]", "ru": "[не указано: {}]", "en": "[missing: {}]"}

# What each blank is, in the letter's language.
BLANK_NAMES = {
    "ru": {"addressee": "запрашиваемый орган", "treaty_article": "статья договора о требованиях к запросу",
           "case_number": "номер уголовного дела", "articles": "статьи Уголовного кодекса",
           "articles_text": "текст статей Уголовного кодекса (вносится вручную)", "facts": "обстоятельства дела",
           "actions_requested": "запрашиваемые действия", "person_name": "фамилия, имя, отчество лица",
           "person_name_latin": "имя лица латиницей", "person_birth_date": "дата рождения лица",
           "person_citizenship": "гражданство лица", "detained_on": "дата задержания",
           "arrest_facts": "сведения об аресте", "release_deadline": "срок освобождения лица",
           "foreign_reference": "номер иностранного органа", "sent_on": "дата направления",
           "supplement_requested_on": "дата запроса дополнительных сведений",
           "supplement_due_on": "срок представления дополнительных сведений",
           "enclosures": "перечень прилагаемых материалов", "recipient": "адресат ответа"},
    "kk": {"addressee": "сұрау салынатын орган", "treaty_article": "сұрау салуға қойылатын талаптар туралы шарт бабы",
           "case_number": "қылмыстық істің нөмірі", "articles": "Қылмыстық кодекстің баптары",
           "articles_text": "Қылмыстық кодекс баптарының мәтіні (қолмен толтырылады)", "facts": "істің мән-жайы",
           "actions_requested": "сұралатын әрекеттер", "person_name": "адамның тегі, аты, әкесінің аты",
           "person_name_latin": "адамның латын әріптерімен аты-жөні", "person_birth_date": "адамның туған күні",
           "person_citizenship": "адамның азаматтығы", "detained_on": "ұсталған күні",
           "arrest_facts": "қамау туралы мәліметтер", "release_deadline": "адамды босату мерзімі",
           "foreign_reference": "шетелдік органның нөмірі", "sent_on": "жіберілген күні",
           "supplement_requested_on": "қосымша мәліметтер сұралған күн",
           "supplement_due_on": "қосымша мәліметтерді ұсыну мерзімі",
           "enclosures": "қоса берілетін материалдардың тізбесі", "recipient": "жауап алушы"},
    "en": {"addressee": "requested authority", "treaty_article": "article of the treaty on the contents of a request",
           "case_number": "criminal case number", "articles": "articles of the Criminal Code",
           "articles_text": "text of the Criminal Code's articles (to be filled in by hand)",
           "facts": "facts of the case", "actions_requested": "action requested",
           "person_name": "name of the person", "person_name_latin": "name of the person in Latin letters",
           "person_birth_date": "date of birth of the person", "person_citizenship": "citizenship of the person",
           "detained_on": "date of detention", "arrest_facts": "facts of the arrest",
           "release_deadline": "release deadline", "foreign_reference": "reference of the foreign authority",
           "sent_on": "date sent", "supplement_requested_on": "date supplementary information was requested",
           "supplement_due_on": "term for the supplementary information",
           "enclosures": "list of enclosures", "recipient": "recipient of the reply"},
}

# The words the values are made of, per language: kind-specific titles, openings and subjects, what a reminder
# awaits, and the phrases of yes/no facts.
WORDS = {
    "ru": {
        "title": {"mla": "МЕЖДУНАРОДНОЕ СЛЕДСТВЕННОЕ ПОРУЧЕНИЕ", "extradition": "ЗАПРОС О ВЫДАЧЕ",
                  "transfer": "ХОДАТАЙСТВО О ПЕРЕДАЧЕ УГОЛОВНОГО ПРЕСЛЕДОВАНИЯ"},
        "opening": {"mla": "Просим оказать правовую помощь по уголовному делу, сведения о котором приводятся ниже, "
                           "и выполнить запрашиваемые процессуальные действия.",
                    "extradition": "Просим выдать лицо, сведения о котором приводятся ниже, в целях уголовного "
                                   "преследования по уголовному делу, возбужденному в Республике Казахстан.",
                    "transfer": "Просим принять уголовное преследование по уголовному делу, сведения о котором "
                                "приводятся ниже."},
        "subject": {"mla": "международное следственное поручение № {reference} от {sent_on} по уголовному делу "
                           "№ {case_number}",
                    "extradition": "запрос о выдаче № {reference} от {sent_on} (разыскиваемое лицо: {person}) по "
                                   "уголовному делу № {case_number}",
                    "transfer": "ходатайство о передаче уголовного преследования № {reference} от {sent_on} по "
                                "уголовному делу № {case_number}"},
        "sent_again": " (повторно направлено {day})",
        "awaited": {("mla", "sent"): "подтверждение получения поручения и сведения о ходе его исполнения",
                    ("mla", "*"): "сведения о ходе исполнения поручения и материалы его исполнения",
                    ("extradition", "sent"): "подтверждение получения запроса о выдаче",
                    ("extradition", "granted"): "сведения о дате и месте передачи лица",
                    ("extradition", "surrender_postponed"): "сведения о дате и месте передачи лица",
                    ("extradition", "*"): "решение по запросу о выдаче",
                    ("transfer", "sent"): "подтверждение получения ходатайства",
                    ("transfer", "*"): "решение о принятии уголовного преследования"},
        "no_reminders": "не направлялись", "reciprocity": "принцип взаимности",
        "in_custody": "лицо содержится под стражей", "not_in_custody": "лицо под стражей не содержится",
        "arrest": "экстрадиционный арест применен {day}", "notified": "об аресте уведомлены {day}",
    },
    "kk": {
        "title": {"mla": "ХАЛЫҚАРАЛЫҚ ТЕРГЕУ ТАПСЫРМАСЫ", "extradition": "ҰСТАП БЕРУ ТУРАЛЫ СҰРАУ САЛУ",
                  "transfer": "ҚЫЛМЫСТЫҚ ҚУДАЛАУДЫ БЕРУ ТУРАЛЫ ӨТІНІШХАТ"},
        "opening": {"mla": "Төменде мәліметтері келтірілген қылмыстық іс бойынша құқықтық көмек көрсетуді және "
                           "сұралатын процестік әрекеттерді орындауды сұраймыз.",
                    "extradition": "Қазақстан Республикасында қозғалған қылмыстық іс бойынша қылмыстық қудалау "
                                   "мақсатында мәліметтері төменде келтірілген адамды ұстап беруді сұраймыз.",
                    "transfer": "Төменде мәліметтері келтірілген қылмыстық іс бойынша қылмыстық қудалауды "
                                "қабылдауды сұраймыз."},
        "subject": {"mla": "{sent_on} № {reference} халықаралық тергеу тапсырмасы ({case_number} қылмыстық іс "
                           "бойынша)",
                    "extradition": "{sent_on} № {reference} ұстап беру туралы сұрау салу (іздестірілетін адам: "
                                   "{person}; {case_number} қылмыстық іс бойынша)",
                    "transfer": "{sent_on} № {reference} қылмыстық қудалауды беру туралы өтінішхат "
                                "({case_number} қылмыстық іс бойынша)"},
        "sent_again": " ({day} қайта жіберілді)",
        "awaited": {("mla", "sent"): "тапсырманың алынғанын растауды және оның орындалу барысы туралы мәліметтерді",
                    ("mla", "*"): "тапсырманың орындалу барысы туралы мәліметтерді және орындау материалдарын",
                    ("extradition", "sent"): "ұстап беру туралы сұрау салудың алынғанын растауды",
                    ("extradition", "granted"): "адамды беру күні мен орны туралы мәліметтерді",
                    ("extradition", "surrender_postponed"): "адамды беру күні мен орны туралы мәліметтерді",
                    ("extradition", "*"): "ұстап беру туралы сұрау салу бойынша шешімді",
                    ("transfer", "sent"): "өтінішхаттың алынғанын растауды",
                    ("transfer", "*"): "қылмыстық қудалауды қабылдау туралы шешімді"},
        "no_reminders": "жіберілген жоқ", "reciprocity": "өзаралық қағидаты",
        "in_custody": "адам күзетпен ұсталуда", "not_in_custody": "адам күзетпен ұсталмайды",
        "arrest": "ұстап беру қамауы {day} қолданылды", "notified": "қамау туралы {day} хабарланды",
    },
    "en": {
        "title": {"mla": "REQUEST FOR MUTUAL LEGAL ASSISTANCE IN A CRIMINAL MATTER",
                  "extradition": "REQUEST FOR EXTRADITION",
                  "transfer": "REQUEST FOR THE TRANSFER OF CRIMINAL PROCEEDINGS"},
        "opening": {"mla": "We request legal assistance in the criminal case described below and the execution of the "
                           "procedural actions requested.",
                    "extradition": "We request the extradition of the person described below for the purpose of "
                                   "criminal prosecution in a criminal case opened in the Republic of Kazakhstan.",
                    "transfer": "We request that the criminal proceedings in the case described below be taken "
                                "over."},
        "subject": {"mla": "our request for mutual legal assistance No. {reference} of {sent_on}, criminal case "
                           "No. {case_number}",
                    "extradition": "our extradition request No. {reference} of {sent_on} (person sought: {person}), "
                                   "criminal case No. {case_number}",
                    "transfer": "our request for the transfer of criminal proceedings No. {reference} of {sent_on}, "
                                "criminal case No. {case_number}"},
        "sent_again": " (sent again on {day})",
        "awaited": {("mla", "sent"): "confirmation of receipt of the request and information on its execution",
                    ("mla", "*"): "information on the execution of the request and the materials obtained",
                    ("extradition", "sent"): "confirmation of receipt of the extradition request",
                    ("extradition", "granted"): "the date and place of surrender of the person",
                    ("extradition", "surrender_postponed"): "the date and place of surrender of the person",
                    ("extradition", "*"): "the decision on the extradition request",
                    ("transfer", "sent"): "confirmation of receipt of the request",
                    ("transfer", "*"): "the decision on taking over the criminal proceedings"},
        "no_reminders": "none", "reciprocity": "the principle of reciprocity",
        "in_custody": "the person is in custody", "not_in_custody": "the person is not in custody",
        "arrest": "extradition arrest applied on {day}", "notified": "notified of the arrest on {day}",
    },
}

# The fixed text of each template, per language: (kind of paragraph, text). Kinds: "head" (sender, bold), "ref"
# (our number and date), "to" (addressee, right), "title" (centred, bold), "text" (body), "label" (a labelled line),
# "p" (a docxtpl paragraph tag), "sections" (the statistics tables), "sign" (signature line).
_HEAD = [("head", "{{ office }}")]
_SIGN = [("sign", "{{ signatory_title }}\t{{ signatory_name }}")]
TEXT = {
    "ru": {
        "ref": "№ {{ reference }} от {{ letter_date }}", "their_ref": "На № {{ foreign_reference }}",
        "request": [
            ("title", "{{ title }}"), ("text", "{{ opening }}"),
            ("label", "Правовое основание: {{ legal_basis }}"), ("label", "Уголовное дело: № {{ case_number }}"),
            ("label", "Квалификация: {{ crime_category }}, {{ articles }}"),
            ("label", "Текст статей Уголовного кодекса Республики Казахстан: {{ articles_text }}"),
            ("label", "Обстоятельства дела: {{ facts }}"),
            ("p", "{%p if has_person %}"),
            ("label", ("Сведения о лице: {{ person_name }} ({{ person_name_latin }}), дата рождения "
                      "{{ person_birth_date }}, гражданство: {{ person_citizenship }}")),
            ("p", "{%p endif %}"), ("p", "{%p if extradition %}"),
            ("label", "Дата задержания: {{ detained_on }}; {{ custody }}"),
            ("label", "Арест: {{ arrest_facts }}"), ("label", "Срок освобождения лица: {{ release_deadline }}"),
            ("p", "{%p endif %}"),
            ("label", "Запрашиваемые действия: {{ actions_requested }}"),
            ("text", "Выражаем признательность за содействие и гарантируем взаимность в аналогичных случаях.")],
        "reminder": [
            ("title", "О ходе исполнения запроса"), ("label", "Касательно: {{ subject }}"),
            ("text", "Просим сообщить {{ awaited }} в возможно короткий срок."),
            ("text", "Ранее направленные напоминания: {{ earlier_reminders }}."),
            ("text", "Заранее благодарим за содействие.")],
        "supplement_cover": [
            ("title", "О направлении дополнительных сведений"), ("label", "Касательно: {{ subject }}"),
            ("text", ("В ответ на Ваш запрос о предоставлении дополнительной информации от "
                     "{{ supplement_requested_on }} направляем запрошенные сведения и материалы.")),
            ("text", "Срок, установленный запрашиваемой стороной: {{ supplement_due_on }}."),
            ("label", "Приложение: {{ enclosures }}")],
        "statistics": [
            ("title", "О статистических сведениях"),
            ("text", ("Сообщаем сведения о направленных запросах за период с {{ period_start }} по {{ period_end }} "
                     "по состоянию на {{ as_of }}.")),
            ("text", "{{ paragraph }}"), ("sections", "")],
    },
    "kk": {
        "ref": "{{ letter_date }} № {{ reference }}", "their_ref": "№ {{ foreign_reference }} хатқа",
        "request": [
            ("title", "{{ title }}"), ("text", "{{ opening }}"),
            ("label", "Құқықтық негіз: {{ legal_basis }}"), ("label", "Қылмыстық іс: № {{ case_number }}"),
            ("label", "Саралау: {{ crime_category }}, {{ articles }}"),
            ("label", "Қазақстан Республикасы Қылмыстық кодексі баптарының мәтіні: {{ articles_text }}"),
            ("label", "Істің мән-жайы: {{ facts }}"),
            ("p", "{%p if has_person %}"),
            ("label", ("Адам туралы мәліметтер: {{ person_name }} ({{ person_name_latin }}), туған күні "
                      "{{ person_birth_date }}, азаматтығы: {{ person_citizenship }}")),
            ("p", "{%p endif %}"), ("p", "{%p if extradition %}"),
            ("label", "Ұсталған күні: {{ detained_on }}; {{ custody }}"),
            ("label", "Қамау: {{ arrest_facts }}"), ("label", "Адамды босату мерзімі: {{ release_deadline }}"),
            ("p", "{%p endif %}"),
            ("label", "Сұралатын әрекеттер: {{ actions_requested }}"),
            ("text", "Көрсетілген жәрдем үшін алғыс білдіреміз және ұқсас жағдайларда өзаралыққа кепілдік береміз.")],
        "reminder": [
            ("title", "Сұрау салудың орындалу барысы туралы"), ("label", "Тақырыбы: {{ subject }}"),
            ("text", "{{ awaited }} мүмкіндігінше қысқа мерзімде хабарлауыңызды сұраймыз."),
            ("text", "Бұрын жіберілген еске салулар: {{ earlier_reminders }}."),
            ("text", "Жәрдеміңіз үшін алдын ала алғыс білдіреміз.")],
        "supplement_cover": [
            ("title", "Қосымша мәліметтерді жіберу туралы"), ("label", "Тақырыбы: {{ subject }}"),
            ("text", ("Сіздің {{ supplement_requested_on }} қосымша ақпарат беру туралы сұрауыңызға жауап ретінде "
                     "сұралған мәліметтер мен материалдарды жібереміз.")),
            ("text", "Сұрау салынған тарап белгілеген мерзім: {{ supplement_due_on }}."),
            ("label", "Қосымша: {{ enclosures }}")],
        "statistics": [
            ("title", "Статистикалық мәліметтер туралы"),
            ("text", ("{{ period_start }} бастап {{ period_end }} дейінгі кезеңде жіберілген сұрау салулар туралы "
                     "{{ as_of }} жағдай бойынша мәліметтерді хабарлаймыз.")),
            ("text", "{{ paragraph }}"), ("sections", "")],
    },
    "en": {
        "ref": "Our ref. {{ reference }}, {{ letter_date }}", "their_ref": "Your ref. {{ foreign_reference }}",
        "request": [
            ("title", "{{ title }}"), ("text", "{{ opening }}"),
            ("label", "Legal basis: {{ legal_basis }}"), ("label", "Criminal case: No. {{ case_number }}"),
            ("label", "Legal qualification: {{ crime_category }}, {{ articles }}"),
            ("label", "Text of the articles of the Criminal Code of the Republic of Kazakhstan: {{ articles_text }}"),
            ("label", "Facts of the case: {{ facts }}"),
            ("p", "{%p if has_person %}"),
            ("label", ("Person concerned: {{ person_name }} ({{ person_name_latin }}), born {{ person_birth_date }}, "
                      "citizenship: {{ person_citizenship }}")),
            ("p", "{%p endif %}"), ("p", "{%p if extradition %}"),
            ("label", "Detained on: {{ detained_on }}; {{ custody }}"),
            ("label", "Arrest: {{ arrest_facts }}"), ("label", "Release deadline: {{ release_deadline }}"),
            ("p", "{%p endif %}"),
            ("label", "Action requested: {{ actions_requested }}"),
            ("text", "We are grateful for your assistance and assure you of reciprocity in similar cases.")],
        "reminder": [
            ("title", "Progress of our request"), ("label", "Re: {{ subject }}"),
            ("text", "We would be grateful to receive {{ awaited }} at your earliest convenience."),
            ("text", "Earlier reminders: {{ earlier_reminders }}."),
            ("text", "Thank you in advance for your assistance.")],
        "supplement_cover": [
            ("title", "Supplementary information"), ("label", "Re: {{ subject }}"),
            ("text", ("In reply to your request for supplementary information of {{ supplement_requested_on }}, we "
                     "send the information and materials requested.")),
            ("text", "Term set by the requested party: {{ supplement_due_on }}."),
            ("label", "Enclosures: {{ enclosures }}")],
        "statistics": [
            ("title", "Statistical information"),
            ("text", ("Please find below the figures of the requests sent from {{ period_start }} to {{ period_end }}, "
                     "as of {{ as_of }}.")),
            ("text", "{{ paragraph }}"), ("sections", "")],
    },
}
# Letters to the foreign authority answer its reference; the statistics reply goes to {{ addressee }} at home.
ANSWERS_THEIRS = ("reminder", "supplement_cover")


def default_template(letter: str, language: str) -> bytes:
    """The built-in template of `letter` in `language` as DOCX bytes: sender, number and date, addressee, title,
    body and signature, in the layout of the office's outgoing letters."""
    document = Document()
    _page_setup(document)
    words = TEXT[language]
    for kind, text in _HEAD:
        _paragraph(document, kind, text)
    # The statistics reply concerns no request: it has no registration number of its own.
    _paragraph(document, "ref", "{{ letter_date }}" if letter == "statistics" else words["ref"])
    if letter in ANSWERS_THEIRS:
        _paragraph(document, "ref", words["their_ref"])
    _paragraph(document, "to", "{{ addressee }}")
    if letter != "statistics":
        _paragraph(document, "to", "{{ country }}")
    for kind, text in words[letter]:
        if kind == "sections":
            _statistics_tables(document)
        else:
            _paragraph(document, kind, text)
    for kind, text in _SIGN:
        _paragraph(document, kind, text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document) -> None:
    """A4 with the margins of official letters, Times New Roman 14."""
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(6)


def _paragraph(document, kind: str, text: str) -> None:
    """One paragraph of the letter laid out by its kind."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    layout = paragraph.paragraph_format
    if kind == "head":
        run.bold = True
    elif kind == "to":
        layout.left_indent = Cm(9)
        layout.space_after = Pt(0)
    elif kind == "title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run.bold = True
        layout.space_before = Pt(18)
    elif kind in ("text", "label"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        layout.first_line_indent = Cm(1.25) if kind == "text" else None
    elif kind == "sign":
        layout.space_before = Pt(30)
        layout.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)


def _statistics_tables(document) -> None:
    """One table per kind of request, as the statistics page shows them: the headings, a row per crime category and
    the totals row, the columns looped over by docxtpl (`{%tc %}`), the tables by a paragraph loop (`{%p %}`)."""
    document.add_paragraph("{%p for section in sections %}")
    heading = document.add_paragraph()
    heading.add_run("{{ section.title }}").bold = True
    table = document.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = [["{%tc for heading in section.headings %}", "{{ heading }}", "{%tc endfor %}"],
             ["{%tr for row in section.rows %}", "", ""],
             ["{%tc for value in row %}", "{{ value }}", "{%tc endfor %}"],
             ["{%tr endfor %}", "", ""],
             ["{%tc for value in section.total %}", "{{ value }}", "{%tc endfor %}"]]
    for row, texts in zip(table.rows, cells):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    for cell in table.rows[0].cells + table.rows[4].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    document.add_paragraph("{%p endfor %}")
