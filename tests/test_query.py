"""The query language parses into the engine-neutral tree."""

import pytest

from search import query as q


def test_bare_words_are_one_words_node() -> None:
    assert q.parse("khen thưởng") == q.Words(("khen", "thưởng"))


def test_empty_query_matches_everything() -> None:
    assert q.parse("   ") == q.MatchAll()


def test_phrases_fields_and_operators() -> None:
    tree = q.parse('"ủy ban nhân dân" AND so:1268/QĐ-UBND OR nam:2010..2015 -hủy')
    assert tree == q.Or(
        (
            q.And((q.Phrase("ủy ban nhân dân"), q.FieldMatch("number", "1268/QĐ-UBND"))),
            q.And((q.Range("year", "2010", "2015"), q.Not(q.Words(("hủy",))))),
        )
    )


def test_vietnamese_field_names_and_quoted_values() -> None:
    assert q.parse('loại:"quyết định"') == q.FieldMatch("doc_type", "quyết định")
    assert q.parse("ngày:01/01/2015..31/12/2015") == q.Range("issued", "01/01/2015", "31/12/2015")


def test_unknown_field_is_plain_text() -> None:
    assert q.parse("Lưu:VT") == q.Words(("Lưu:VT",))


def test_parentheses_group_and_not() -> None:
    assert q.parse("bằng khen NOT (2015 OR 2016)") == q.And(
        (q.Words(("bằng", "khen")), q.Not(q.Or((q.Words(("2015",)), q.Words(("2016",))))))
    )


def test_a_dangling_and_is_forgiven() -> None:
    assert q.parse("khen AND") == q.Words(("khen",))


@pytest.mark.parametrize("text", ["(khen", "khen)", "NOT", "khen NOT"])
def test_broken_queries_say_why_in_vietnamese(text: str) -> None:
    with pytest.raises(q.QuerySyntaxError) as info:
        q.parse(text)
    assert any(word in str(info.value) for word in ("ngoặc", "Thiếu"))


def test_a_minus_before_a_phrase_or_group_excludes_it() -> None:
    assert q.parse('"bằng khen" -"giấy khen"') == q.And(
        (q.Phrase("bằng khen"), q.Not(q.Phrase("giấy khen")))
    )
    assert q.parse("khen -(2015 OR 2016)") == q.And(
        (q.Words(("khen",)), q.Not(q.Or((q.Words(("2015",)), q.Words(("2016",))))))
    )
