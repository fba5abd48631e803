"""Small pieces shared by the forms."""
from wtforms.fields.choices import SelectChoice


def strip(value):
    """Trims surrounding white space from typed text."""
    return value.strip() if isinstance(value, str) else value


def options(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]
