"""Small pieces shared by the forms."""
import wtforms
from wtforms.fields.choices import SelectChoice

from tracker import labels
from tracker.domain.date_range import EARLIEST_DATE, LATEST_DATE, in_date_range


def strip(value):
    """Trims surrounding white space from typed text."""
    return value.strip() if isinstance(value, str) else value


def options(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class DateField(wtforms.DateField):
    """A date field of MLA Tracker's forms: YYYY-MM-DD as the browser's date input sends it, refused outside the
    years the register accepts (a year typed as "1" would be saved and exported as nonsense). What was typed stays
    in the field beside the message; the browser's date picker is held to the same years."""

    def __init__(self, *args, render_kw=None, **kwargs):
        limits = {"min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}
        super().__init__(*args, render_kw=limits | (render_kw or {}), **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not in_date_range(self.data):
            self.data = None
            raise ValueError(str(labels.error_message("date_out_of_range")))
