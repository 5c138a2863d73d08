"""The claim store: indexing, re-indexing, skipping, concurrent readers, interrupted writes, keyed lookups."""

import dataclasses
import multiprocessing
import sqlite3
from datetime import date

import pytest

import factcheck
from factcheck.extract import extract_claims
from factcheck.keys import default_aliases, figure_key
from factcheck import runner
from factcheck.runner import index_paths
from factcheck.store import ClaimStore, prepare

LOSS = "Intel lost $16.6 billion in the third quarter of 2024, the company said."


def _document(text, document_id="a", published=date(2024, 11, 1)):
    return factcheck.from_text(text, published=published, document_id=document_id, path=f"{document_id}.txt")


def _index(store, *documents):
    return store.index((document, extract_claims(document)) for document in documents)


def _key(text):
    claim = extract_claims(_document(text))[0]
    return figure_key(claim, default_aliases())


def test_index_then_lookup_by_key(tmp_path):
    with ClaimStore(tmp_path / "claims.db") as store:
        stats = _index(store, _document(LOSS))
        found = store.lookup(_key(LOSS))
    assert (stats.added, stats.replaced, stats.unchanged, stats.claims) == (1, 0, 0, 1)
    assert [item.claim.text for item in found] == ["$16.6 billion"]
    assert (found[0].location.line, found[0].location.column) == (1, LOSS.index("$") + 1)
    assert found[0].published == date(2024, 11, 1)


def test_unchanged_documents_are_skipped_and_changed_ones_replaced(tmp_path):
    path = tmp_path / "claims.db"
    with ClaimStore(path) as store:
        _index(store, _document(LOSS))
        again = _index(store, _document(LOSS))
        changed = _index(store, _document(LOSS.replace("16.6", "18.1")))
        found = store.lookup(_key(LOSS))
        assert store.counts() == (1, 1)
    assert (again.unchanged, again.added) == (1, 0)
    assert changed.replaced == 1
    assert [item.claim.text for item in found] == ["$18.1 billion"]


def _read_while_writing(path, queue):
    with ClaimStore(path, readonly=True) as store:
        queue.put(len(store.lookup(_key(LOSS))))


def test_readers_see_committed_claims_while_a_writer_holds_the_file(tmp_path):
    path = tmp_path / "claims.db"
    with ClaimStore(path) as store:
        _index(store, _document(LOSS))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM claims")
    queue = multiprocessing.get_context("spawn").Queue()
    reader = multiprocessing.get_context("spawn").Process(target=_read_while_writing, args=(str(path), queue))
    reader.start()
    reader.join(20)
    finished_while_locked = not reader.is_alive()
    writer.execute("ROLLBACK")
    writer.close()
    assert finished_while_locked
    assert queue.get(timeout=5) == 1


def test_a_write_killed_midway_loses_nothing_committed(tmp_path):
    path = tmp_path / "claims.db"
    with ClaimStore(path) as store:
        _index(store, _document(LOSS))
    second = _document("AMD lost $1.2 billion in the third quarter of 2024, it said.", document_id="b")
    prepared = prepare(second, extract_claims(second), default_aliases())

    def rows_then_crash():
        yield from prepared.rows
        raise KeyboardInterrupt

    with ClaimStore(path) as store, pytest.raises(KeyboardInterrupt):
        store.add(dataclasses.replace(prepared, rows=rows_then_crash()), replace=False)
    with ClaimStore(path) as store:
        assert store.counts() == (1, 1)
        assert [item.claim.text for item in store.lookup(_key(LOSS))] == ["$16.6 billion"]


def test_check_against_the_store_finds_contradictions_with_the_archive(tmp_path):
    from factcheck.config import Config

    path = tmp_path / "claims.db"
    with ClaimStore(path) as store:
        _index(store, _document(LOSS, "archive-story"))
    draft = _document("Intel lost $18.1 billion in the third quarter of 2024, the company said.", "draft",
                      date(2024, 11, 5))
    report = factcheck.check(draft, config=Config(select=("cross",), store=str(path)))
    assert [f.rule for f in report.findings] == ["FC201"]
    finding = report.findings[0]
    assert [(loc.document, loc.text) for loc in finding.locations] == [("draft", "$18.1 billion"),
                                                                       ("archive-story", "$16.6 billion")]
    assert "archive-story" in finding.message


@pytest.mark.parametrize("published", [None, date(2024, 10, 31)])
def test_a_draft_undated_or_dated_before_the_archive_is_still_checked_against_it(tmp_path, published):
    from factcheck.config import Config

    path = tmp_path / "claims.db"
    with ClaimStore(path) as store:
        _index(store, _document(LOSS, "archive-story"))
    draft = _document("Intel lost $18.1 billion in the third quarter of 2024, the company said.", "draft", published)
    report = factcheck.check(draft, config=Config(select=("cross",), store=str(path)))
    assert [(f.rule, f.locations[0].document) for f in report.findings] == [("FC201", "draft")]


def test_a_draft_already_in_the_store_is_not_compared_with_itself(tmp_path):
    from factcheck.config import Config

    path = tmp_path / "claims.db"
    document = _document(LOSS, "same")
    with ClaimStore(path) as store:
        _index(store, document)
    assert factcheck.check(document, config=Config(select=("cross",), store=str(path))).findings == ()


def _store_rows(path):
    with sqlite3.connect(path) as connection:
        documents = connection.execute("SELECT id, path, content_hash, published FROM documents ORDER BY id").fetchall()
        claims = connection.execute("SELECT * FROM claims ORDER BY document_id, claim_id").fetchall()
    return documents, claims


def _archive(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    (tmp_path / "a" / "intel.txt").write_text(LOSS, encoding="utf-8")
    # The same stem in another folder: indexed under its path, as `extract_paths` names it.
    (tmp_path / "b" / "intel.txt").write_text(LOSS.replace("16.6", "16.9"), encoding="utf-8")
    for number in range(12):
        (tmp_path / "a" / f"amd-{number}.txt").write_text(
            f"AMD lost ${number + 1} million in the third quarter of 2024, it said.", encoding="utf-8")
    return [tmp_path / "a", tmp_path / "b"]


def test_index_paths_writes_the_same_store_whatever_the_number_of_jobs(tmp_path):
    archive = _archive(tmp_path)
    serial, _ = index_paths(archive, tmp_path / "one.db", published=date(2024, 11, 1), jobs=1)
    parallel, _ = index_paths(archive, tmp_path / "two.db", published=date(2024, 11, 1), jobs=2)
    assert serial == parallel and serial.added == 14
    assert _store_rows(tmp_path / "one.db") == _store_rows(tmp_path / "two.db")
    assert str(tmp_path / "b" / "intel.txt") in [row[0] for row in _store_rows(tmp_path / "one.db")[0]]


def test_index_paths_skips_unchanged_documents_without_extracting_them(tmp_path, monkeypatch):
    archive = _archive(tmp_path)
    index_paths(archive, tmp_path / "claims.db", published=date(2024, 11, 1))
    (tmp_path / "a" / "amd-0.txt").write_text("AMD lost $7 million in the third quarter of 2024.", encoding="utf-8")
    extracted = []
    monkeypatch.setattr(runner, "extract_claims", lambda document: extracted.append(document.id) or
                        extract_claims(document))
    stats, errors = index_paths(archive, tmp_path / "claims.db", published=date(2024, 11, 1))
    assert (stats.added, stats.replaced, stats.unchanged, errors) == (0, 1, 13, [])
    assert extracted == ["amd-0"]


@pytest.mark.parametrize("old_id, new_id", [("a", "news/a.txt"), ('say "b"\\c', "ünï/x#1.md"), ("x#1", "y")])
def test_rows_moved_to_a_new_id_are_the_rows_of_the_renamed_claims(old_id, new_id):
    """Two files may share an id; the writer moves the second one's prepared rows (claim ids, link targets and
    the document in each claim's JSON) to its new id, without extracting or parsing it again."""
    document = _document("Sales rose 12% to $4.5 billion from $4.0 billion in 2024, Acme said.", document_id=old_id)
    claims = extract_claims(document)
    assert any(claim.links for claim in claims)
    aliases = default_aliases()
    moved = runner._moved(prepare(document, claims, aliases), new_id)
    expected = prepare(document.model_copy(update={"id": new_id}), runner._renamed(claims, old_id, new_id), aliases)
    assert moved == expected
