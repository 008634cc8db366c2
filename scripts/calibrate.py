"""Fit temperature scaling for an existing model directory on a labeled set (default: dev) and store it.

    python scripts/calibrate.py model/default [--data data/dev.jsonl]
"""
import argparse
from pathlib import Path

from actor_stance.data import load_annotated
from actor_stance.pipeline import StancePipeline
from actor_stance.train.calibration import calibrate

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--data", default=str(ROOT / "data" / "dev.jsonl"))
    args = parser.parse_args()
    pipeline = StancePipeline(args.model)
    pipeline.model.config.stance_temperature = pipeline.model.config.sentiment_temperature = 1.0
    temperatures = calibrate(pipeline, load_annotated(args.data, pipeline.stance_labels, pipeline.sentiment_labels))
    pipeline.model.config.save_pretrained(args.model)
    print(f"{args.model}: temperatures {temperatures}")
