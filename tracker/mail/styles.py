"""The digests' look, kept once in tracker/static/digest.css: each class's declarations go into the e-mails' tags
as style attributes (mail programs drop style sheets) and the media queries into their <style>; the "My digest"
page links the file itself and uses the classes alone (its Content-Security-Policy refuses inline styles)."""
import functools
import re
from pathlib import Path

from markupsafe import Markup

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "digest.css"
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_MEDIA = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}")
_RULE = re.compile(r"\.([\w-]+)\s*\{([^{}]*)\}")


@functools.cache
def stylesheet() -> tuple[dict[str, str], str]:
    """The declarations of each class (empty for one styled by media queries only), and the media queries as CSS
    text; the file is read once per process."""
    text = _COMMENT.sub("", STYLESHEET.read_text(encoding="utf-8"))
    media = "\n".join(" ".join(block.split()) for block in _MEDIA.findall(text))
    rules = dict.fromkeys(re.findall(r"\.([a-z][\w-]*)", media), "")
    rules.update({name: " ".join(body.split()) for name, body in _RULE.findall(_MEDIA.sub("", text))})
    return rules, media


def styler(inline: bool):
    """The templates' css(*classes): class="..." for the page; for an e-mail, with the classes' declarations as
    style="..." too (an unknown class fails the rendering: a misspelt one would otherwise go unstyled)."""
    def css(*names: str) -> Markup:
        classes = " ".join(names)
        if not inline:
            return Markup('class="{}"').format(classes)
        rules = stylesheet()[0]
        style = " ".join(rules[name] for name in names if rules[name])
        return Markup('class="{}" style="{}"').format(classes, style) if style else Markup('class="{}"').format(classes)
    return css
