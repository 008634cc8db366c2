"""PNG figures for evaluation reports: confusion matrices and a reliability diagram."""
from __future__ import annotations

from pathlib import Path


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    return plt


def confusion_png(block: dict, title: str, path: Path) -> None:
    plt = _pyplot()
    labels, matrix = block["confusion"]["labels"], block["confusion"]["matrix"]
    fig, ax = plt.subplots(figsize=(1.2 * len(labels) + 2.5, 1.0 * len(labels) + 2))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", color="white" if value > top / 2 else "black")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def reliability_png(metrics: dict, path: Path) -> None:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="perfect calibration")
    for task, marker in (("stance", "o"), ("sentiment", "s")):
        bins = metrics[task]["calibration"]["bins"]
        if bins:
            ax.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], marker=marker,
                    label=f"{task} (ECE {metrics[task]['calibration']['ece']:.3f})")
    ax.set_xlabel("confidence (score of the predicted label)")
    ax.set_ylabel("accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    ax.set_title("Reliability")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_plots(metrics: dict, out_dir) -> list[str]:
    out = Path(out_dir)
    names = []
    for task in ("stance", "sentiment"):
        name = f"confusion_{task}.png"
        confusion_png(metrics[task], f"{task} (macro-F1 {metrics[task]['macro_f1']:.3f})", out / name)
        names.append(name)
    reliability_png(metrics, out / "reliability.png")
    return names + ["reliability.png"]
