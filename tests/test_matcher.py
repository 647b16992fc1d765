"""exitcodes._matcher: the package's one home for caches.

Issue 15: "The only caches live in `_matcher` (typed; none in `Profile`)". Every memo is
made by :func:`exitcodes._matcher.remembered`, and :func:`~exitcodes._matcher.forget`
empties them with the profiles' tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings

import exitcodes
from exitcodes import _matcher, classify, profiles, strategies

PACKAGE = Path(exitcodes.__file__).parent
CACHE_MAKERS = re.compile(r"\blru_cache\b|\bfunctools\.cache\b|^\s*@cache\b", re.M)


def test_no_module_but_the_matcher_makes_a_cache() -> None:
    makers = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if CACHE_MAKERS.search(path.read_text(encoding="utf-8"))
    }
    assert makers == {"_matcher.py"}


def test_every_memo_is_registered_and_forget_empties_it() -> None:
    names = {f"{memo.__module__}.{memo.__name__}" for memo in _matcher.MEMOS}
    assert names == {
        "exitcodes._statuses._linux_tables",
        "exitcodes.strategies._checks._sampled",
        "exitcodes.strategies._daemon_errors._message_plan",
        "exitcodes.strategies._versions._boundaries_between",
    }
    classify(137)

    @settings(max_examples=5, database=None)
    @given(strategies.profiles(), strategies.daemon_errors(), strategies.scenarios())
    def draw(profile: object, error: object, scenario: object) -> None:
        del profile, error, scenario

    draw()
    assert all(memo.cache_info().currsize for memo in _matcher.MEMOS)
    assert _matcher.compiled(profiles.DEFAULT)
    _matcher.forget()
    assert not any(memo.cache_info().currsize for memo in _matcher.MEMOS)
    assert not _matcher.compiled(profiles.DEFAULT)
    assert classify(137).signal == 9  # rebuilt on demand


def test_a_memo_keeps_its_functions_signature_for_the_type_checker() -> None:
    @_matcher.remembered(maxsize=2)
    def double(number: int) -> int:
        return 2 * number

    try:
        assert (double(2), double(2)) == (4, 4)
        assert _matcher.MEMOS[-1].cache_info().hits == 1
        assert double.__name__ == "double"
    finally:
        _matcher.MEMOS.pop()
