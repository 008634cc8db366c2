"""A self-contained HTML page of classified articles: every actor mention highlighted by stance.

One file, nothing fetched from the network (inline CSS, a few lines of optional inline JS, a Content-Security-Policy
that forbids any external load). Every piece of user text (article text, doc ids, actor names, labels) goes through
``html.escape`` -- in element content and in attributes alike -- so an article can never inject markup or script.

Layout: a sticky legend (one colour per stance label, the sentiment markers, the actor chips), an index with one row
per article (link and counts per stance), then each article in a ``<details>`` block with its mentions highlighted
and a table of its actors underneath.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from .errors import InputError

# Colour-blind-friendly colours (Paul Tol's "bright" scheme): distinct in hue *and* lightness, so red, blue and
# yellow stay apart under deuteranopia, protanopia and tritanopia. ``none`` is a light grey.
KNOWN_COLOURS = {
    "threatens_advance": "#EE6677",  # red
    "calls_for_restraint": "#4477AA",  # blue
    "alert": "#CCBB44",  # yellow
    "none": "#BBBBBB",  # grey
}
EXTRA_COLOURS = ["#228833", "#66CCEE", "#AA3377", "#EE7733", "#009988", "#997700"]
NONE_LABELS = {"none", "other", "no_stance"}
SENTIMENT_MARKS = {"positive": "+", "neutral": "0", "negative": "\u2212"}  # U+2212 minus sign
SENTIMENT_ORDER = ["positive", "neutral", "negative"]
OPEN_ALL_UP_TO = 5  # up to this many articles, all are open; beyond it, only the first OPEN_FIRST
OPEN_FIRST = 3

_NL = r"(?:\r\n|\r|\n)"
_BLANK_LINE = re.compile(_NL + r"[ \t]*" + _NL)
_PARA_BLANK = re.compile(r"[ \t]*" + _NL + r"(?:[ \t]*" + _NL + r")+[ \t]*")
_PARA_SINGLE = re.compile(r"[ \t]*" + _NL + r"[ \t]*")
_NEWLINE = re.compile(_NL)


def _e(value) -> str:
    """Escape anything for element content and for quoted attribute values."""
    return escape("" if value is None else str(value), quote=True)


def _mix(colour: str, weight: float) -> str:
    """``colour`` mixed with white: weight 1 is the colour itself, 0 is white."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * weight):02x}" for c in (r, g, b))


def _scored(label: str, value) -> str:
    """``label (0.93)``, or just the label when there is no usable score."""
    try:
        return f"{label} ({float(value):.2f})"
    except (TypeError, ValueError):
        return label


class _Labels:
    """Stance labels -> safe CSS class names and colours."""

    def __init__(self, stance_labels, records):
        labels = [str(label) for label in stance_labels]
        for record in records:  # a stance the caller did not list still gets a colour and a legend entry
            label = str(record.get("stance", ""))
            if label not in labels:
                labels.append(label)
        self.labels = list(dict.fromkeys(labels))
        self.css: dict[str, str] = {}
        self.colour: dict[str, str] = {}
        used_classes: set[str] = set()
        extras = iter(EXTRA_COLOURS * (1 + len(self.labels) // len(EXTRA_COLOURS)))
        for i, label in enumerate(self.labels):
            name = "st-" + (re.sub(r"[^A-Za-z0-9_-]", "_", label) or "_")
            if name in used_classes:
                name = f"{name}-{i}"
            used_classes.add(name)
            self.css[label] = name
            if label in KNOWN_COLOURS:
                self.colour[label] = KNOWN_COLOURS[label]
            elif label.lower() in NONE_LABELS:
                self.colour[label] = KNOWN_COLOURS["none"]
            else:
                self.colour[label] = next(extras)

    def style(self) -> str:
        rules = []
        for label in self.labels:
            colour, cls = self.colour[label], self.css[label]
            light = label.lower() in NONE_LABELS
            tint = _mix(colour, 0.35 if light else 0.5)
            rules.append(f".{cls}{{--c:{colour};--t:{tint}}}")
            if light:  # no stance: quiet, a dotted grey line instead of a solid colour bar
                rules.append(f"mark.{cls}{{border-bottom-style:dotted;border-bottom-color:#999}}")
        return "\n".join(rules)


def _sentiment_mark(label: str) -> str:
    return SENTIMENT_MARKS.get(label, (label[:1] or "?").upper())


def _sentiment_class(label: str) -> str:
    return "se-" + (re.sub(r"[^A-Za-z0-9_-]", "_", label) or "_")


def _actor_key(record: dict, text: str) -> str:
    actor = record.get("actor")
    if actor is None or str(actor).strip() == "":
        actor = record.get("mention") or text[record["start"]:record["end"]]
    return str(actor)


def _offset(value):
    try:
        return int(value) if not isinstance(value, bool) and float(value) == int(value) else None
    except (TypeError, ValueError):
        return None


def _valid_spans(text: str, records: list[dict]) -> list[dict]:
    """Records with usable offsets, sorted, without overlaps (defensive: the pipeline never produces those).

    Offsets read back from a CSV file arrive as strings; they are turned into integers on a copy of the record.
    """
    good = []
    for record in records:
        start, end = _offset(record.get("start")), _offset(record.get("end"))
        if start is not None and end is not None and 0 <= start < end <= len(text):
            good.append({**record, "start": start, "end": end})
    spans, last_end = [], 0
    for record in sorted(good, key=lambda r: (r["start"], r["end"])):
        if record["start"] >= last_end:
            spans.append(record)
            last_end = record["end"]
    return spans


def _plain(text: str, para: re.Pattern) -> str:
    """Escaped text outside mentions; paragraph breaks close one <p> and open the next."""
    pieces = para.split(text)
    return "</p>\n<p>".join(_NEWLINE.sub("<br>", _e(piece)) for piece in pieces)


class _Document:
    def __init__(self, index: int, doc_id: str, text: str, records: list[dict], labels: _Labels):
        self.index, self.doc_id, self.text, self.labels = index, str(doc_id), text, labels
        self.anchor = f"doc-{index + 1}"
        self.spans = _valid_spans(text, records)
        self.actor_number: dict[str, int] = {}
        self.actor_records: dict[str, list[dict]] = defaultdict(list)
        for record in self.spans:
            key = _actor_key(record, text)
            self.actor_number.setdefault(key, len(self.actor_number) + 1)
            self.actor_records[key].append(record)
        self.stance_counts = Counter(str(r.get("stance", "")) for r in self.spans)

    # -- pieces -------------------------------------------------------------------------------------------
    def mark(self, record: dict) -> str:
        stance, sentiment = str(record.get("stance", "")), str(record.get("sentiment", ""))
        actor = _actor_key(record, self.text)
        number = self.actor_number[actor]
        surface = self.text[record["start"]:record["end"]]
        kind = record.get("type")
        title = (f"{surface} \u2192 {actor} (actor {number}{', ' + str(kind) if kind else ''})\n"
                 f"stance: {_scored(stance, record.get('stance_score'))}\n"
                 f"sentiment: {_scored(sentiment, record.get('sentiment_score'))}")
        body = _NEWLINE.sub("<br>", _e(surface))
        sentiment_title = f"sentiment: {_scored(sentiment, record.get('sentiment_score'))}"
        chip_title = f"actor {number}: {actor}"
        return (f'<mark class="m {self.labels.css[stance]}" data-actor="{number}" data-stance="{_e(stance)}" '
                f'data-sentiment="{_e(sentiment)}" title="{_e(title)}"><span class="mt">{body}</span>'
                f'<span class="chip" title="{_e(chip_title)}">{number}</span>'
                f'<span class="se {_sentiment_class(sentiment)}" title="{_e(sentiment_title)}">'
                f"{_e(_sentiment_mark(sentiment))}</span></mark>")

    def body(self) -> str:
        para = _PARA_BLANK if _BLANK_LINE.search(self.text) else _PARA_SINGLE
        out, pos = ["<p>"], 0
        for record in self.spans:
            out.append(_plain(self.text[pos:record["start"]], para))
            out.append(self.mark(record))
            pos = record["end"]
        out.append(_plain(self.text[pos:], para))
        out.append("</p>")
        return re.sub(r"<p>\s*</p>\n?", "", "".join(out))

    def stance_pills(self) -> str:
        pills = [f'<span class="pill {self.labels.css[label]}" title="{_e(label)}">{_e(label)} '
                 f'<b>{self.stance_counts[label]}</b></span>'
                 for label in self.labels.labels if self.stance_counts[label]]
        return "".join(pills)

    def actor_table(self, sentiments: list[str]) -> str:
        if not self.actor_records:
            return '<p class="empty">No actor mention in this article.</p>'
        rows = []
        for actor, records in sorted(self.actor_records.items(), key=lambda kv: self.actor_number[kv[0]]):
            number = self.actor_number[actor]
            st = Counter(str(r.get("stance", "")) for r in records)
            se = Counter(str(r.get("sentiment", "")) for r in records)
            forms = list(dict.fromkeys(self.text[r["start"]:r["end"]] for r in records))
            stances = "".join(
                f'<span class="pill {self.labels.css[label]}" data-stance="{_e(label)}">{_e(label)} '
                f"<b>{count}</b></span>"
                for label, count in sorted(st.items(), key=lambda kv: (-kv[1], self.labels.labels.index(kv[0]))))
            feelings = "".join(
                f'<span class="sc" data-sentiment="{_e(label)}" title="{_e(label)}">'
                f'<span class="se {_sentiment_class(label)}">{_e(_sentiment_mark(label))}</span><b>{se[label]}</b>'
                f"</span>" for label in sentiments if se[label])
            rows.append(f'<tr data-actor="{number}"><td><span class="chip">{number}</span></td>'
                        f'<td class="actor">{_e(actor)}</td><td class="forms">{_e(", ".join(forms))}</td>'
                        f'<td class="n total">{len(records)}</td><td class="stances">{stances}</td>'
                        f'<td class="sentiments">{feelings}</td></tr>')
        return (f'<div class="scroll"><table class="actors"><caption>Actors in this article</caption><thead><tr>'
                f'<th>#</th><th>Actor</th><th>Mentioned as</th><th class="n">Mentions</th><th>Stances</th>'
                f'<th>Sentiments</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')

    def section(self, sentiments: list[str], is_open: bool) -> str:
        n = len(self.spans)
        return (f'<details class="doc" id="{self.anchor}"{" open" if is_open else ""}>'
                f'<summary><span class="num">{self.index + 1}</span><span class="docid">{_e(self.doc_id)}</span>'
                f'<span class="meta">{n} mention{"" if n == 1 else "s"}, {len(self.actor_number)} '
                f'actor{"" if len(self.actor_number) == 1 else "s"}</span>{self.stance_pills()}</summary>'
                f'<div class="text">{self.body()}</div>{self.actor_table(sentiments)}</details>')

    def index_row(self) -> str:
        cells = "".join(f'<td class="n{"" if self.stance_counts[s] else " zero"}" data-stance="{_e(s)}">'
                        f"{self.stance_counts[s]}</td>" for s in self.labels.labels)
        return (f'<tr data-doc="{_e(self.doc_id)}"><td class="n">{self.index + 1}</td>'
                f'<td><a href="#{self.anchor}">{_e(self.doc_id)}</a></td>'
                f'<td class="n total">{len(self.spans)}</td><td class="n">{len(self.actor_number)}</td>{cells}</tr>')


def _assign_records(documents, records) -> list[list[dict]]:
    """Each document's records, by doc_id; when an id repeats, by which text the mention matches."""
    by_id: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_id[str(record.get("doc_id", ""))].append(record)
    counts = Counter(str(doc_id) for doc_id, _ in documents)
    out = []
    for doc_id, text in documents:
        mine = by_id.get(str(doc_id), [])
        if counts[str(doc_id)] > 1:
            mine = [r for r in mine if "mention" not in r or (isinstance(r.get("start"), int) and isinstance(
                r.get("end"), int) and text[r["start"]:r["end"]] == r["mention"])]
        out.append(mine)
    return out


CSS = """
:root{color-scheme:light;--ink:#1b1b1b;--muted:#666;--line:#ddd;--bg:#fafafa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:var(--ink);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:0 24px 48px}
h1{font-size:1.35rem;margin:20px 0 4px}
h2{font-size:1.05rem;margin:22px 0 8px}
.sub{color:var(--muted);margin:0 0 12px;font-size:.9rem}
.legend{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);
 box-shadow:0 1px 4px rgba(0,0,0,.06);padding:8px 24px;font-size:.88rem}
.legend .row{max-width:1100px;margin:0 auto;display:flex;flex-wrap:wrap;gap:6px 26px;align-items:center}
.legend .group{display:inline-flex;flex-wrap:wrap;align-items:center;gap:4px 10px;font-weight:600;color:var(--muted)}
.legend .key{display:inline-flex;align-items:center;gap:4px;font-weight:400;color:var(--ink);white-space:nowrap}
.legend mark.m{cursor:default}
mark.m{background:var(--t);color:inherit;border-bottom:3px solid var(--c);border-radius:3px;padding:1px 2px;
 -webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:help}
mark.m.linked{outline:2px solid var(--ink);outline-offset:1px}
.chip{display:inline;padding:.05em .42em;margin-left:2px;border-radius:1em;background:#333;color:#fff;
 font-size:.7em;font-weight:700;vertical-align:.3em;user-select:none;-webkit-user-select:none}
.se{display:inline;padding:0 .28em;margin-left:2px;border-radius:1em;background:#fff;border:1.5px solid #555;
 color:#222;font-size:.66em;font-weight:800;vertical-align:.35em;user-select:none;-webkit-user-select:none}
.se.se-positive{border-color:#1a7a2e;color:#1a7a2e}
.se.se-negative{border-color:#a3202f;color:#a3202f}
.se.se-neutral{border-color:#b5b5b5;color:#888;font-weight:600}
.sw{display:inline-block;width:1.1em;height:.9em;margin-right:5px;border-radius:2px;background:var(--t);
 border-bottom:3px solid var(--c);vertical-align:-.1em}
table{border-collapse:collapse;background:#fff;font-size:.88rem;width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f1f1;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right}
td.zero{color:#bbb}
td.total{font-weight:600}
table.index a{color:#1f4f8a}
.scroll{overflow-x:auto}
td.stances .pill{margin:1px 4px 1px 0}
.sc{display:inline-flex;align-items:center;gap:2px;margin-right:10px;white-space:nowrap}
.sc .se{margin:0}
caption{text-align:left;font-weight:600;padding:8px 0 4px;color:var(--muted);font-size:.85rem}
td.forms{color:var(--muted)}
details.doc{background:#fff;border:1px solid var(--line);border-radius:6px;margin:14px 0;padding:0 18px 14px}
details.doc>summary{cursor:pointer;padding:10px 0;display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;
 font-weight:600;list-style:none}
details.doc>summary::-webkit-details-marker{display:none}
details.doc>summary::before{content:"\\25B8";color:var(--muted);width:1em}
details.doc[open]>summary::before{content:"\\25BE"}
details.doc:not([open])>summary{padding-bottom:0}
details.doc:not([open]){padding-bottom:10px}
summary .num{color:var(--muted);font-weight:400}
summary .docid{font-size:1.05rem;overflow-wrap:anywhere}
summary .meta{color:var(--muted);font-weight:400;font-size:.85rem}
.pill{display:inline-block;background:var(--t);border-left:4px solid var(--c);border-radius:3px;padding:0 6px;
 font-size:.78rem;font-weight:400}
.text{max-width:82ch;font-size:1.02rem;line-height:1.85}
.text p{margin:0 0 .8em}
.empty{color:var(--muted);font-style:italic}
@media print{.legend{position:static}details.doc{break-inside:avoid-page}}
"""

JS = """
(function(){
  function link(ev, on){
    var m = ev.target.closest ? ev.target.closest('[data-actor]') : null;
    if(!m) return;
    var doc = m.closest('details.doc');
    if(!doc) return;
    var sel = '[data-actor="' + m.getAttribute('data-actor') + '"]';
    doc.querySelectorAll('mark' + sel + ', tr' + sel).forEach(function(e){ e.classList.toggle('linked', on); });
  }
  document.addEventListener('mouseover', function(ev){ link(ev, true); });
  document.addEventListener('mouseout', function(ev){ link(ev, false); });
  function openTarget(){
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if(el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
"""

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def render_html(documents: list[tuple[str, str]], records: list[dict], stance_labels: list[str]) -> str:
    """One self-contained HTML page: legend, index of articles, then each article with its mentions highlighted."""
    documents = [(str(doc_id), "" if text is None else str(text)) for doc_id, text in documents]
    records = list(records)
    per_doc = _assign_records(documents, records)
    shown_records = [r for rs in per_doc for r in rs]
    labels = _Labels(stance_labels, shown_records)
    found = {str(r.get("sentiment", "")) for r in shown_records}
    sentiments = [s for s in SENTIMENT_ORDER if s in found] + sorted(found - set(SENTIMENT_ORDER))
    docs = [_Document(i, doc_id, text, mine, labels)
            for i, ((doc_id, text), mine) in enumerate(zip(documents, per_doc))]

    n_mentions = sum(len(d.spans) for d in docs)
    many = len(docs) > OPEN_ALL_UP_TO
    # The usual three are always explained; a model with other sentiment labels gets those instead.
    legend_sentiments = SENTIMENT_ORDER if set(sentiments) <= set(SENTIMENT_ORDER) else sentiments
    legend = (
        '<div class="legend" role="note" aria-label="Legend"><div class="row"><span class="group">Stance'
        + "".join(f'<span class="key"><mark class="m {labels.css[s]}">{_e(s)}</mark></span>' for s in labels.labels)
        + '</span><span class="group">Sentiment'
        + "".join(f'<span class="key"><span class="se {_sentiment_class(s)}">{_e(_sentiment_mark(s))}</span>{_e(s)}'
                  f"</span>" for s in legend_sentiments)
        + '</span><span class="group">Actor<span class="key"><span class="chip">1</span>'
          "same number, same actor</span></span></div></div>"
    )
    total = Counter(str(r.get("stance", "")) for d in docs for r in d.spans)
    index_head = "".join(f'<th class="n"><span class="sw {labels.css[s]}"></span>{_e(s)}</th>'
                         for s in labels.labels)
    index_foot = "".join(f'<td class="n">{total[s]}</td>' for s in labels.labels)
    index = (f'<div class="scroll"><table class="index"><thead><tr><th class="n">#</th><th>Article</th>'
             f'<th class="n">Mentions</th>'
             f'<th class="n">Actors</th>{index_head}</tr></thead><tbody>{"".join(d.index_row() for d in docs)}'
             f'</tbody><tfoot><tr><td></td><td><b>All articles</b></td><td class="n total">{n_mentions}</td>'
             f"<td></td>{index_foot}</tr></tfoot></table></div>") if docs else '<p class="empty">No article.</p>'
    sections = "\n".join(d.section(sentiments, is_open=not many or d.index < OPEN_FIRST) for d in docs)
    title = f"actor-stance: {docs[0].doc_id}" if len(docs) == 1 else f"actor-stance: {len(docs)} articles"
    note = ("" if not many else f" The first {OPEN_FIRST} articles are open; click a title to open the others.")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="actor-stance">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}\n{labels.style()}\n</style>\n</head>\n<body>\n{legend}\n<main>\n"
        f"<h1>Actor stance</h1>\n<p class=\"sub\">{len(docs)} article{'' if len(docs) == 1 else 's'}, "
        f"{n_mentions} actor mention{'' if n_mentions == 1 else 's'}. Each mention is coloured by its stance; "
        f"the circle shows its sentiment and the dark chip numbers its actor. Hover a mention for its actor and "
        f"scores.{note}</p>\n"
        f"<h2>Articles</h2>\n{index}\n{sections}\n</main>\n<script>{JS}</script>\n</body>\n</html>\n"
    )


def write_html(path, documents: list[tuple[str, str]], records: list[dict], stance_labels: list[str]) -> str:
    """Render the page and write it to ``path`` (UTF-8); returns the HTML."""
    page = render_html(documents, records, stance_labels)
    try:
        with open(Path(path), "w", encoding="utf-8", newline="") as handle:
            handle.write(page)
    except OSError as err:
        raise InputError(path, f"cannot write HTML ({err.strerror or err})") from None
    return page
