"""A page of the request list: its rows read through the indexes, its count exact, kept for a minute, or, for a
search that many requests match, bounded."""
import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import defer, joinedload, raiseload

from tracker.extensions import db
from tracker.models import Request
from tracker.services import list_positions
from tracker.services.list_counts import exact_count, list_count
from tracker.services.text_search import matching_ids, row_condition


class RequestPage(Pagination):
    """A page of the request list, found in two steps within one statement: the page's ids are sorted and
    cut from what the indexes hold, then only those requests are read with their owner and treaty (and category,
    for the API). Reading every matching request to sort them took most of a page's time in a large
    register (7,433 open extradition requests to one country in a million: 92 ms).
    """

    # Whether the count is an approximation (list_counts.py); whether it is only a lower bound (a search many
    # requests match: the page then says "at least" that many); and, in either case, whether a row follows this page.
    approximate = False
    open_ended = False
    _more = False
    # Whether the page was read from a known row ("Next"): whether a page follows is then told by the row read past
    # it, not by the count, since requests before that row may have left or joined the list since.
    _keyed_forward = False

    def _query_items(self) -> list[Request]:
        """The page's requests. A page in the second half of the list is read from its end, in the opposite order,
        so that the database skips the rows after it rather than all the rows before it: the last page costs what
        the first does (a million requests, OFFSET to the last page: 374 ms against 23 ms for the first)."""
        listed, ordering = self._query_args["filtered"], self._query_args["ordering"]
        after = self._query_args.get("keyset")
        searched, bound = self._query_args.get("searched"), self._query_args.get("search_counted_up_to")
        if searched is not None and bound is not None:
            matches = matching_ids(searched.text, searched.names, bound)
            if matches is not None:
                # Few requests hold the text: the list is narrowed to them, and the index is not read again.
                listed = self._query_args["unsearched"].where(Request.id.in_(matches))
            elif self._query_args["keyed"]:
                return self._common_search_page(bound)
        self._listed = listed
        if searched is not None and after is None:
            return self._searched_page()
        exact_up_to = self._query_args.get("exact_up_to")
        self._total, self.approximate = list_count(listed, exact_up_to, whole=self._query_args.get("whole", False))
        before = self._query_args.get("keyset_before")
        if before is not None and after is None:
            # The page before a known row (the first of the page after it, or of a page a few after it, whose rows
            # between are skipped), read backwards from that row: "Previous" from a page reached by key costs what
            # "Next" does, whatever its place; that row follows this page.
            filtered, limit = listed.where(ordering.after(before, reverse=True)), self.per_page
            skipped = self._query_args.get("keyset_skip", 0)
            reverse, lookahead, self._more = True, 0, True
        else:
            filtered, skipped, reverse, limit, lookahead = self._placed(listed, ordering, after, exact_up_to)
            if limit <= 0:
                return []
        page_ids = (ordering.apply(filtered.with_only_columns(Request.id), reverse)
                    .limit(limit + lookahead).offset(skipped).subquery())
        query = (ordering.apply(sa.select(Request).join(page_ids, page_ids.c.id == Request.id))
                 .options(*self._row_options()))
        items = list(db.session.scalars(query).unique())
        self._more = self._more or len(items) > limit
        if self.approximate and not self._more and after is None:
            # The list ends on this page, or before it, although a count a minute old said more follow: counted
            # exactly, so that the page says how many it holds and which page is the last.
            self._total, self.approximate = list_count(listed, exact_up_to, fresh=True)
        if not items and self._query_args.get("keyset_skip"):
            return self._by_number()
        return items[:limit]

    def _by_number(self) -> list[Request]:
        """The page read by its number, after a key given a few pages away found no row where the page should be
        (the rows between it and the page left the list, or moved, since the key was given): the page then says
        whether it is past the last, and which is, as a page asked for by number does."""
        self._query_args.update(keyset=None, keyset_before=None, keyset_skip=0)
        self._more = self._keyed_forward = False
        return self._query_items()

    def _placed(self, listed, ordering, after, exact_up_to) -> tuple:
        """Where the page is read from: (the list from where it starts, rows skipped, whether read from the end,
        rows read, one row more read to tell whether a next page follows)."""
        filtered, skipped, limit = listed, self._query_offset, self.per_page
        if after is not None:
            # The page after a known row (its sort value and id), or a few pages after it (the rows between skipped):
            # read from that row on, whatever its place, so the tenth page reached by "Next" costs what the first does.
            self._keyed_forward = True
            return listed.where(ordering.after(after)), self._query_args.get("keyset_skip", 0), False, limit, 1
        newest_first = self._query_args.get("positioned")
        if newest_first is not None and skipped > 0:
            # The whole register in its default order: the page is read from the stretch of the list it falls in,
            # whose place the database keeps (list_positions.py), whatever its number; past the last, nothing.
            start = list_positions.start_of(skipped, newest_first)
            if start is None:
                return filtered, 0, False, 0, 0
            return (filtered if start.stretch is None else filtered.where(start.stretch)), start.skip, False, limit, 0
        reverse = 0 < skipped and self._total - skipped - self.per_page < skipped
        if reverse and self.approximate and skipped + self.per_page < self._total:
            # A page of the second half before the last by a count a minute old: read past the offset from the
            # list's start, which costs less than counting the list anew to read it from its end (a million
            # requests on SQLite: about 55 ms to skip half of them, 90 ms or more to count them all).
            return filtered, skipped, False, limit, 1
        if reverse and self.approximate:
            # Read from the end only with the exact count: one a minute old would shift the page's rows.
            self._total, self.approximate = list_count(listed, exact_up_to, fresh=True)
        remaining = self._total - skipped - self.per_page
        reverse = 0 < skipped and remaining < skipped
        if reverse:
            skipped, limit = max(remaining, 0), min(self.per_page, self._total - skipped)
        # With an approximate count one row more says whether a next page follows.
        return filtered, skipped, reverse, limit, 1 if self.approximate else 0

    @property
    def has_next(self) -> bool:
        """Whether a page follows: by the count, or by the row read past this page when the count is approximate or
        the page was read from a known row."""
        return self._more if self.approximate or self.open_ended or self._keyed_forward else super().has_next

    @property
    def pages(self) -> int:
        """The number of pages; for a list counted only up to a bound, this page and the next if one follows; for a
        page read from a known row, at least this page and the next if a row follows it (requests that left the list
        before that row would otherwise make it the last by the count), and this page if none does (requests that
        joined the list before that row would otherwise be offered again on pages by number past it); by the count if
        nothing followed that row at all, so that the page says it is past the last one."""
        if self.open_ended:
            return self.page + 1 if self._more else self.page
        if self._keyed_forward and self.items:
            return max(super().pages, self.page + 1) if self._more else self.page
        if self.items:
            # A page that shows rows is not past the last, nor the last when a row follows it, whatever a count made
            # before it says (a page read back from a key, in a list grown since it was counted a minute ago).
            return max(super().pages, self.page + 1 if self._more else self.page)
        return super().pages

    def _searched_page(self) -> list[Request]:
        """A text search's page and the number of its matches in one statement (a window count over the matches):
        over the ids the index gave (at most LIST_SEARCH_COUNTED_UP_TO), or, for the API and for a common text in a
        list sorted otherwise than by a key, over every match the index finds, sorted whole. Past the last page no
        row carries the count, and it is counted on its own."""
        ordering = self._query_args["ordering"]
        page = (ordering.apply(self._listed.with_only_columns(Request.id, sa.func.count().over().label("matches")))
                .limit(self.per_page).offset(self._query_offset))
        rows = db.session.execute(page).all()
        # No row: nothing matches (on the first page), or the page is past the last one (counted apart).
        self._total = rows[0].matches if rows else 0 if self._query_offset == 0 else self._count()
        return self._read([row.id for row in rows])

    def _common_search_page(self, counted_up_to: int) -> list[Request]:
        """A page of a search that more than `counted_up_to` requests of the whole register match (a common surname):
        the list is read in its order, testing each request's own search text, until enough match, instead of
        sorting every match. The first `counted_up_to` + 1 matches are read (a bounded number, in the order's index),
        which counts a list of up to `counted_up_to` exactly and says "at least" that many of a longer one
        (`open_ended`), whose pages follow one another ("Next", or a page's number read past an offset of matches).
        A million requests, a surname one extradition request in eight holds (37,000): 28 ms against 24 for page 1
        on SQLite, 40 against 46 on PostgreSQL (the same runs); before, 11 and 17 times page 1.
        """
        ordering = self._query_args["ordering"]
        searched = self._query_args["searched"]
        walked = self._query_args["unsearched"].where(row_condition(searched.text, searched.names))
        after, skipped = self._query_args.get("keyset"), self._query_offset
        first = list(db.session.scalars(ordering.apply(walked.with_only_columns(Request.id)).limit(counted_up_to + 1)))
        self.open_ended = len(first) > counted_up_to
        self._total = counted_up_to if self.open_ended else len(first)
        if not self.open_ended or (after is None and skipped + self.per_page < len(first)):
            self._more = skipped + self.per_page < len(first)
            return self._read(first[skipped:skipped + self.per_page])
        start = walked if after is None else walked.where(ordering.after(after))
        from_key = self._query_args.get("keyset_skip", 0)
        ids = list(db.session.scalars(ordering.apply(start.with_only_columns(Request.id))
                                      .limit(self.per_page + 1).offset(from_key if after is not None else skipped)))
        if not ids and after is not None and from_key:
            return self._by_number()
        self._more = len(ids) > self.per_page
        return self._read(ids[:self.per_page])

    def _row_options(self) -> tuple:
        """What is read with each request of the page: its owner and treaty, which a row of the list names; for the
        API its crime category too. The web list ("lean") leaves out the request's long texts, which no row shows
        nor its other relations (a row that asked for one would fail its test rather than read it request by request)."""
        if self._query_args.get("lean"):
            return (joinedload(Request.owner), joinedload(Request.treaty), raiseload("*"),
                    *(defer(column, raiseload=True) for column in (Request.summary, Request.decision,
                                                                   Request.search_text)))
        return joinedload(Request.owner), joinedload(Request.treaty), joinedload(Request.crime_category)

    def _read(self, ids: list[int]) -> list[Request]:
        """The requests of these ids, in this order, with what a row shows."""
        if not ids:
            return []
        found = {item.id: item for item in db.session.scalars(
            sa.select(Request).where(Request.id.in_(ids)).options(*self._row_options())).unique()}
        return [found[request_id] for request_id in ids]

    def _count(self) -> int:
        return exact_count(self._listed)

    def _query_count(self) -> int:
        # Counted before the page was read, to know which end to read it from.
        return self._total
