"""The multi-task model: a transformer encoder with a stance head and a sentiment head over each actor mention.

Each mention is represented by the [CLS] vector of its sequence concatenated with a pooled vector of the mention:
the hidden state of the start marker (``marking: markers``, one sequence per mention) or the mean over the
mention's tokens (``marking: span``, one sequence per sentence for all its mentions). ``span_mask`` selects the
pooled tokens and ``sequence_index`` says which sequence each mention belongs to, so both designs share this code.

With ``tag_labels`` (span marking only) a third head tags every token (BIO over name, nominal and pronoun), so one
encoder pass over a sentence both finds its actor mentions and gives the states they are pooled from.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from transformers import AutoConfig, AutoModel, PretrainedConfig, PreTrainedModel
from transformers.utils import ModelOutput

DEFAULT_STANCES = ("none", "calls_for_restraint", "threatens_advance", "alert")
DEFAULT_SENTIMENTS = ("negative", "neutral", "positive")
MENTION_TAGS = ("O", "B-name", "I-name", "B-nominal", "I-nominal", "B-pronoun", "I-pronoun")


class ActorStanceConfig(PretrainedConfig):
    model_type = "actor-stance"

    def __init__(self, encoder: dict | None = None, encoder_name_or_path: str | None = None,
                 stance_labels=DEFAULT_STANCES, sentiment_labels=DEFAULT_SENTIMENTS,
                 marking: str = "markers", marker_tokens=("«", "»"), max_seq_length: int = 128,
                 head_dropout: float = 0.1, stance_temperature: float = 1.0, sentiment_temperature: float = 1.0,
                 stance_loss_weights=None, sentiment_loss_weights=None, sentiment_loss_factor: float = 1.0,
                 tag_labels=(), tag_loss_factor: float = 1.0, distill_alpha: float = 1.0,
                 distill_temperature: float = 1.0, int8_skip_modules=(), **kwargs):
        super().__init__(**kwargs)
        if marking not in ("markers", "span"):
            raise ValueError(f"marking must be 'markers' or 'span', not {marking!r}")
        if tag_labels and marking != "span":
            raise ValueError("a mention tagging head needs marking: span (markers would change the tokens)")
        self.encoder = encoder  # the encoder's own config as a dict, so the model builds without weights
        self.encoder_name_or_path = encoder_name_or_path
        self.stance_labels = list(stance_labels)
        self.sentiment_labels = list(sentiment_labels)
        # id2label/label2id follow the stance head, the primary task; the sentiment head has its own pair.
        self.id2label = dict(enumerate(self.stance_labels))
        self.label2id = {label: i for i, label in enumerate(self.stance_labels)}
        self.sentiment_id2label = dict(enumerate(self.sentiment_labels))
        self.sentiment_label2id = {label: i for i, label in enumerate(self.sentiment_labels)}
        self.marking = marking
        self.marker_tokens = list(marker_tokens)
        self.max_seq_length = max_seq_length
        self.head_dropout = head_dropout
        self.stance_temperature = stance_temperature
        self.sentiment_temperature = sentiment_temperature
        self.stance_loss_weights = stance_loss_weights
        self.sentiment_loss_weights = sentiment_loss_weights
        self.sentiment_loss_factor = sentiment_loss_factor
        self.tag_labels = list(tag_labels or [])
        self.tag_loss_factor = tag_loss_factor
        # Distillation: loss = alpha * gold cross-entropy + (1 - alpha) * T^2 * KL(teacher || student at T).
        self.distill_alpha = distill_alpha
        self.distill_temperature = distill_temperature
        # Linear layers that `--quantize` leaves in float: a module whose name contains one of these, as in
        # transformers' `llm_int8_skip_modules`. MPNet's feed-forward down-projections ("output.dense") need it.
        self.int8_skip_modules = list(int8_skip_modules or [])

    def encoder_config(self) -> PretrainedConfig:
        encoder = dict(self.encoder)
        return AutoConfig.for_model(encoder.pop("model_type"), **encoder)


@dataclass
class ActorStanceOutput(ModelOutput):
    loss: torch.Tensor | None = None
    stance_logits: torch.Tensor | None = None
    sentiment_logits: torch.Tensor | None = None
    tag_logits: torch.Tensor | None = None


class ActorStanceModel(PreTrainedModel):
    config_class = ActorStanceConfig
    base_model_prefix = "encoder"
    supports_gradient_checkpointing = True
    _supports_sdpa = True

    def __init__(self, config: ActorStanceConfig, encoder: PreTrainedModel | None = None):
        super().__init__(config)
        self.encoder = encoder if encoder is not None else AutoModel.from_config(config.encoder_config())
        hidden = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(config.head_dropout)
        self.stance_head = nn.Linear(2 * hidden, len(config.stance_labels))
        self.sentiment_head = nn.Linear(2 * hidden, len(config.sentiment_labels))
        self.tag_head = nn.Linear(hidden, len(config.tag_labels)) if config.tag_labels else None
        for head in (self.stance_head, self.sentiment_head, self.tag_head):
            if head is None:
                continue
            nn.init.normal_(head.weight, std=0.02)
            nn.init.zeros_(head.bias)
        self.post_init()

    def _init_weights(self, module):
        # The encoder arrives pretrained (or is initialised by its own class); heads are set in __init__.
        pass

    def encode(self, input_ids, attention_mask):
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def tag(self, hidden):
        """Per-token mention tag logits (None without a tagging head)."""
        return self.tag_head(hidden) if self.tag_head is not None else None

    def classify(self, hidden, span_mask, sequence_index):
        """Stance and sentiment logits for the mentions pooled from ``hidden`` by ``span_mask``."""
        rows = hidden[sequence_index]  # (mentions, length, hidden)
        weights = span_mask.to(rows.dtype)
        pooled = (rows * weights.unsqueeze(-1)).sum(1) / weights.sum(1, keepdim=True).clamp(min=1.0)
        features = self.dropout(torch.cat([rows[:, 0], pooled], dim=-1))
        return self.stance_head(features), self.sentiment_head(features)

    def forward(self, input_ids, attention_mask, span_mask, sequence_index,
                stance_labels=None, sentiment_labels=None, token_tags=None, stance_soft=None, sentiment_soft=None,
                **_):
        hidden = self.encode(input_ids, attention_mask)
        stance_logits, sentiment_logits = self.classify(hidden, span_mask, sequence_index)
        tag_logits = self.tag(hidden)
        loss = None
        if stance_labels is not None or sentiment_labels is not None or token_tags is not None:
            loss = stance_logits.new_zeros(())
            for logits, labels, soft, factor, weights in (
                    (stance_logits, stance_labels, stance_soft, 1.0, self.config.stance_loss_weights),
                    (sentiment_logits, sentiment_labels, sentiment_soft, self.config.sentiment_loss_factor,
                     self.config.sentiment_loss_weights)):
                # A task the teacher labels mixes gold and teacher by alpha; a task it does not, gold alone.
                distilled = soft is not None and bool((soft.sum(-1) > 0).any())
                alpha = self.config.distill_alpha if distilled else 1.0
                if labels is not None and (labels != -100).any():
                    loss = loss + alpha * factor * self._loss(logits, labels, weights)
                if distilled:
                    loss = loss + (1 - alpha) * factor * self._distill_loss(logits, soft)
            if tag_logits is not None and token_tags is not None and (token_tags != -100).any():
                loss = loss + self.config.tag_loss_factor * self._loss(
                    tag_logits.flatten(0, 1), token_tags.flatten(), None)
        return ActorStanceOutput(loss=loss, stance_logits=stance_logits, sentiment_logits=sentiment_logits,
                                 tag_logits=tag_logits)

    def _distill_loss(self, logits, soft):
        """KL divergence from the teacher's softened distribution (rows summing to 0 have no teacher label)."""
        keep = soft.sum(-1) > 0
        if not keep.any():
            return logits.new_zeros(())
        t = self.config.distill_temperature
        log_student = nn.functional.log_softmax(logits[keep] / t, -1)
        return nn.functional.kl_div(log_student, soft[keep].to(log_student.dtype), reduction="batchmean") * t * t

    @staticmethod
    def _loss(logits, labels, weights):
        weight = torch.tensor(weights, dtype=logits.dtype, device=logits.device) if weights else None
        return nn.functional.cross_entropy(logits, labels, weight=weight, ignore_index=-100)
