"""What the rows of an imported register refer to, found by code or by name in kk, ru or en."""
from collections import defaultdict

import sqlalchemy as sa
from babel import Locale
from flask_babel import force_locale

from tracker import labels
from tracker.domain.people import Language
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, User
from tracker.services.treaties import Register, register


def norm(text) -> str:
    """Text compared regardless of case and spacing, and of ё written as е."""
    return " ".join(str(text).split()).casefold().replace("ё", "е")


def _in_each_language(labels_by_value: dict) -> dict[str, object]:
    """Normalized label in kk, ru and en -> value."""
    names = {}
    for language in Language:
        with force_locale(language.value):
            for value, label in labels_by_value.items():
                names.setdefault(norm(str(label)), value)
    return names


class Lookups:
    """Everything a row refers to, loaded once for the whole file."""

    def __init__(self):
        codes = set(db.session.scalars(sa.select(Country.code)))
        # The office's official names first (an export writes them), then CLDR's, which stay understood.
        self.countries = {norm(name): code for (code, _language), name in labels.official_country_names().items()
                          if code in codes}
        for language in Language:
            for code, name in Locale.parse(language.value).territories.items():
                if code in codes:
                    self.countries.setdefault(norm(name), code)
        self.countries.update({norm(code): code for code in codes})
        self.register = Register(register(active_only=False))
        self._read_treaties(self.register.treaties.values())
        self.reciprocity = set(_in_each_language({None: labels.RECIPROCITY}))
        self.categories = {}
        for category in db.session.scalars(sa.select(CrimeCategory)):
            self.categories[norm(category.code)] = category
            for language in Language:
                self.categories.setdefault(norm(category.name(language.value)), category)
        self.users, self.users_by_name = {}, defaultdict(list)
        for user in db.session.scalars(sa.select(User)):
            self.users[norm(user.email)] = user
            self.users_by_name[norm(user.name)].append(user)
        self.kinds = {norm(k.value): k for k in Kind} | _in_each_language(labels.KIND)
        self.statuses = {norm(s.value): s for s in Status} | _in_each_language(labels.STATUS)
        self.grounds = {norm(g.value): g for g in RefusalGround} | _in_each_language(labels.GROUND)

    def _read_treaties(self, treaties) -> None:
        """Treaties by code and by short name in each language; a name two treaties share finds neither."""
        self.treaties, named = {}, defaultdict(dict)
        for treaty in treaties:
            self.treaties[norm(treaty.code)] = treaty
            for name in (treaty.short_name, treaty.short_name_kk, treaty.short_name_ru):
                if name:
                    named[norm(name)][treaty.code] = treaty
        self.shared_treaty_names = {name for name, found in named.items()
                                    if len(found) > 1 and name not in self.treaties}
        for name, found in named.items():
            if len(found) == 1:
                self.treaties.setdefault(name, *found.values())

    def owners(self, text) -> list[User]:
        """Who the text names: the user with this email address, else the active users of this name (the inactive
        ones when no active user has it, so that the row is refused for the right reason)."""
        key = norm(text)
        if key in self.users:
            return [self.users[key]]
        named = self.users_by_name.get(key, [])
        return [user for user in named if user.active] or named
