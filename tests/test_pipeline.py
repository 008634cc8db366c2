"""The pipeline's model-level options: int8 quantisation."""
import torch

from actor_stance.loading import build_model
from actor_stance.pipeline import quantize_dynamic


def _quantised_error(tiny_encoder_dir, skip):
    """Relative error of the encoder output after int8, with one feed-forward unit firing 1,000x its peers
    (the kind of activation outlier MPNet's down-projections receive)."""
    torch.manual_seed(0)
    model, tokenizer = build_model(str(tiny_encoder_dir), int8_skip_modules=skip)
    model.eval()
    with torch.no_grad():
        for layer in model.encoder.encoder.layer:
            layer.intermediate.dense.bias[0] = 1000.0
            layer.output.dense.weight *= 10  # a feed-forward block that matters to the output
            layer.output.dense.weight[:, 0] *= 1e-4  # and an outlier that carries no more signal than its peers
    ids = torch.tensor([tokenizer("Haftar ordered troops to advance on Tripoli.")["input_ids"]])
    mask = torch.ones_like(ids)
    quantised = quantize_dynamic(model)
    with torch.no_grad():
        exact, approximate = model.encode(ids, mask), quantised.encode(ids, mask)
    return float((approximate - exact).norm() / exact.norm()), quantised


def test_layers_named_in_the_config_stay_in_float(tiny_encoder_dir):
    _, quantised = _quantised_error(tiny_encoder_dir, ["output.dense"])
    kinds = {name: type(module) for name, module in quantised.named_modules() if name.endswith("dense")
             or name.endswith("_head")}
    assert kinds["encoder.encoder.layer.0.output.dense"] is torch.nn.Linear
    assert kinds["encoder.encoder.layer.0.intermediate.dense"] is torch.ao.nn.quantized.dynamic.Linear
    assert kinds["stance_head"] is torch.ao.nn.quantized.dynamic.Linear


def test_an_outlier_activation_spoils_int8_unless_its_layer_stays_in_float(tiny_encoder_dir):
    everything, _ = _quantised_error(tiny_encoder_dir, [])
    skipped, _ = _quantised_error(tiny_encoder_dir, ["output.dense"])
    assert skipped < 0.01 and everything > 0.05
