"""Maximum-weight one-to-one matching between predictions and gold events (Hungarian method)."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def max_weight_matching(n_left: int, n_right: int,
                        weight: Callable[[int, int], int]) -> list[tuple[int, int]]:
    """Pairs (left, right) maximising the total of `weight`; a weight <= 0 means "may not pair".

    The graph is split into connected components first: documents are small, but one with many
    predictions would otherwise pay the cubic cost on the whole matrix.
    """
    edges: dict[int, dict[int, int]] = {}
    for i in range(n_left):
        for j in range(n_right):
            w = weight(i, j)
            if w > 0:
                edges.setdefault(i, {})[j] = w
    pairs: list[tuple[int, int]] = []
    for lefts, rights in _components(edges):
        matrix = [[edges[i].get(j, 0) for j in rights] for i in lefts]
        for a, b in _hungarian_max(matrix):
            if matrix[a][b] > 0:
                pairs.append((lefts[a], rights[b]))
    return sorted(pairs)


def _components(edges: dict[int, dict[int, int]]) -> list[tuple[list[int], list[int]]]:
    by_right: dict[int, list[int]] = {}
    for i, row in edges.items():
        for j in row:
            by_right.setdefault(j, []).append(i)
    seen_left: set[int] = set()
    seen_right: set[int] = set()
    components = []
    for start in sorted(edges):
        if start in seen_left:
            continue
        lefts, rights, stack = [], [], [start]
        seen_left.add(start)
        while stack:
            i = stack.pop()
            lefts.append(i)
            for j in edges[i]:
                if j in seen_right:
                    continue
                seen_right.add(j)
                rights.append(j)
                for k in by_right[j]:
                    if k not in seen_left:
                        seen_left.add(k)
                        stack.append(k)
        components.append((sorted(lefts), sorted(rights)))
    return components


def _hungarian_max(matrix: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Assignment maximising the sum of integer weights; returns (row, column) pairs."""
    rows, cols = len(matrix), len(matrix[0])
    if rows > cols:
        return [(r, c) for c, r in _hungarian_max([list(col) for col in zip(*matrix)])]
    # Classic potentials formulation on costs = -weight, 1-indexed; exact with integers.
    inf = float("inf")
    u = [0] * (rows + 1)
    v = [0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[column] = row assigned to it (0 = none)
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        col0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[col0] = True
            i0, delta, col1 = owner[col0], inf, 0
            for col in range(1, cols + 1):
                if used[col]:
                    continue
                cur = -matrix[i0 - 1][col - 1] - u[i0] - v[col]
                if cur < minv[col]:
                    minv[col], way[col] = cur, col0
                if minv[col] < delta:
                    delta, col1 = minv[col], col
            for col in range(cols + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    return [(owner[col] - 1, col - 1) for col in range(1, cols + 1) if owner[col]]
