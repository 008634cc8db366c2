"""The ``actor-stance`` command: classify, train, evaluate, validate.

A user error prints one line, ``actor-stance: error: <file>: <what is wrong>``, and exits with status 2;
``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import InputError

PROG = "actor-stance"


def _fail(message: str, code: int = 2):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Stance and sentiment of actors in conflict news.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", required=True)

    c = sub.add_parser("classify", help="label every actor mention in articles")
    c.add_argument("inputs", nargs="+", help="a .txt article, a folder of .txt, a .jsonl of {id, text}, or -")
    c.add_argument("-o", "--output", help="output file (default: stdout)")
    c.add_argument("--format", choices=("jsonl", "csv"), help="default: from the output's extension, else jsonl")
    c.add_argument("--model", help="model directory (default: the model shipped with the package)")
    c.add_argument("--mentions", help="JSONL of {doc_id, start, end[, actor]}: classify these spans instead")
    c.add_argument("--html", help="also write a self-contained HTML page of the classified articles")
    c.add_argument("--gazetteer", help="actors YAML (default: the shipped configs/actors.yaml)")
    c.add_argument("--detector", choices=("auto", "model", "rules", "union"), default="auto",
                   help="how mentions are found: the model's tagging head, spaCy rules, both (union), or auto "
                        "(the head if the model has one)")
    c.add_argument("--quantize", action="store_true", help="int8 linear layers (faster on CPU)")
    c.add_argument("--batch-size", type=int, default=32)
    c.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    c.add_argument("--strict", action="store_true", help="stop at the first bad document")
    c.add_argument("--shard", help="K/N: classify only the K-th of N deterministic parts of the input")
    c.add_argument("--resume", action="store_true",
                   help="append to an existing output, skipping documents it already holds")
    c.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    c.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    t = sub.add_parser("train", help="fine-tune a model from a YAML config")
    t.add_argument("--config", default="configs/default.yaml")
    t.add_argument("--output-dir", help="overrides training.output_dir")
    t.add_argument("--epochs", type=float)
    t.add_argument("--max-steps", type=int)
    t.add_argument("--seed", type=int)
    t.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    e = sub.add_parser("evaluate", help="score a model against a labeled set (ANNOTATION.md schema)")
    e.add_argument("--data", required=True, help="labeled JSONL")
    e.add_argument("-o", "--output-dir", help="write metrics.json, report.md and errors.jsonl here")
    e.add_argument("--model", help="model directory (default: the shipped model)")
    e.add_argument("--gold-mentions", action="store_true", help="classify the gold spans (no detection)")
    e.add_argument("--gazetteer")
    e.add_argument("--detector", choices=("auto", "model", "rules", "union"), default="auto")
    e.add_argument("--quantize", action="store_true", help="int8 linear layers (faster on CPU)")
    e.add_argument("--batch-size", type=int, default=32)
    e.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    v = sub.add_parser("validate", help="check labeled JSONL files against the ANNOTATION.md schema")
    v.add_argument("files", nargs="+")
    v.add_argument("--stance-labels", default="none,calls_for_restraint,threatens_advance,alert",
                   help="comma-separated known stance labels")
    v.add_argument("--sentiment-labels", default="negative,neutral,positive",
                   help="comma-separated known sentiment labels")
    v.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _quiet_libraries() -> None:
    """Loading bars and warnings from transformers would bury our one-line messages on stderr."""
    import logging
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning)
    logging.getLogger("transformers").setLevel(logging.ERROR)
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "validate":
        _quiet_libraries()
    try:
        return {"classify": cmd_classify, "train": cmd_train, "evaluate": cmd_evaluate,
                "validate": cmd_validate}[args.command](args)
    except InputError as err:
        if args.debug:
            raise
        return _fail(f"{err.source}: {err.message}")
    except KeyboardInterrupt:
        if args.debug:
            raise
        return _fail("interrupted; records written so far are complete", 130)
    except BrokenPipeError:
        return 0


def cmd_classify(args) -> int:
    from .classify import run_classify

    return run_classify(args)


def cmd_train(args) -> int:
    from actor_stance.train.train import main as train_main

    summary = train_main(args.config, output_dir=args.output_dir, epochs=args.epochs, max_steps=args.max_steps,
                         seed=args.seed)
    print(json.dumps(summary, indent=2))
    return 0


def cmd_evaluate(args) -> int:
    from actor_stance.train.evaluation import evaluate_records, format_report, write_outputs

    from .data import load_annotated
    from .pipeline import StancePipeline

    pipeline = StancePipeline(args.model, gazetteer=args.gazetteer, batch_size=args.batch_size,
                              detector=args.detector, quantize=args.quantize)
    records = load_annotated(args.data, pipeline.stance_labels, pipeline.sentiment_labels)
    metrics, pairs = evaluate_records(pipeline, records, gold_mentions=args.gold_mentions)
    title = f"{Path(args.data).name} ({'gold mentions' if args.gold_mentions else 'detected mentions'})"
    if args.output_dir:
        report = write_outputs(metrics, pairs, args.output_dir, title)
    else:
        report = format_report(metrics, title)
    print(report, end="")
    return 0


def cmd_validate(args) -> int:
    from .data import read_jsonl, validate_records

    bad = 0
    for name in args.files:
        problems = validate_records(read_jsonl(name), name, args.stance_labels.split(","),
                                    args.sentiment_labels.split(","))
        for problem in problems:
            print(problem, file=sys.stderr)
        bad += bool(problems)
        print(f"{name}: {'ok' if not problems else f'{len(problems)} problems'}")
    return 2 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
