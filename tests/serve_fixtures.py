"""A small store of hand-written articles and events for the dashboard tests (no extractor involved)."""

from __future__ import annotations

from pathlib import Path

from suasion.model import codes
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.store import Store

NAMES = {"USA": "United States", "CHN": "China", "RUS": "Russia", "VEN": "Venezuela", "BRA": "Brazil",
         "ARG": "Argentina", "CUB": "Cuba", "MEX": "Mexico", "NGA": "Nigeria", "KEN": "Kenya"}
SCRIPT = "<script>alert('owned')</script>"

# (doc_id, date, source, title, url, [paragraphs], [(paragraph, sentence, type, actor, recipient, modality, date)])
ARTICLES = [
    ("a1", "2024-01-15", "Harbour Gazette", "Russian envoy lands in Caracas", "https://harbour.example/a1",
     ["CARACAS (HG) - A busy week for diplomats.",
      "Russia's foreign minister visited Venezuela on Monday to discuss energy projects. "
      "He was received at the airport by his counterpart."],
     [(1, 0, "CONSULT", "RUS", "VEN", "asserted", "2024-01-15")]),
    ("a2", "2024-01-16", "Andes Wire", "Moscow and Caracas talk energy", "https://andes.example/a2",
     ["Russia's foreign minister visited Venezuela on Monday to discuss energy projects, officials said."],
     [(0, 0, "CONSULT", "RUS", "VEN", "asserted", "2024-01-15")]),
    ("a3", "2024-02-03", "Pacific Ledger", "Beijing signs loan with Brasília", "https://ledger.example/a3",
     ["China signed a loan agreement with Brazil worth two billion dollars.",
      "The deal covers ports and railways."],
     [(0, 0, "AGREE", "CHN", "BRA", "asserted", "2024-02-02")]),
    ("a4", "2024-03-10", "Capitol Daily", "Washington warns Caracas", "https://capitol.example/a4",
     ["The United States accused Venezuela of rigging the vote.",
      "Washington also threatened new sanctions against Venezuela."],
     [(0, 0, "ACCUSE", "USA", "VEN", "asserted", "2024-03-09"),
      (1, 0, "THREATEN", "USA", "VEN", "asserted", "2024-03-09")]),
    ("a5", "2023-11-20", "Harbour Gazette", "Aid flights to Havana", "https://harbour.example/a5",
     ["China delivered medical supplies to Cuba last week."],
     [(0, 0, "AID", "CHN", "CUB", "asserted", "2023-11-13")]),
    ("a6", "2024-04-02", "Southern Post", "Buenos Aires courts Washington", "https://southern.example/a6",
     ["Argentina asked the United States for help with its debt talks.",
      "Mexico and the United States agreed to expand border cooperation."],
     [(0, 0, "REQUEST", "ARG", "USA", "asserted", "2024-04-01"),
      (1, 0, "AGREE", "MEX", "USA", "asserted", "2024-04-01")]),
    ("a7", "2024-05-05", "Night Desk", f"Strange headline {SCRIPT}", "javascript:alert('owned')",
     [f"Russia praised Nigeria for its stance {SCRIPT} at the summit."],
     [(0, 0, "SUPPORT", "RUS", "NGA", "asserted", "2024-05-04")]),
    ("a8", "2024-05-20", "Andes Wire", "Possible visit", "https://andes.example/a8",
     ["China may send a delegation to Argentina next month."],
     [(0, 0, "CONSULT", "CHN", "ARG", "hypothetical", None)]),
    ("a9", "2024-06-11", "Pacific Ledger", "Canal deal in Nairobi", "https://ledger.example/a9",
     ["Kenya rejected a Chinese proposal on port fees.", "China and Kenya later met in Nairobi."],
     [(0, 0, "REJECT", "KEN", "CHN", "asserted", "2024-06-10"),
      (1, 0, "CONSULT", "CHN", "KEN", "asserted", "2024-06-11")]),
]


def _items():
    for doc_id, date, source, title, url, paragraphs, coded in ARTICLES:
        text = "\n".join(paragraphs)
        sentences: list[Sentence] = []
        offset = 0
        starts = []
        for paragraph in paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 1
        events: list[Event] = []
        for index, (para, _sent, event_type, actor, recipient, modality, event_date) in enumerate(coded):
            paragraph = paragraphs[para]
            sentence = paragraph.split(". ")[0]
            sentence = sentence if sentence.endswith(".") else sentence + "."
            start = starts[para]
            end = start + len(sentence)
            assert text[start:end] == sentence
            sentences.append(Sentence(doc_id=doc_id, index=index, text=sentence, char_start=start, char_end=end))
            events.append(Event(
                id=event_id(doc_id, index, event_type, actor, recipient, start), doc_id=doc_id,
                event_type=event_type, actor=Actor(actor, "GOV", NAMES[actor], NAMES[actor]),
                recipient=Actor(recipient, "GOV", NAMES[recipient], NAMES[recipient]), modality=modality,
                date=event_date, date_precision="day" if event_date else None, context=[],
                quad=codes.quad_class(event_type), plover_score=codes.plover_score(event_type),
                sentence=sentence, sentence_index=index, char_start=start, char_end=end, confidence=0.8,
                coder="test"))
        document = Document(doc_id=doc_id, text=text, date=date, url=url, title=title, language="en",
                            source=source)
        yield document, text, sentences, events


def build_store(path: Path) -> Path:
    with Store(path) as store:
        store.add(list(_items()))
    return path
