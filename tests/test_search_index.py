"""The search index: Vietnamese matching, phrases, facets, locking and atomic rebuilds."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from search import ENGINES, QuerySyntaxError, SearchIndex

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


@pytest.fixture(
    params=[p if p != "postgres" else pytest.param(p, marks=pytest.mark.pg) for p in ENGINES]
)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["tantivy", "whoosh"])
def embedded(request: pytest.FixtureRequest) -> str:
    """The engines that live in the process: group commits and worker rebuilds are theirs."""
    return str(request.param)


@pytest.fixture
def embedded_index(tmp_path: Path, embedded: str) -> SearchIndex:
    ix = SearchIndex(tmp_path / "index", embedded)
    ix.add(DOCS)
    return ix


@pytest.fixture
def url(engine: str, request: pytest.FixtureRequest) -> str:
    """The database of the PostgreSQL engine (a new one per test); nothing for the others."""
    return str(request.getfixturevalue("pg_database")) if engine == "postgres" else ""


@pytest.fixture
def index(tmp_path: Path, engine: str, url: str) -> SearchIndex:
    ix = SearchIndex(tmp_path / "index", engine, url)
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
    assert ids(index, '"khen" -"thi đua"') == ["qd1268"]
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


def test_rebuild_swaps_atomically_while_searches_go_on(index: SearchIndex, url: str) -> None:
    seen: list[int] = []
    stop = threading.Event()

    def searcher() -> None:
        reader = SearchIndex(index.root, index.engine, url)
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
    assert len(index.generations()) == 2
    index.rebuild(many[:10])
    assert len(index.generations()) == 2 and index.count() == 10


def _write_many(root: str, start: int, engine: str, url: str) -> None:
    index = SearchIndex(root, engine, url)
    for i in range(start, start + 10):
        index.add([{"id": f"p{i}", "content": f"quyết định khen thưởng {i}"}])


def test_writers_in_several_processes_queue_instead_of_failing(
    tmp_path: Path, engine: str, url: str
) -> None:
    root = str(tmp_path / "index")
    SearchIndex(root, engine, url)
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_write_many, args=(root, n * 100, engine, url)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert SearchIndex(root, engine, url).count() == 30


AWARD = {
    "id": "qd77",
    "title": "Quyết định tặng Bằng khen cho tập thể và cá nhân",
    "content": "Tặng Bằng khen cho Trường Tiểu học Đồng Tháp đã có thành tích xuất sắc",
    "doc_type": "Quyết định",
    "number": "77/QĐ-UBND",
    "issuer": "Ủy ban nhân dân tỉnh Đồng Tháp",
    "issued": "2016-03-02",
    "year": 2016,
    "filename": "qd-77-bang-khen.pdf",
    "confidentiality": "Mật",
    "dossier": "HS-2016-01",
    "award_forms": ["Bằng khen", "Giấy khen"],
    "award_recipients": ["Nguyễn Văn Đức"],
    "award_years": [2015],
}


def test_true_phrases_and_exact_totals(index: SearchIndex) -> None:
    # Every adjacent pair of the phrase is present, the phrase itself is not.
    index.add([{"id": "pairs", "content": "ban nhân dân và ủy ban nhân, không liền nhau"}])
    found = index.search('"ủy ban nhân dân"')
    assert {h.id for h in found.hits} == {"qd1268", "kh05"}
    assert found.total == 2
    assert index.search('"ban nhân dân"').total == 3


def test_every_field_query_and_award_facets(index: SearchIndex) -> None:
    index.add([AWARD])
    assert ids(index, 'hinhthuc:"giay khen"') == ["qd77"]
    assert ids(index, 'nguoinhan:"nguyen van duc"') == ["qd77"]
    assert ids(index, "namkhen:2015") == ["qd77"]
    assert ids(index, "hoso:hs-2016-01") == ["qd77"]
    assert ids(index, 'coquan:"dong thap"') == ["qd77"]
    assert ids(index, 'trichyeu:"tap the va ca nhan"') == ["qd77"]
    assert ids(index, "tep:bang") == ["qd77"]
    assert ids(index, "ngay:2016-03-02") == ["qd77"]
    assert set(ids(index, "nam:..2014")) == {"kh05", "ct34"}
    result = index.search("bằng khen")
    assert dict(result.facets["award_form"]) == {"Bằng khen": 1, "Giấy khen": 1}
    assert dict(result.facets["issuer"])["Ủy ban nhân dân tỉnh Đồng Tháp"] == 1
    assert ids(index, "", filters={"award_form": "Giấy khen"}) == ["qd77"]
    assert ids(index, "", filters={"dossier": "HS-2016-01"}) == ["qd77"]


def test_d_with_stroke_and_decomposed_text(index: SearchIndex) -> None:
    decomposed = "Tr\u01b0\u006f\u0300ng ho\u0323c Đa\u0300 Na\u0306\u0303ng"  # NFD input
    index.add([AWARD, {"id": "nfd", "content": decomposed}])
    assert ids(index, "dong thap") == ["qd77"]
    assert ids(index, '"đồng tháp"') == ["qd77"]
    assert ids(index, '"truong hoc da nang"') == ["nfd"]
    assert ids(index, '"Đà Nẵng"') == ["nfd"]
    assert "<mark>Đồng</mark>" in index.search("dong thap").hits[0].snippet


def test_confidential_mask_and_deletes(index: SearchIndex) -> None:
    index.add([AWARD])
    assert ids(index, "bang khen", hidden={"confidentiality": ["Mật"]}) == ["qd1268"]
    assert index.search("", hidden={"confidentiality": ["Mật"]}).total == 3
    index.delete(["qd77", "kh05"])
    assert index.count() == 2
    assert set(ids(index, "")) == {"qd1268", "ct34"}


def test_paging_and_date_sort_over_many(index: SearchIndex) -> None:
    many = [
        {"id": f"m{i:02d}", "content": f"khen thưởng đợt {i}", "issued": f"2020-01-{i + 1:02d}"}
        for i in range(25)
    ]
    index.add(many)
    first = index.search("khen thuong dot", sort="date", per_page=10)
    assert first.total == 25 and first.pages == 3
    assert [h.id for h in first.hits][:3] == ["m24", "m23", "m22"]
    last = index.search("khen thuong dot", sort="-date", page=3, per_page=10)
    assert [h.id for h in last.hits] == ["m20", "m21", "m22", "m23", "m24"]


@pytest.mark.parametrize(("old", "new"), [("whoosh", "tantivy"), ("tantivy", "whoosh")])
def test_reindex_moves_an_archive_to_the_other_engine(tmp_path: Path, old: str, new: str) -> None:
    SearchIndex(tmp_path / "index", old).add(DOCS)
    index = SearchIndex(tmp_path / "index", new)
    # Until the rebuild the archive keeps searching, and writing, with the engine it had.
    assert index.engine_in_use() == old and set(ids(index, "khen thuong")) == {"kh05", "ct34"}
    index.add([AWARD])
    assert index.rebuild([*DOCS, AWARD]) == 4
    assert index.engine_in_use() == new
    assert set(ids(index, "khen thuong")) == {"kh05", "ct34"}
    assert ids(index, 'hinhthuc:"giay khen"') == ["qd77"]


def _add_award(root: str, engine: str, url: str) -> None:
    SearchIndex(root, engine, url).add([AWARD])


def test_a_reader_sees_another_process_commit(index: SearchIndex, engine: str, url: str) -> None:
    assert index.count() == 3
    ctx = multiprocessing.get_context("spawn")
    writer = ctx.Process(target=_add_award, args=(str(index.root), engine, url))
    writer.start()
    writer.join(60)
    assert writer.exitcode == 0
    assert index.count() == 4 and ids(index, "dong thap") == ["qd77"]


def test_an_unknown_engine_is_refused_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Không có bộ máy tìm kiếm"):
        SearchIndex(tmp_path / "index", "lucene")


def test_replacing_records_again_and_again_keeps_the_index_bounded(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index", "tantivy")
    docs = [{**AWARD, "id": f"r{i}", "content": f"khen thưởng lần {i}"} for i in range(200)]
    index.rebuild(docs)
    compacted = 0
    for cycle in range(12):
        # Each cycle edits another quarter of the records, as re-ingests and edits do.
        before = index._current_name()
        quarter = docs[(cycle % 4) * 50 : (cycle % 4 + 1) * 50]
        index.add([{**d, "content": f"sửa lần {cycle}"} for d in quarter])
        compacted += index._current_name() != before
        assert index._generation().wasted() <= 0.3
    assert compacted >= 1
    assert index.count() == 200
    assert index.search('"sửa lần 11"').total == 50
    # Compaction rebuilt every field from the stored documents.
    found = index.search('nguoinhan:"nguyen van duc" AND namkhen:2015 AND hinhthuc:"giay khen"')
    assert found.total == 200
    assert dict(found.facets["award_form"]) == {"Bằng khen": 200, "Giấy khen": 200}


def test_a_large_rebuild_prepares_documents_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import tantivy_engine

    monkeypatch.setattr(tantivy_engine, "PARALLEL_FROM", 50)
    monkeypatch.setattr(tantivy_engine, "PREPARE_WORKERS", 2)
    index = SearchIndex(tmp_path / "index", "tantivy")
    many = [{**AWARD, "id": f"w{i}", "content": f"Hoà giải khen thưởng số {i}"} for i in range(300)]
    assert index.rebuild(many) == 300
    assert index.search('"hoa giai khen thuong so 299"').total == 1
    assert ids(index, '"hòa giải khen thưởng số 7"') == ["w7"]
    with pytest.raises(ValueError, match="unknown index fields"):
        index.rebuild([*many, {"id": "bad", "colour": "red"}])
    assert index.count() == 300


def _numbered(prefix: str, keys: list[str]) -> list[dict[str, object]]:
    """A loader for ``Sources``: odd keys stand for records that are not indexed."""
    return [
        {**AWARD, "id": f"{prefix}{k}", "content": f"Hoà giải khen thưởng số {k}"}
        for k in keys
        if int(k) % 2 == 0
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rebuild_from_sources_loads_chunks_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedded: str, workers: int
) -> None:
    from search import tantivy_engine
    from search.sources import Sources

    monkeypatch.setattr(tantivy_engine, "PARALLEL_FROM", 50)
    monkeypatch.setattr(tantivy_engine, "PREPARE_WORKERS", workers)
    index = SearchIndex(tmp_path / "index", embedded)
    sources = Sources([str(i) for i in range(300)], _numbered, "s")
    assert index.rebuild(sources) == 150
    assert ids(index, '"hòa giải khen thưởng số 298"') == ["s298"]
    assert ids(index, '"hoa giai khen thuong so 299"') == []


def test_concurrent_adds_share_commits_and_all_become_searchable(
    embedded_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = embedded_index
    commits: list[int] = []
    add_locked = SearchIndex._add_locked

    def slow(self: SearchIndex, documents: list) -> int:  # type: ignore[type-arg]
        commits.append(len(documents))
        threading.Event().wait(0.3)  # the others arrive while this commit runs
        return add_locked(self, documents)

    monkeypatch.setattr(SearchIndex, "_add_locked", slow)
    counts: list[int] = []
    threads = [
        threading.Thread(
            target=lambda n=n: counts.append(
                index.add([{"id": f"t{n}", "content": f"tờ trình số {n} về khen thưởng"}])
            )
        )
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [1] * 8
    assert sum(commits) == 8 and len(commits) < 8
    assert index.search('"to trinh so"').total == 8


def test_a_bad_document_fails_only_its_own_add_in_a_shared_commit(
    embedded_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = embedded_index
    gate = threading.Event()
    add_locked = SearchIndex._add_locked

    def gated(self: SearchIndex, documents: list) -> int:  # type: ignore[type-arg]
        gate.wait(5)
        return add_locked(self, documents)

    monkeypatch.setattr(SearchIndex, "_add_locked", gated)
    errors: list[BaseException] = []

    def add(document: dict[str, str]) -> None:
        try:
            index.add([document])
        except ValueError as error:
            errors.append(error)

    first = threading.Thread(target=add, args=({"id": "a", "content": "văn bản a"},))
    first.start()
    threading.Event().wait(0.2)  # the first add now commits (held at the gate)
    others = [
        threading.Thread(target=add, args=({"id": "b", "content": "văn bản b"},)),
        threading.Thread(target=add, args=({"id": "bad", "colour": "red"},)),
    ]
    for thread in others:
        thread.start()
    threading.Event().wait(0.2)
    gate.set()
    for thread in [first, *others]:
        thread.join()
    assert len(errors) == 1 and "unknown index fields" in str(errors[0])
    assert set(ids(index, "van ban")) == {"a", "b"}


def test_totals_and_facets_follow_every_commit_and_mask_while_paging(index: SearchIndex) -> None:
    first = index.search("khen", per_page=1)
    assert (first.total, dict(first.facets["year"])) == (3, {"2014": 2, "2015": 1})
    assert index.search("khen", per_page=1, page=2, sort="date").total == 3
    masked = index.search("khen", per_page=1, hidden={"confidentiality": ["Mật"]})
    assert masked.total == 3
    index.add([{"id": "bk9", "content": "Bằng khen", "year": 2016, "issued": "2016-01-02"}])
    second = index.search("khen", per_page=1, page=3)
    assert second.total == 4 and dict(second.facets["year"])["2016"] == 1
    index.add([{**DOCS[0], "confidentiality": "Mật"}])
    assert index.search("khen", per_page=1, hidden={"confidentiality": ["Mật"]}).total == 3
    assert index.search("khen", per_page=1, filters={"year": 2014}).total == 2


@pytest.mark.pg
def test_postgres_phrases_stay_exact_past_the_position_limits(pg_database: str) -> None:
    """PostgreSQL keeps positions up to 16,383 and 256 per lexeme: past either, phrases
    are checked in the stored text, so they are neither lost nor invented."""
    index = SearchIndex("unused", "postgres", pg_database)
    filler = " ".join(f"khen thưởng lần {i}" for i in range(6000))  # 24,000 syllables
    index.add(
        [
            {"id": "long", "content": f"{filler} Ủy ban nhân dân tỉnh Điện Biên"},
            {"id": "split", "content": f"{filler} Điện xa Biên"},
            {"id": "short", "content": "Ủy ban nhân dân tỉnh Điện Biên"},
        ]
    )
    assert set(ids(index, '"tinh dien bien"')) == {"long", "short"}
    assert index.search('"khen thuong lan 5999"').total == 2
    assert ids(index, '"lan 5999 uy ban"') == ["long"]
    assert ids(index, '"dien xa bien"') == ["split"]


def test_the_postgres_engine_needs_a_postgresql_address() -> None:
    from archive.settings import from_env

    with pytest.raises(ValueError, match="cần một CSDL PostgreSQL"):
        from_env({"HOSO_SEARCH_ENGINE": "postgres"})
    settings = from_env(
        {"HOSO_SEARCH_ENGINE": "postgres", "HOSO_DATABASE_URL": "postgresql+psycopg://h/db"}
    )
    assert settings.effective_search_url == "postgresql+psycopg://h/db"
    with pytest.raises(ValueError, match="cần địa chỉ PostgreSQL"):
        SearchIndex("unused", "postgres", "sqlite:///x.db")


def _files_holding(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.pg
def test_a_postgres_purge_leaves_no_stored_text_in_the_tables(pg_server, pg_database: str) -> None:  # type: ignore[no-untyped-def]
    """A destruction: the row goes, and no table file of the database keeps its text."""
    import psycopg

    from search.postgres_engine import conninfo

    marker = "XMARKERPURGE2026"
    index = SearchIndex("unused", "postgres", pg_database)
    neighbours = [
        {"id": f"qd{i}", "content": f"Quyết định số {i} về khen thưởng"} for i in range(3)
    ]
    index.rebuild([*neighbours, {"id": "mat", "content": f"Phương án {marker}"}])
    index.rebuild([*neighbours, {"id": "mat", "content": f"Phương án {marker}"}])
    index.add([{"id": "qd9", "content": "Quyết định số 9 về khen thưởng"}])
    with psycopg.connect(conninfo(pg_database), autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        base = pg_server.data / "base"
        assert _files_holding(base, marker.encode())  # the probe does see copies
        index.shared.purge(["mat"])  # type: ignore[union-attr]
        conn.execute("CHECKPOINT")
    assert index.search(marker.lower()).total == 0
    assert index.search("khen thưởng").total == 4
    assert len(index.generations()) == 1
    assert _files_holding(base, marker.encode()) == []
