"""Speed, memory and accuracy of classification on this machine.

    python scripts/benchmark.py [--model DIR] [--threads 2] [--min-mentions 2000] [--quantize] [--rss]
                                [--detector auto|model|rules]

Classifies the test split's articles (repeated until at least --min-mentions mentions are found) end to end
(sentence splitting, mention detection, resolution and the model), and in the same run a naive path: detection
one sentence at a time, then every mention scored with a forward pass of its own, fp32, no batching. Prints mentions/s, documents/s, the ratio and peak
RSS, then re-scores the test split (gold mentions) so an accuracy change shows next to the speed. ``--quantize``
adds dynamic int8 quantisation of the linear layers; ``--rss`` measures the CLI's peak RSS on 100 and 10,000
one-paragraph documents (streaming: memory must not grow with the corpus).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]


def corpus(min_mentions: int) -> list[tuple[str, str]]:
    docs: dict[str, list[str]] = {}
    for line in (ROOT / "data" / "test.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.setdefault(record["doc_id"], []).append(record["text"])
    base = [(doc_id, "\n".join(texts)) for doc_id, texts in docs.items()]
    gold_per_round = sum(len(json.loads(x)["mentions"]) for x in
                         (ROOT / "data" / "test.jsonl").read_text(encoding="utf-8").splitlines())
    rounds = max(1, -(-min_mentions // gold_per_round))
    return [(f"{doc_id}#{r}", text) for r in range(rounds) for doc_id, text in base]


def classify_all(pipe, docs) -> int:
    """The CLI's path: documents classified in chunks, batches filled across documents."""
    return sum(len(records) for records in pipe.classify_documents((doc_id, text, None) for doc_id, text in docs))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def naive_seconds(pipe, docs) -> tuple[float, float]:
    """The naive path: detection one sentence at a time, then one forward pass per mention, no batching.
    Returns (total seconds, of which detection)."""
    from actor_stance.sentences import split_sentences

    batch_size, pipe.batch_size = pipe.batch_size, 1
    detection = scoring = 0.0
    for _, text in docs:
        start = time.perf_counter()
        sentences = split_sentences(text)
        if pipe.tags_mentions:  # the tagging pass also labels; only its spans are kept here
            found = [[m for m, _ in pairs] for pairs in pipe.detect(sentences)]
        else:
            found = pipe.detector.detect(sentences)
        middle = time.perf_counter()
        for sentence, mentions in zip(sentences, found):
            for m in mentions:
                pipe.predict([(sentence.text, [(m.start - sentence.start, m.end - sentence.start)])])
        scoring += time.perf_counter() - middle
        detection += middle - start
    pipe.batch_size = batch_size
    return detection + scoring, detection


def test_scores(pipe) -> dict:
    from actor_stance.data import load_annotated
    from actor_stance.train.evaluation import evaluate_records

    metrics, _ = evaluate_records(pipe, load_annotated(ROOT / "data" / "test.jsonl"), gold_mentions=True)
    return {"stance_macro_f1": round(metrics["stance"]["macro_f1"], 4),
            "sentiment_macro_f1": round(metrics["sentiment"]["macro_f1"], 4)}


def rss_for(n_docs: int, model, detector: str = "auto") -> float:
    """Peak RSS (MB) of the CLI classifying ``n_docs`` short documents from one JSONL file."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        text = "The army declared a state of emergency as rebels vowed to storm the town, the UN said."
        with open(source, "w", encoding="utf-8") as handle:
            for i in range(n_docs):
                handle.write(json.dumps({"id": f"d{i}", "text": f"{text} Report {i}."}) + "\n")
        cmd = [sys.executable, "-c",
               "import resource, sys; from actor_stance.cli import main; code = main(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr); sys.exit(code)",
               "classify", str(source), "-o", str(Path(tmp) / "out.jsonl"), "--no-progress", "--detector", detector]
        if model:
            cmd += ["--model", str(model)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return float(proc.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model directory (default: the shipped model)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--min-mentions", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--quantize", action="store_true", help="also measure dynamic int8 quantisation")
    parser.add_argument("--rss", action="store_true", help="also measure streaming RSS for 100 and 10,000 documents")
    parser.add_argument("--skip-naive", action="store_true", help="time the batched path only")
    parser.add_argument("--detector", choices=("auto", "model", "rules", "union"), default="auto")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    from actor_stance import StancePipeline

    pipe = StancePipeline(args.model, batch_size=args.batch_size, threads=args.threads, detector=args.detector)
    docs = corpus(args.min_mentions)
    pipe(docs[0][1])  # warm-up: spaCy, tokenizer, first forward pass

    start = time.perf_counter()
    n_mentions = classify_all(pipe, docs)
    fast = time.perf_counter() - start

    naive, detection = naive_seconds(pipe, docs) if not args.skip_naive else (float("nan"), float("nan"))

    print(f"machine: {torch.get_num_threads()} torch threads, CPU capability {torch.backends.cpu.get_cpu_capability()}")
    print(f"corpus: {len(docs)} documents, {n_mentions} mentions (test-split articles, repeated)")
    print(f"detector: {'union' if pipe.union else 'the model tagging head' if pipe.tags_mentions else 'spaCy rules'}")
    print(f"end to end (batched): {n_mentions / fast:8.1f} mentions/s  {len(docs) / fast:6.2f} documents/s  "
          f"({fast:.1f} s)")
    if not args.skip_naive:
        print(f"naive (1 pass/mention): {n_mentions / naive:6.1f} mentions/s  ({naive:.1f} s; of which splitting and "
              f"detection one sentence at a time {detection:.1f} s)")
        print(f"speed-up over naive: {naive / fast:.2f}x")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    print(f"test split (gold mentions), fp32: {test_scores(pipe)}")
    if args.quantize:
        from actor_stance.pipeline import quantize_dynamic

        pipe.model = quantize_dynamic(pipe.model)
        start = time.perf_counter()
        n = classify_all(pipe, docs)
        quantized = time.perf_counter() - start
        print(f"int8 dynamic quantisation: {n / quantized:8.1f} mentions/s; test split: {test_scores(pipe)}")
    if args.rss:
        small, large = rss_for(100, args.model, args.detector), rss_for(10_000, args.model, args.detector)
        print(f"CLI peak RSS: 100 documents {small:.0f} MB, 10,000 documents {large:.0f} MB "
              f"({(large / small - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
