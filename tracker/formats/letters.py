"""Letters generated from the record as DOCX (docxtpl over the built-in or an administrator's template), the blanks
they leave where the record lacks something, the check of a replacement template, and PDF through LibreOffice."""
import io
import re
import shutil
# LibreOffice converts letters to PDF, run with a list of arguments and never a shell.
import subprocess  # nosec B404
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.table import Table
from docxtpl import DocxTemplate
from flask import current_app
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from tracker.formats.letter_templates import BLANK, BLANK_NAMES, LANGUAGES, LETTERS, default_template

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
# Every file of a generated letter carries this moment, so the same record gives the same bytes (and digest).
FIXED_MOMENT = (2000, 1, 1, 0, 0, 0)
PDF_TIMEOUT = 120

COMMON = ("office", "reference", "letter_date", "addressee", "signatory_title", "signatory_name")
# The values each letter's template may use; a replacement using any other is refused.
VARIABLES = {
    "request": COMMON + ("country", "kind", "title", "opening", "legal_basis", "case_number", "crime_category",
                         "articles", "articles_text", "facts", "has_person", "person_name", "person_name_latin",
                         "person_birth_date", "person_citizenship", "extradition", "detained_on", "custody",
                         "arrest_facts", "release_deadline", "actions_requested"),
    "reminder": COMMON + ("country", "kind", "legal_basis", "case_number", "foreign_reference", "sent_on",
                          "subject", "awaited", "earlier_reminders"),
    "supplement_cover": COMMON + ("country", "kind", "legal_basis", "case_number", "foreign_reference", "subject",
                                  "supplement_requested_on", "supplement_due_on", "enclosures"),
    "statistics": COMMON + ("period_start", "period_end", "as_of", "paragraph", "sections"),
}
FLAGS = ("has_person", "extradition")


class LetterTemplateError(ValueError):
    """A replacement template that cannot be used, with the reason in words (`code`, `detail`)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class Letter:
    """A generated letter: the DOCX and the blanks it holds (what the record lacks), in the letter's language."""

    content: bytes
    blanks: tuple[str, ...]


def blank(language: str, name: str) -> str:
    """The marked blank standing for the value `name` the record lacks."""
    return BLANK[language].format(BLANK_NAMES[language][name])


def blank_pattern(language: str) -> re.Pattern:
    """Finds the blanks of `language` in a letter's text."""
    before, _sep, after = BLANK[language].partition("{}")
    return re.compile(re.escape(before) + r"[^\]\n]+" + re.escape(after))


def templates_folder() -> Path:
    """Where replacement templates are kept: LETTER_TEMPLATES_PATH, or instance/letters."""
    configured = current_app.config.get("LETTER_TEMPLATES_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "letters"


def replacement_path(letter: str, language: str) -> Path:
    """The file that replaces the built-in template of `letter` in `language`, when it exists."""
    if letter not in LETTERS or language not in LANGUAGES:
        raise ValueError("no such letter template")
    return templates_folder() / f"{letter}.{language}.docx"


def is_replaced(letter: str, language: str) -> bool:
    """Whether an administrator's template is in use."""
    return replacement_path(letter, language).is_file()


def template_in_use(letter: str, language: str) -> bytes:
    """The DOCX template letters are rendered from: the replacement, else the built-in one."""
    path = replacement_path(letter, language)
    return path.read_bytes() if path.is_file() else default_template(letter, language)


def render(letter: str, language: str, values: dict, *, source: bytes | None = None) -> Letter:
    """The letter rendered from its template in use (or `source`) with `values`; the template's Jinja runs sandboxed
    and may use only the values given (an unknown one raises jinja2's UndefinedError)."""
    document = DocxTemplate(io.BytesIO(source if source is not None else template_in_use(letter, language)))
    document.render(values, jinja_env=_environment(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    content = stable_zip(buffer.getvalue())
    return Letter(content, found_blanks(content, language))


def _environment() -> SandboxedEnvironment:
    """Jinja for letter templates: sandboxed (an administrator's template reaches no Python internals), strict
    (an unknown value is an error, never an empty space), escaping XML special characters of the values."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def stable_zip(content: bytes) -> bytes:
    """The DOCX with every member dated FIXED_MOMENT: zip members otherwise carry the time of saving."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_MOMENT)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return buffer.getvalue()


def document_text(content: bytes) -> str:
    """Every paragraph of a DOCX, tables, headers and footers included, one per line."""
    document = Document(io.BytesIO(content))
    lines = []

    def walk(container):
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                lines.append(block.text)
    walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                walk(part)
    return "\n".join(lines)


def found_blanks(content: bytes, language: str) -> tuple[str, ...]:
    """The blanks of the letter in the order they first appear, each once."""
    return tuple(dict.fromkeys(blank_pattern(language).findall(document_text(content))))


def sample_values(letter: str, language: str) -> dict:
    """Values for test-rendering a replacement template: every value the letter has, each naming itself, both ways
    of each yes-or-no, and a statistics table."""
    values = {name: f"«{name}»" for name in VARIABLES[letter]}
    values.update({flag: True for flag in FLAGS if flag in values})
    if letter == "statistics":
        values["sections"] = [{"title": "«section.title»", "headings": ["«heading»", "«heading»"],
                               "rows": [["«row»", 1]], "total": ["«total»", 1]}]
    return values


def check_replacement(letter: str, language: str, content: bytes) -> None:
    """Raises LetterTemplateError unless `content` is a DOCX that renders with the letter's values (as
    sample_values gives them) and leaves no placeholder behind."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise LetterTemplateError("not_docx")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise LetterTemplateError("not_docx")
    for flags in (True, False):
        values = sample_values(letter, language) | {flag: flags for flag in FLAGS if flag in VARIABLES[letter]}
        try:
            rendered = render(letter, language, values, source=content)
        except UndefinedError as error:
            raise LetterTemplateError("unknown_value", str(error)) from None
        except SecurityError as error:
            raise LetterTemplateError("unsafe", str(error)) from None
        except TemplateError as error:
            raise LetterTemplateError("syntax", str(error)) from None
        except Exception as error:  # noqa: BLE001  python-docx and lxml raise many kinds for a broken file
            raise LetterTemplateError("unreadable", type(error).__name__) from None
        text = document_text(rendered.content)
        if "{{" in text or "{%" in text or "}}" in text or "%}" in text:
            raise LetterTemplateError("placeholder_left")


def save_replacement(letter: str, language: str, content: bytes) -> None:
    """Keeps a checked replacement template, written to a temporary name and moved into place."""
    path = replacement_path(letter, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".incoming-", delete=False) as file:
        file.write(content)
        temporary = Path(file.name)
    temporary.replace(path)


def remove_replacement(letter: str, language: str) -> bool:
    """Goes back to the built-in template; False when none was replaced."""
    path = replacement_path(letter, language)
    if not path.is_file():
        return False
    path.unlink()
    return True


def soffice() -> str | None:
    """LibreOffice's program: the SOFFICE setting, else `soffice` or `libreoffice` on PATH; None without it."""
    configured = current_app.config.get("SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(content: bytes, program: str) -> bytes:
    """The DOCX converted to PDF by LibreOffice in headless mode, with a profile of its own in a temporary folder
    (two conversions at once would otherwise fight over the user's profile)."""
    with tempfile.TemporaryDirectory(prefix="letter-") as folder:
        source = Path(folder) / "letter.docx"
        source.write_bytes(content)
        profile = (Path(folder) / "profile").as_uri()
        # A list of arguments, no shell; the program is the administrator's setting or found on PATH.
        subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",  # nosec B603
                        "--outdir", folder, str(source)], timeout=PDF_TIMEOUT, check=True, capture_output=True)
        return (Path(folder) / "letter.pdf").read_bytes()
