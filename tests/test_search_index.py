"""The search index: Vietnamese matching, phrases, facets, locking and atomic rebuilds."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from search import QuerySyntaxError, SearchIndex

DOCS = [
    {
        "id": "qd1268",
        "content": "QUYẾT ĐỊNH Về việc tặng Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh Lai Châu",
        "doc_type": "Quyết định",
        "number": "1268/QĐ-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Lai Châu",
        "issued": "2015-12-18",
        "year": 2015,
    },
    {
        "id": "kh05",
        "content": "Kế hoạch thực hiện công tác thi đua, khen thưởng của Ủy ban nhân dân huyện",
        "doc_type": "Kế hoạch",
        "number": "05/KH-VP",
        "issued": "2014-06-01",
        "year": 2014,
    },
    {
        "id": "ct34",
        "content": "Chỉ thị về tiếp tục đổi mới công tác thi đua, khen thuởng và hoà giải",
        "doc_type": "Chỉ thị",
        "number": "34-CT/TW",
        "issued": "2014-04-07",
        "year": 2014,
    },
]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path / "index")
    ix.add(DOCS)
    return ix


def ids(index: SearchIndex, text: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.id for hit in index.search(text, **kwargs).hits]


def test_accent_free_typing_finds_accented_text(index: SearchIndex) -> None:
    assert set(ids(index, "khen thuong")) == {"kh05", "ct34"}


def test_old_and_new_tone_placement_match_each_other(index: SearchIndex) -> None:
    assert set(ids(index, "uy ban")) == {"qd1268", "kh05"}
    assert set(ids(index, "Ủy ban")) == {"qd1268", "kh05"}
    assert ids(index, "hòa giải") == ["ct34"]


def test_phrases_need_the_words_together_and_in_order(index: SearchIndex) -> None:
    assert set(ids(index, '"uy ban nhan dan"')) == {"qd1268", "kh05"}
    assert ids(index, '"nhan dan uy ban"') == []
    assert ids(index, '"bằng khen của chủ tịch"') == ["qd1268"]


def test_exact_accents_rank_first(index: SearchIndex) -> None:
    # "thưởng" is spelt right in kh05 and with a misplaced mark ("thuởng") in ct34.
    assert ids(index, "khen thưởng")[0] == "kh05"


def test_boolean_operators(index: SearchIndex) -> None:
    assert set(ids(index, "thi dua AND khen")) == {"kh05", "ct34"}
    assert set(ids(index, "bang khen OR chi thi")) == {"qd1268", "ct34"}
    assert ids(index, "khen -thuong") == ["qd1268"]
    assert set(ids(index, "NOT khen")) == set()


def test_field_queries_and_ranges(index: SearchIndex) -> None:
    assert ids(index, "so:1268/qd-ubnd") == ["qd1268"]
    assert ids(index, "1268/QĐ-UBND") == ["qd1268"]
    assert ids(index, 'loai:"ke hoach"') == ["kh05"]
    assert set(ids(index, "nam:2014")) == {"kh05", "ct34"}
    assert set(ids(index, "nam:2015..")) == {"qd1268"}
    assert ids(index, "ngay:01/04/2014..30/04/2014") == ["ct34"]
    with pytest.raises(QuerySyntaxError, match="ngày"):
        index.search("ngay:31/02/2014")


def test_snippets_highlight_the_accented_text(index: SearchIndex) -> None:
    hit = index.search("uy ban").hits[0]
    assert "<mark>Ủy</mark>" in hit.snippet or "<mark>Uỷ</mark>" in hit.snippet


def test_facets_filters_sorting_and_paging(index: SearchIndex) -> None:
    result = index.search("", per_page=2)
    assert result.total == 3 and len(result.hits) == 2 and result.pages == 2
    assert dict(result.facets["year"]) == {"2014": 2, "2015": 1}
    assert dict(result.facets["doc_type"]) == {"Quyết định": 1, "Kế hoạch": 1, "Chỉ thị": 1}
    assert ids(index, "", filters={"year": 2014}, sort="date") == ["kh05", "ct34"]
    assert ids(index, "", filters={"doc_type": "Quyết định"}) == ["qd1268"]
    assert len(index.search("", page=2, per_page=2).hits) == 1


def test_a_failed_write_commits_nothing(index: SearchIndex) -> None:
    def documents():  # type: ignore[no-untyped-def]
        yield {"id": "new", "content": "văn bản mới"}
        raise RuntimeError("extraction failed half-way")

    with pytest.raises(RuntimeError):
        index.add(documents())
    assert index.count() == 3
    assert ids(index, "van ban moi") == []


def test_update_replaces_by_id(index: SearchIndex) -> None:
    index.add([{**DOCS[0], "content": "nội dung đã sửa"}])
    assert index.count() == 3
    assert ids(index, "noi dung da sua") == ["qd1268"]


def test_rebuild_swaps_atomically_while_searches_go_on(index: SearchIndex) -> None:
    seen: list[int] = []
    stop = threading.Event()

    def searcher() -> None:
        reader = SearchIndex(index.root)
        while not stop.is_set():
            seen.append(reader.search("").total)

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        many = [{"id": f"d{i}", "content": f"tài liệu số {i}"} for i in range(300)]
        assert index.rebuild(many) == 300
    finally:
        stop.set()
        thread.join()
    assert seen and set(seen) <= {3, 300}
    assert index.count() == 300
    # The replaced generation stays for searches still reading it, until the next rebuild.
    assert len(list(index.root.glob("gen-*"))) == 2
    index.rebuild(many[:10])
    assert len(list(index.root.glob("gen-*"))) == 2 and index.count() == 10


def _write_many(root: str, start: int) -> None:
    index = SearchIndex(root)
    for i in range(start, start + 10):
        index.add([{"id": f"p{i}", "content": f"quyết định khen thưởng {i}"}])


def test_writers_in_several_processes_queue_instead_of_failing(tmp_path: Path) -> None:
    root = str(tmp_path / "index")
    SearchIndex(root)
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_write_many, args=(root, n * 100)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert SearchIndex(root).count() == 30
