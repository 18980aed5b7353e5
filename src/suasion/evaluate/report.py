"""Renders Scores as a plain-text report (per-type table, summary, optional error lists)."""

from __future__ import annotations

from suasion.evaluate.scoring import Scores


def format_scores(scores: Scores, details: bool = False) -> str:
    lines = [f"{'type':<10} {'gold':>5} {'found':>5} {'recall':>7}  {'pred':>5} {'right':>5} "
             f"{'precision':>9} {'f1':>6}"]
    for name, row in scores.per_type.items():
        lines.append(f"{name:<10} {row.gold:>5} {row.gold_matched:>5} {row.recall:>7.3f}  "
                     f"{row.predicted:>5} {row.predicted_correct:>5} {row.precision:>9.3f} {row.f1:>6.3f}")
    lines.append(f"{'all':<10} {scores.tp + scores.fn:>5} {scores.tp:>5} {scores.recall:>7.3f}  "
                 f"{scores.tp + scores.fp:>5} {scores.tp:>5} {scores.precision:>9.3f} {scores.f1:>6.3f}")
    lines.append("")
    lines.append(f"documents {scores.docs}; predictions for documents not in the gold: "
                 f"{scores.ignored_predictions} (ignored)")
    lines.append(f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  F1 {scores.f1:.3f}  "
                 f"(TP {scores.tp}, FP {scores.fp}, FN {scores.fn}; "
                 f"{scores.set_aside} set aside on optional gold)")
    lines.append(f"modality accuracy {_share(scores.modality_correct, scores.tp)} of matched pairs")
    lines.append(f"date accuracy {_share(scores.date_correct, scores.tp)} of matched pairs; "
                 f"{scores.dated_pairs} pairs had a gold date, {scores.dated_correct} of them right")
    lines.append(f"actor-code accuracy {_share(scores.actor_correct, scores.actor_checked)} of "
                 f"predictions whose type and one party match a gold event")
    lines.append(f"top-1 type accuracy {_share(scores.top1_correct, scores.top1_docs)} of documents "
                 f"with a required gold event")
    if details:
        lines.append("")
        lines.append(f"missed gold ({len(scores.missed)}):")
        lines += [f"  {m['doc']}  {m['type']}  {_pair(m)}  \"{_clip(m['quote'])}\"" for m in scores.missed]
        lines.append(f"spurious predictions ({len(scores.spurious)}):")
        lines += [f"  {s['doc']}  {s['type']}  {_pair(s)}  \"{_clip(s['sentence'])}\"" for s in scores.spurious]
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a (0/0)"


def _pair(item: dict) -> str:
    return f"{item['actor'] or '?'} -> {item['recipient'] or '-'}"


def _clip(text: str, width: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 3] + "..."
