"""The plain rules behind logins: e-mail folding and look-alikes, password rules, throttled network addresses."""
import pytest

from tracker.domain.emails import comparison_key, fold, skeleton
from tracker.domain.network import UNREADABLE_ADDRESS, throttle_address
from tracker.domain.passwords import password_problem


@pytest.mark.parametrize("typed", ["ADMIN@prokuror.example", "ａｄｍｉｎ@ｐｒｏｋｕｒｏｒ.example", "\tAdmin@Prokuror.Example "])
def test_folding_removes_case_width_and_spaces(typed):
    assert fold(typed) == "admin@prokuror.example"


@pytest.mark.parametrize("left, right", [
    ("admin@prokuror.example", "аdmin@prokuror.example"),   # Cyrillic а
    ("bill@prokuror.example", "bi11@prokuror.example"),     # 1 for l
    ("mary@prokuror.example", "rnary@prokuror.example"),    # rn for m
    ("ivanov@prokuror.example", "іvanov@prokuror.example"), # Ukrainian і
    ("oleg@prokuror.example", "οleg@prokuror.example"),     # Greek ο
])
def test_look_alike_addresses_share_a_skeleton_and_key(left, right):
    assert skeleton(left) == skeleton(right) and comparison_key(left) == comparison_key(right)


@pytest.mark.parametrize("left, right", [("abc@prokuror.example", "abd@prokuror.example"),
                                         ("a.ivanov@prokuror.example", "d.ivanov@prokuror.example")])
def test_different_addresses_keep_different_keys(left, right):
    assert comparison_key(left) != comparison_key(right)


def test_a_skeleton_is_its_own_skeleton():
    for text in ("adrnin@prokuror.example", "аdmіn@prokurоr.example", "ｍａｒｙ"):
        assert skeleton(skeleton(text)) == skeleton(text)


@pytest.mark.parametrize("password, problem", [
    ("short", "short_password"),
    ("aaaaaaaaaa", "simple_password"),
    ("abababababab", "simple_password"),
    ("1234567890", "common_password"),
    ("QWERTYUIOP", "common_password"),
    ("!!dragon2024!!", "common_password"),
    ("n.omarov@prokuror.example", "password_has_email"),
    ("secret-omarov-77", "password_has_email"),
    ("НУРЛАН-1985-year", "password_has_name"),
    ("correct horse battery", None),
    ("demo-prosecutor-3", None),
])
def test_password_rules(password, problem):
    assert password_problem(password, email="n.omarov@prokuror.example", name="Нурлан Омаров") == problem


def test_short_pieces_of_a_name_or_address_do_not_refuse_a_password():
    assert password_problem("a quiet lantern", email="a.li@prokuror.example", name="Ли А") is None


@pytest.mark.parametrize("raw, counted", [
    ("203.0.113.7", "203.0.113.7"),
    (" 203.0.113.7 ", "203.0.113.7"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
    ("fe80::1%" + "x" * 80, "fe80::/64"),
    ("1" * 65, UNREADABLE_ADDRESS),
    ("203.0.113.7, 198.51.100.1", UNREADABLE_ADDRESS),
    ("", UNREADABLE_ADDRESS),
    (None, UNREADABLE_ADDRESS),
])
def test_throttled_addresses_are_read_as_addresses_or_one_marker(raw, counted):
    assert throttle_address(raw) == counted and len(counted) <= 64
