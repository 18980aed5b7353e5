"""The pipeline gives the same events on a Dask cluster as in-process (stages are pure batch functions)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from suasion.ingest import iter_documents
from suasion.model.records import Document
from suasion.pipeline import process_batch, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _documents() -> list[Document]:
    return [d for d in iter_documents([str(EXAMPLES)]) if isinstance(d, Document)][:6]


def _events(batches) -> list[dict]:
    return [e.to_dict() for processed, _ in batches for _d, _t, _s, events in processed for e in events]


def test_batches_and_their_results_pickle():
    docs = _documents()
    processed = process_batch(docs)
    assert pickle.loads(pickle.dumps(processed)) == processed


def test_batch_size_does_not_change_the_events():
    docs = _documents()
    assert _events(run(docs, size=1)) == _events(run(docs, size=64))


def test_dask_local_cluster_gives_the_same_events():
    pytest.importorskip("distributed", reason="dask[distributed] is an optional extra")
    docs = _documents()
    assert _events(run(docs, size=2, scheduler="local")) == _events(run(docs))
