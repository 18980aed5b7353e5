"""Near-duplicate articles (syndicated wire copy): bottom-k MinHash signatures over word shingles; no SQL.

A document's signature is the SIGNATURE_SIZE smallest 64-bit hashes (blake2b) of its word
3-shingles, after case and accent folding. Two signatures estimate the Jaccard resemblance of
the two shingle sets (exactly, for texts shorter than the signature). Documents resembling each
other at NEAR_DUPLICATE or more are copies of one text, and copies of copies are too: each group
shares one `syndication_key`, the id of its earliest document (publication date, then id), so
the key does not depend on the order the copies arrived in.

Candidates are found through the INDEX_KEYS smallest hashes: two copies at resemblance 0.8
share MIN_SHARED_KEYS of them with overwhelming probability (a binomial tail below 1e-6).
"""

from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

SIGNATURE_SIZE = 128
INDEX_KEYS = 16
MIN_SHARED_KEYS = 4
NEAR_DUPLICATE = 0.8
SHINGLE_WORDS = 3

_WORD_RE = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[str]:
    """The word 3-grams of a text, case- and accent-folded (the whole text when shorter)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = _WORD_RE.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> list[int]:
    """The sorted SIGNATURE_SIZE smallest shingle hashes of a text (all of them when fewer)."""
    hashes = {int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
              for s in shingles(text)}
    return heapq.nsmallest(SIGNATURE_SIZE, hashes)


def index_keys(sig: Sequence[int]) -> list[int]:
    """The hashes a signature is looked up by."""
    return list(sig[:INDEX_KEYS])


def resemblance(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard resemblance of the two texts behind two signatures (0 when either is empty)."""
    if not first or not second:
        return 0.0
    size = min(SIGNATURE_SIZE, len(set(first) | set(second)))
    smallest = heapq.nsmallest(size, set(first) | set(second))
    both = set(first) & set(second)
    return sum(1 for value in smallest if value in both) / size


def is_near_duplicate(first: Sequence[int], second: Sequence[int]) -> bool:
    return resemblance(first, second) >= NEAR_DUPLICATE


def shared_key_candidates(signatures: dict[str, Sequence[int]]) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, of documents sharing at least MIN_SHARED_KEYS index keys."""
    by_key: dict[int, list[str]] = defaultdict(list)
    for doc_id in sorted(signatures):
        for key in index_keys(signatures[doc_id]):
            by_key[key].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for docs in by_key.values():
        for i, first in enumerate(docs):
            for second in docs[i + 1:]:
                shared[(first, second)] += 1
    return {pair for pair, count in shared.items() if count >= MIN_SHARED_KEYS}


class Groups:
    """Union-find over document ids, giving each group its earliest member as key."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, doc_id: str) -> None:
        self._parent.setdefault(doc_id, doc_id)

    def union(self, first: str, second: str) -> None:
        self.add(first)
        self.add(second)
        a, b = self.find(first), self.find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def find(self, doc_id: str) -> str:
        root = doc_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[doc_id] != root:  # path compression
            self._parent[doc_id], doc_id = root, self._parent[doc_id]
        return root

    def members(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for doc_id in self._parent:
            groups[self.find(doc_id)].append(doc_id)
        return groups


def near_duplicate_groups(signatures: dict[str, Sequence[int]]) -> Groups:
    """These documents grouped with their near-duplicates among them (copies of copies included)."""
    groups = Groups()
    for doc_id in signatures:
        groups.add(doc_id)
    for first, second in shared_key_candidates(signatures):
        if is_near_duplicate(signatures[first], signatures[second]):
            groups.union(first, second)
    return groups


def syndication_keys(groups: Groups, dates: dict[str, str | None]) -> dict[str, str]:
    """doc id -> the id of the earliest document of its group (by publication date, then id)."""
    keys: dict[str, str] = {}
    for members in groups.members().values():
        earliest = min(members, key=lambda d: (_day(dates.get(d)) is None, _day(dates.get(d)) or "", d))
        for doc_id in members:
            keys[doc_id] = earliest
    return keys


def _day(value: str | None) -> str | None:
    return value[:10] if isinstance(value, str) and value else None


__all__ = ["INDEX_KEYS", "MIN_SHARED_KEYS", "NEAR_DUPLICATE", "SIGNATURE_SIZE", "Groups", "index_keys",
           "is_near_duplicate", "near_duplicate_groups", "resemblance", "shared_key_candidates", "shingles", "signature",
           "syndication_keys"]
