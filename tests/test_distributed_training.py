"""The Trainer runs under torchrun with two CPU processes (gloo) and writes one model."""
import json
import subprocess
import sys

from .conftest import FIXTURES, write_tiny_config


def test_two_process_training(tmp_path, tiny_encoder_dir):
    config = write_tiny_config(tmp_path / "c.yaml", tiny_encoder_dir, FIXTURES)
    out = tmp_path / "model"
    proc = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", "29517",
         "-m", "actor_stance.cli", "train", "--config", str(config), "--output-dir", str(out), "--max-steps", "2"],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "adapter_model.safetensors").exists()
    results = json.loads((out / "train_results.json").read_text())
    assert results["world_size"] == 2
