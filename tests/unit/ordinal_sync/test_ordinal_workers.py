"""Normalisation in worker processes gives what normalisation in process gives, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from ordinal_sync.grouping import Group, LineIndex, PackedLine, regroup
from ordinal_sync.readers import Layout, open_source
from ordinal_sync.workers import WorkerFailed, normalised
from tests.unit.ordinal_sync.conftest import RPPS, TODAY, CsvFile, row


def groups_of(path: Path) -> list[Group]:
    index = LineIndex()
    with open_source(path) as reader:
        index.add_all(reader)
    with open_source(path) as reader:
        return list(regroup(reader, index))


def test_workers_give_the_same_records_in_the_same_order(csv_file: CsvFile) -> None:
    rows = [row(rpps, mobile=mobile) for rpps in RPPS for mobile in ("06 12 34 56 78",)]
    rows += [row(RPPS[0]), "bad;line", row(RPPS[1][:-1] + "0")]  # a duplicate, an unreadable, a bad key
    groups = groups_of(csv_file(rows)) * 20  # 20 chunks' worth
    alone = list(normalised(groups, Layout.ORDINAL_CSV, TODAY, workers=1))
    with_workers = list(normalised(groups, Layout.ORDINAL_CSV, TODAY, workers=2))
    assert with_workers == alone and len(alone) == len(groups)
    assert any(item.content_hash is None for item in alone) and any(item.issues for item in alone)


def test_a_chunk_a_worker_cannot_read_stops_the_run_with_its_reason() -> None:
    broken = Group([PackedLine(2, "10000000017", b"not marshal data")], b"")
    with pytest.raises(WorkerFailed, match="a normalisation worker failed"):
        list(normalised([broken], Layout.ORDINAL_CSV, TODAY, workers=2))
