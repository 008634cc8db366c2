import json

import pytest
import torch

from actor_stance.encoding import MentionEncoder, collate
from actor_stance.errors import InputError
from actor_stance.loading import add_lora, build_model, check_model_dir, load_model, save_model


@pytest.fixture()
def fresh(tiny_encoder_dir):
    torch.manual_seed(0)
    return build_model(str(tiny_encoder_dir), stance_labels=["none", "a", "b"], sentiment_labels=["neg", "pos"])


def batch_for(tokenizer, marking="markers"):
    encoder = MentionEncoder(tokenizer, marking, max_length=64)
    seqs = encoder.encode("Haftar ordered troops to advance while Guterres urged calm.", [(0, 6), (39, 47)])
    return collate([{"input_ids": s.input_ids, "pools": s.pools} for s in seqs])


def test_config_carries_the_label_sets(fresh):
    model, _ = fresh
    assert model.config.id2label == {0: "none", 1: "a", 2: "b"}
    assert model.config.sentiment_label2id == {"neg": 0, "pos": 1}
    assert model.stance_head.out_features == 3 and model.sentiment_head.out_features == 2


@pytest.mark.parametrize("marking", ["markers", "span"])
def test_one_row_of_logits_per_mention(fresh, marking):
    model, tokenizer = fresh
    out = model(**batch_for(tokenizer, marking))
    assert out.stance_logits.shape == (2, 3) and out.sentiment_logits.shape == (2, 2)


def test_masked_labels_do_not_count(fresh):
    model, tokenizer = fresh
    model.eval()
    batch = batch_for(tokenizer)
    both = model(**batch, stance_labels=torch.tensor([1, 2]), sentiment_labels=torch.tensor([-100, -100])).loss
    stance_only = model(**batch, stance_labels=torch.tensor([1, 2])).loss
    assert torch.isclose(both, stance_only)
    nothing = model(**batch, stance_labels=torch.tensor([-100, -100]), sentiment_labels=torch.tensor([-100, -100]))
    assert nothing.loss.item() == 0.0


@pytest.mark.parametrize("lora", [True, False])
def test_save_and_load_give_the_same_scores(fresh, tmp_path, lora):
    model, tokenizer = fresh
    if lora:
        model = add_lora(model, r=4, alpha=8, dropout=0.0)
        for name, param in model.named_parameters():
            if "lora_B" in name:  # LoRA starts as a no-op; make it matter so the round trip is tested
                torch.nn.init.normal_(param, std=0.5)
    model.eval()
    batch = batch_for(tokenizer)
    expected = model(**batch).stance_logits
    save_model(model, tokenizer, tmp_path)
    assert (tmp_path / ("adapter_model.safetensors" if lora else "model.safetensors")).exists()
    assert not list(tmp_path.glob("*.bin")) and not list(tmp_path.glob("*.pt"))
    loaded, _ = load_model(tmp_path)
    assert torch.allclose(loaded(**batch).stance_logits, expected, atol=1e-5)
    assert json.loads((tmp_path / "config.json").read_text())["stance_labels"] == ["none", "a", "b"]


def test_model_dir_checks(fresh, tmp_path):
    model, tokenizer = fresh
    save_model(model, tokenizer, tmp_path)
    with pytest.raises(InputError, match="model directory not found"):
        check_model_dir(tmp_path / "missing")
    config = json.loads((tmp_path / "config.json").read_text())
    config["stance_labels"] = ["none", "a"]
    (tmp_path / "config.json").write_text(json.dumps(config))
    with pytest.raises(InputError, match="lists 2 labels but the weights have 3"):
        check_model_dir(tmp_path)
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(InputError, match="corrupt or truncated"):
        check_model_dir(tmp_path)
