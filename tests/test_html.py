"""The HTML page: escaping, legend, highlights, actor chips and tables, the index, offsets, writing errors."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from actor_stance.errors import InputError
from actor_stance.html import render_html, write_html

LABELS = ["none", "calls_for_restraint", "threatens_advance", "alert"]
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]


class TreeBuilder(HTMLParser):
    """A strict little DOM: a tag closed out of order fails the test (the page must be well nested)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, "unclosed tags"
    return builder.root


def record(doc_id, text, mention, actor, stance, sentiment="neutral", occurrence=0, type_="name"):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return {"doc_id": doc_id, "sentence_index": 0, "start": start, "end": start + len(mention), "mention": mention,
            "actor": actor, "type": type_, "stance": stance, "stance_score": 0.91, "sentiment": sentiment,
            "sentiment_score": 0.77, "sentence": text}


TEXT = ("Khalifa Haftar ordered troops to advance on Tripoli.\n"
        "Antonio Guterres called for restraint. Haftar did not answer.\n"
        "The Government of National Accord declared a general alert, and Guterres flew to Benghazi.")


def tripoli_records():
    return [
        record("tripoli", TEXT, "Khalifa Haftar", "Khalifa Haftar", "threatens_advance", "negative"),
        record("tripoli", TEXT, "Antonio Guterres", "Antonio Guterres", "calls_for_restraint", "positive"),
        record("tripoli", TEXT, "Haftar", "Khalifa Haftar", "none", "neutral", occurrence=1),
        record("tripoli", TEXT, "Government of National Accord", "Government of National Accord", "alert",
               "negative"),
        record("tripoli", TEXT, "Guterres", "Antonio Guterres", "calls_for_restraint", "neutral", occurrence=1),
    ]


def marks(tree):
    """The highlighted mentions in the articles (the legend shows sample highlights too)."""
    return [m for doc in tree.find_all("details", cls="doc") for m in doc.find_all("mark", cls="m")]


def mention_text(mark):
    (span,) = mark.find_all("span", cls="mt")
    return span.text()


def chip(mark):
    (span,) = mark.find_all("span", cls="chip")
    return span.text()


def test_escaping_of_text_actor_names_and_doc_ids():
    evil = "<script>alert(1)</script> & co"
    text = f"{evil} said Haftar.\nThe {evil} group."
    start = text.index(evil, 1)
    records = [
        {**record("<b>x</b>\"'", text, "Haftar", evil, "threatens_advance")},
        {"doc_id": "<b>x</b>\"'", "sentence_index": 1, "start": start, "end": start + len(evil), "mention": evil,
         "actor": evil, "type": "name", "stance": "alert", "stance_score": 0.5, "sentiment": "negative",
         "sentiment_score": 0.5, "sentence": text},
    ]
    page = render_html([("<b>x</b>\"'", text)], records, LABELS)
    # The only <script> element is the page's own; nothing from the text, actor names or doc id is markup.
    assert page.count("<script") == 1 and "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;&quot;&#x27;" in page
    tree = parse(page)
    assert len(tree.find_all("script")) == 1 and all(b.text() != "x" for b in tree.find_all("b"))
    # Escaped text reads back as the original text, in the article body and in the actor table.
    assert evil in tree.find_all("div", cls="text")[0].text()
    assert mention_text(marks(tree)[1]) == evil
    assert [td.text() for td in tree.find_all("td", cls="actor")] == [evil]
    assert tree.find_all("span", cls="docid")[0].text() == "<b>x</b>\"'"
    # Attributes too: the hover titles carry the name as text, not markup.
    assert evil in marks(tree)[0].attrs["title"]


def test_legend_lists_every_stance_label():
    labels = LABELS + ["a new label"]
    tree = parse(render_html([("d", "Nothing happens here.")], [], labels))
    (legend,) = tree.find_all("div", cls="legend")
    keys = [k.text().strip() for k in legend.find_all("span", cls="key")]
    for label in labels:
        assert label in keys
    # Each label is shown as a sample highlight, one distinct colour class per label.
    samples = legend.find_all("mark", cls="m")
    assert [m.text() for m in samples] == labels and len({tuple(m.classes) for m in samples}) == len(labels)


def test_every_mention_highlighted_with_stance_class_and_shared_chip():
    records = tripoli_records()
    tree = parse(render_html([("tripoli", TEXT)], records, LABELS))
    found = marks(tree)
    assert len(found) == len(records)
    for mark, rec in zip(found, records):
        assert f"st-{rec['stance']}" in mark.classes and mark.attrs["data-stance"] == rec["stance"]
        assert mention_text(mark) == rec["mention"]
        assert rec["actor"] in mark.attrs["title"] and "0.91" in mark.attrs["title"] and "0.77" in mark.attrs["title"]
        (se,) = mark.find_all("span", cls="se")
        assert f"se-{rec['sentiment']}" in se.classes
    chips = [chip(m) for m in found]
    # Haftar (1st, 3rd mention) and Guterres (2nd, 5th) share their numbers; three actors, three numbers.
    assert chips[0] == chips[2] and chips[1] == chips[4]
    assert len({chips[0], chips[1], chips[3]}) == 3
    assert found[2].find_all("span", cls="chip")[0].attrs["title"].endswith("Khalifa Haftar")
    assert {m.attrs["data-actor"] for m in found} == set(chips)


def test_actor_table_counts():
    tree = parse(render_html([("tripoli", TEXT)], tripoli_records(), LABELS))
    (table,) = tree.find_all("table", cls="actors")
    rows = {}
    for tr in table.find_all("tr"):
        if "data-actor" not in tr.attrs:
            continue
        name = tr.find_all("td", cls="actor")[0].text()
        stances = {p.attrs["data-stance"]: int(p.find_all("b")[0].text()) for p in tr.find_all("span", cls="pill")}
        sentiments = {p.attrs["data-sentiment"]: int(p.find_all("b")[0].text()) for p in tr.find_all("span", cls="sc")}
        total = int(tr.find_all("td", cls="total")[0].text())
        rows[name] = (tr.attrs["data-actor"], total, stances, sentiments)
    assert set(rows) == {"Khalifa Haftar", "Antonio Guterres", "Government of National Accord"}
    number, total, stances, sentiments = rows["Khalifa Haftar"]
    assert number == "1" and total == 2
    assert stances == {"none": 1, "threatens_advance": 1}  # a stance never given is left out
    assert sentiments == {"neutral": 1, "negative": 1}
    number, total, stances, sentiments = rows["Antonio Guterres"]
    assert number == "2" and total == 2 and stances == {"calls_for_restraint": 2}
    assert sentiments == {"positive": 1, "neutral": 1}
    assert rows["Government of National Accord"] == ("3", 1, {"alert": 1}, {"negative": 1})


def test_index_counts_per_stance_for_two_documents():
    other = "The army declared an alert. The army then advanced. Rebels advanced too."
    records = tripoli_records() + [
        record("other", other, "The army", "army", "alert"),
        record("other", other, "The army", "army", "threatens_advance", occurrence=1),
        record("other", other, "Rebels", "rebels", "threatens_advance"),
    ]
    tree = parse(render_html([("tripoli", TEXT), ("other", other)], records, LABELS))
    (index,) = tree.find_all("table", cls="index")
    rows = {tr.attrs["data-doc"]: tr for tr in index.find_all("tr") if "data-doc" in tr.attrs}
    assert list(rows) == ["tripoli", "other"]

    def counts(tr):
        return {td.attrs["data-stance"]: int(td.text()) for td in tr.find_all("td") if "data-stance" in td.attrs}

    assert counts(rows["tripoli"]) == {"none": 1, "calls_for_restraint": 2, "threatens_advance": 1, "alert": 1}
    assert counts(rows["other"]) == {"none": 0, "calls_for_restraint": 0, "threatens_advance": 2, "alert": 1}
    # Each row links to its article, which is a collapsible <details>.
    for tr in rows.values():
        href = tr.find_all("a")[0].attrs["href"]
        (target,) = [n for n in tree.iter() if n.attrs.get("id") == href[1:]]
        assert target.tag == "details" and "open" in target.attrs
    assert len(marks(tree)) == 8


def test_offsets_are_honoured():
    text = "Haftar met Haftar's envoy; Haftar left. \u00c9lys\u00e9e \U0001F600 Haftar."
    records = []
    for occurrence in range(4):
        rec = record("d", text, "Haftar", "Khalifa Haftar", "threatens_advance", occurrence=occurrence)
        rec["mention"] = "WRONG"  # only the offsets count
        records.append(rec)
    tree = parse(render_html([("d", text)], records, LABELS))
    found = marks(tree)
    assert [mention_text(m) for m in found] == [text[r["start"]:r["end"]] for r in records]
    # The text between the mentions is kept exactly too.
    body = "".join(c if isinstance(c, str) else (c.text() if c.tag != "mark" else mention_text(c))
                   for c in tree.find_all("div", cls="text")[0].find_all("p")[0].children)
    assert body == text


def test_paragraphs_are_kept():
    text = "First paragraph with Haftar.\nSecond paragraph.\nThird with Guterres."
    records = [record("d", text, "Haftar", "Haftar", "none"), record("d", text, "Guterres", "Guterres", "alert")]
    tree = parse(render_html([("d", text)], records, LABELS))
    paragraphs = tree.find_all("div", cls="text")[0].find_all("p")
    assert len(paragraphs) == 3 and paragraphs[1].text() == "Second paragraph."


def test_document_without_records_still_renders():
    text = "Nothing about any actor. <i>really</i>"
    page = render_html([("empty", text), ("x", "Haftar advanced.")],
                       [record("x", "Haftar advanced.", "Haftar", "Haftar", "threatens_advance")], LABELS)
    tree = parse(page)
    sections = tree.find_all("details", cls="doc")
    assert len(sections) == 2 and not sections[0].find_all("mark")
    assert "<i>really</i>" in sections[0].text()
    assert len(sections[1].find_all("mark")) == 1
    assert parse(render_html([], [], LABELS)).find_all("div", cls="legend")


def test_many_documents_only_the_first_few_open():
    documents = [(f"d{i}", f"Article {i}.") for i in range(12)]
    tree = parse(render_html(documents, [], LABELS))
    opened = ["open" in d.attrs for d in tree.find_all("details", cls="doc")]
    assert len(opened) == 12 and opened[:3] == [True] * 3 and not any(opened[3:])


def test_page_is_self_contained():
    page = render_html([("tripoli", TEXT)], tripoli_records(), LABELS)
    tree = parse(page)
    for node in tree.iter():
        for name in ("src", "href"):
            value = node.attrs.get(name)
            assert value is None or value.startswith("#"), (node.tag, name, value)
    assert not tree.find_all("link") and "http://" not in page and "https://" not in page and "@import" not in page


def test_write_html(tmp_path):
    path = tmp_path / "page.html"
    page = write_html(path, [("tripoli", TEXT)], tripoli_records(), LABELS)
    assert path.read_text(encoding="utf-8") == page and "Guterres" in page


def test_write_html_to_a_missing_directory_raises_input_error(tmp_path):
    path = tmp_path / "missing" / "page.html"
    with pytest.raises(InputError) as info:
        write_html(path, [("tripoli", TEXT)], tripoli_records(), LABELS)
    assert info.value.source == str(path) and info.value.message.startswith("cannot write HTML (")


def test_offsets_given_as_strings_and_bad_offsets():
    text = "Haftar advanced on Tripoli."
    records = [{"doc_id": "d", "start": "0", "end": "6", "actor": "Khalifa Haftar", "stance": "threatens_advance",
                "sentiment": "negative"},  # as read back from a CSV file
               {"doc_id": "d", "start": 19, "end": 99, "actor": "Tripoli", "stance": "none", "sentiment": "neutral"}]
    found = marks(parse(render_html([("d", text)], records, LABELS)))
    assert [mention_text(m) for m in found] == ["Haftar"]  # the out-of-range span is skipped, not a crash
