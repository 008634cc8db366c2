"""Scoring a model against a labeled set; ``metrics.json`` is a stable interface other tools read.

With gold mentions the model labels the gold spans (pure stance and sentiment scores). Without, the whole
pipeline runs on each article (its sentences joined in order), predicted mentions are matched to gold ones by
exact span, a missed gold mention counts as wrong and a spurious one as a false positive of its predicted label.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from .calibration import expected_calibration_error, reliability

MISSED, SPURIOUS = "<missed>", "<spurious>"


def label_metrics(gold: list[str], pred: list[str], labels: list[str]) -> dict:
    """Macro-F1 over ``labels``, accuracy over all pairs, per-class figures and the confusion matrix."""
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    per_class = {label: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                 for i, label in enumerate(labels)}
    extra = [x for x in (MISSED, SPURIOUS) if x in gold or x in pred]
    all_labels = list(labels) + extra
    matrix = confusion_matrix(gold, pred, labels=all_labels).tolist() if gold else []
    accuracy = sum(g == q for g, q in zip(gold, pred)) / len(gold) if gold else 0.0
    return {"macro_f1": float(f.mean()) if len(f) else 0.0, "accuracy": accuracy, "per_class": per_class,
            "confusion": {"labels": all_labels, "matrix": matrix}}


def group_documents(records: list[dict]) -> list[tuple[str, list[dict]]]:
    """Records grouped by ``doc_id`` in file order (a record without one is an article of its own)."""
    docs: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        docs[str(record.get("doc_id") or f"__{record['id']}")].append(record)
    return list(docs.items())


def evaluate_records(pipeline, records: list[dict], gold_mentions: bool = True, progress=None) -> dict:
    """Score ``pipeline`` on labeled records; returns the metrics dict and the per-mention pairs."""
    stance_labels, sentiment_labels = pipeline.stance_labels, pipeline.sentiment_labels
    pairs = []  # (record, gold mention or None, predicted dict or None)
    mention_counts = {"tp": 0, "fp": 0, "fn": 0}
    if gold_mentions:
        items = [(r["text"], [(m["start"], m["end"]) for m in r["mentions"]]) for r in records]
        predictions = pipeline.predict(items)
        for record, preds in zip(records, predictions):
            for mention, pred in zip(record["mentions"], preds):
                pairs.append((record, mention, {"stance": pred.stance, "sentiment": pred.sentiment,
                                                "stance_score": pred.stance_score,
                                                "stance_probs": pred.stance_probs,
                                                "sentiment_score": pred.sentiment_score,
                                                "sentiment_probs": pred.sentiment_probs}))
    else:
        for doc_id, doc_records in (progress or (lambda x: x))(group_documents(records)):
            text, offsets = "", []
            for record in doc_records:
                offsets.append(len(text))
                text += record["text"] + "\n"
            predicted = pipeline.classify_document(doc_id, text)
            for record, offset in zip(doc_records, offsets):
                end = offset + len(record["text"])
                pred_spans = {}
                for p in predicted:
                    if offset <= p["start"] < end:
                        p["start_in_sentence"], p["end_in_sentence"] = p["start"] - offset, p["end"] - offset
                        pred_spans[(p["start_in_sentence"], p["end_in_sentence"])] = p
                gold_spans = {(m["start"], m["end"]): m for m in record["mentions"]}
                for span, mention in gold_spans.items():
                    pairs.append((record, mention, pred_spans.get(span)))
                for span, pred in pred_spans.items():
                    if span not in gold_spans:
                        pairs.append((record, None, pred))
                mention_counts["tp"] += len(gold_spans.keys() & pred_spans.keys())
                mention_counts["fp"] += len(pred_spans.keys() - gold_spans.keys())
                mention_counts["fn"] += len(gold_spans.keys() - pred_spans.keys())
    metrics = {"n_sentences": len(records), "n_mentions": sum(len(r["mentions"]) for r in records),
               "mentions": None}
    if not gold_mentions:
        tp, fp, fn = mention_counts["tp"], mention_counts["fp"], mention_counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics["mentions"] = {"precision": precision, "recall": recall, "f1": f1}
    if not gold_mentions:
        metrics["actors"] = actor_metrics(pairs)
    for task, labels in (("stance", stance_labels), ("sentiment", sentiment_labels)):
        gold = [m[task] if m else SPURIOUS for _, m, _ in pairs]
        pred = [p[task] if p else MISSED for _, _, p in pairs]
        metrics[task] = label_metrics(gold, pred, labels)
        add_confidence_intervals(metrics[task], [r.get("id") for r, _, _ in pairs], gold, pred, labels)
        matched = [(m[task], p[task], p[f"{task}_score"]) for _, m, p in pairs if m and p]
        confidence = [score for _, _, score in matched]
        correct = [g == q for g, q, _ in matched]
        metrics[task]["calibration"] = {"ece": expected_calibration_error(confidence, correct),
                                        "bins": reliability(confidence, correct)}
    return metrics, pairs


def add_confidence_intervals(block: dict, groups, gold, pred, labels, n_boot: int = 1000, seed: int = 0) -> None:
    """Bootstrap 95 % intervals, resampling sentences (``groups``), for macro-F1, accuracy and per-class F1."""
    if not gold:
        return
    codes = {label: i for i, label in enumerate(labels)}
    extra = len(labels)  # every pseudo-label (missed, spurious) shares one code outside the label set
    g = np.array([codes.get(x, extra) for x in gold])
    p = np.array([codes.get(x, extra + 1) for x in pred])  # a missed mention is never right
    index: dict = defaultdict(list)
    for i, group in enumerate(groups):
        index[group].append(i)
    members = [np.array(v) for v in index.values()]
    rng = np.random.default_rng(seed)
    macro, accuracy, per_class = [], [], []
    k = len(labels)
    for _ in range(n_boot):
        rows = np.concatenate([members[j] for j in rng.integers(0, len(members), len(members))])
        gs, ps = g[rows], p[rows]
        tp = np.bincount(gs[gs == ps], minlength=k + 2)[:k].astype(float)
        n_pred = np.bincount(ps, minlength=k + 2)[:k]
        n_gold = np.bincount(gs, minlength=k + 2)[:k]
        precision = np.divide(tp, n_pred, out=np.zeros(k), where=n_pred > 0)
        recall = np.divide(tp, n_gold, out=np.zeros(k), where=n_gold > 0)
        f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=precision + recall > 0)
        macro.append(f1.mean())
        accuracy.append((gs == ps).mean())
        per_class.append(f1)
    def interval(values):
        return [float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))]

    block["ci95"] = {"macro_f1": interval(macro), "accuracy": interval(accuracy)}
    per_class = np.array(per_class)
    for i, label in enumerate(labels):
        block["per_class"][label]["ci95"] = interval(per_class[:, i])


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": n_gold}


def actor_metrics(pairs) -> dict:
    """Detection per mention type (exact and overlapping spans) and canonical-actor accuracy.

    A predicted mention's type is the detector's own; recall per type counts gold mentions of that type.
    ``canonical_accuracy`` compares actor names (case, a leading "the" and the order of a joint actor's members
    ignored) with the gold names of the
    project's naming convention (train/actors.py), ``annotated_name_accuracy`` with the annotators' own spelling
    (``actor_as_annotated``, where the data has it); ``cluster_accuracy``
    maps each predicted actor of a document to the gold actor most of its mentions have, so it scores whether
    mentions were grouped right even where the two name the actor differently ("Sudan's army" / "SAF").
    """
    by_record = defaultdict(lambda: ([], []))
    for record, gold, pred in pairs:
        if gold:
            by_record[record["id"]][0].append(gold)
        if pred:
            by_record[record["id"]][1].append(pred)
    result = {}
    for match in ("exact", "overlap"):
        counts = defaultdict(lambda: [0, 0, 0])  # type -> tp, n_pred, n_gold
        for golds, preds in by_record.values():
            for g in golds:
                counts[g.get("type", "name")][2] += 1
            for p in preds:
                kind = p.get("type", "name")
                counts[kind][1] += 1
                hit = any((g["start"], g["end"]) == (p["start_in_sentence"], p["end_in_sentence"]) if match == "exact"
                          else g["start"] < p["end_in_sentence"] and p["start_in_sentence"] < g["end"]
                          for g in golds if g.get("type", "name") == kind)
                counts[kind][0] += hit
        result[match] = {kind: _prf(*counts[kind]) for kind in ("name", "nominal", "pronoun")}
    matched = [(record, gold, pred) for record, gold, pred in pairs if gold and pred]

    def norm(name):  # a joint actor is a set: "Morocco and Polisario Front" is "Polisario Front and Morocco"
        members = re.split(r",\s*(?:and\s+)?|\s+and\s+", " ".join(str(name or "").lower().split()))
        return frozenset(member.removeprefix("the ") for member in members)

    canonical = sum(norm(g["actor"]) == norm(p["actor"]) for _, g, p in matched if "actor" in g)
    as_annotated = sum(norm(g.get("actor_as_annotated", g.get("actor"))) == norm(p["actor"]) for _, g, p in matched)
    votes = defaultdict(lambda: defaultdict(int))
    for record, gold, pred in matched:
        votes[(record.get("doc_id"), pred["actor"])][gold.get("actor")] += 1
    clustered = sum(max(v.values()) for v in votes.values())
    n = len(matched)
    result["canonical_accuracy"] = canonical / n if n else 0.0
    result["annotated_name_accuracy"] = as_annotated / n if n else 0.0  # the annotators' own spelling
    result["cluster_accuracy"] = clustered / n if n else 0.0
    result["matched_mentions"] = n
    return result


def format_report(metrics: dict, title: str) -> str:
    lines = [f"# {title}", "", f"sentences: {metrics['n_sentences']}   gold mentions: {metrics['n_mentions']}"]
    if metrics.get("mentions"):
        m = metrics["mentions"]
        lines.append(f"mention detection (exact span): P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    if metrics.get("actors"):
        a = metrics["actors"]
        for match in ("exact", "overlap"):
            lines.append(f"  {match:<8}" + "  ".join(f"{kind} F1 {a[match][kind]['f1']:.3f}"
                                                    for kind in ("name", "nominal", "pronoun")))
        lines.append(f"  canonical actor accuracy {a['canonical_accuracy']:.3f}   "
                     f"(annotators' spelling {a.get('annotated_name_accuracy', float('nan')):.3f})   "
                     f"cluster accuracy {a['cluster_accuracy']:.3f}   ({a['matched_mentions']} matched mentions)")
    for task in ("stance", "sentiment"):
        block = metrics[task]
        ci = block.get("ci95", {}).get("macro_f1", [float("nan")] * 2)
        lines += ["", f"{task}: macro-F1 {block['macro_f1']:.3f} (95% CI {ci[0]:.3f}-{ci[1]:.3f})   "
                      f"accuracy {block['accuracy']:.3f}   ECE {block['calibration']['ece']:.3f}",
                  f"  {'label':<22}{'precision':>10}{'recall':>10}{'f1':>10}{'f1 95% CI':>15}{'support':>9}"]
        for label, row in block["per_class"].items():
            lo, hi = row.get("ci95", [float("nan")] * 2)
            lines.append(f"  {label:<22}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}"
                         f"{f'{lo:.3f}-{hi:.3f}':>15}{row['support']:>9}")
    return "\n".join(lines) + "\n"


def write_outputs(metrics: dict, pairs, out_dir, title: str) -> str:
    """Write metrics.json, report.md and errors.jsonl into ``out_dir``; return the report text."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    from .plots import write_plots

    report = format_report(metrics, title)
    figures = write_plots(metrics, out)
    report += "\n" + "\n".join(f"![{name}]({name})" for name in figures) + "\n"
    report += "\nErrors (gold and predicted labels with the sentence): `errors.jsonl`.\n"
    (out / "report.md").write_text(report, encoding="utf-8")
    with open(out / "errors.jsonl", "w", encoding="utf-8") as handle:
        for record, gold, pred in pairs:
            if gold and pred and gold["stance"] == pred["stance"] and gold["sentiment"] == pred["sentiment"]:
                continue
            handle.write(json.dumps({
                "id": record.get("id"), "mention": (gold or pred).get("text") or (pred or {}).get("mention"),
                "start": (gold or {}).get("start", (pred or {}).get("start")),
                "gold_stance": gold["stance"] if gold else SPURIOUS,
                "pred_stance": pred["stance"] if pred else MISSED,
                "gold_sentiment": gold["sentiment"] if gold else SPURIOUS,
                "pred_sentiment": pred["sentiment"] if pred else MISSED,
                "sentence": record["text"]}, ensure_ascii=False) + "\n")
    return report
