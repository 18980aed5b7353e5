"""Tests for suasion.normalize: cleaning, sentence offsets, skipped lines, languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from suasion.ingest import iter_documents
from suasion.model.records import Document, Sentence
from suasion.normalize import (clean_text, detect_language, language_spans, normalize_batch,
                               normalize_document, split_sentences)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def texts_of(sentences: list[Sentence]) -> list[str]:
    return [sentence.text for sentence in sentences]


def split(text: str, language: str = "en") -> list[str]:
    return texts_of(split_sentences("d", text, language))


def skipped(text: str, language: str = "en", title: str | None = None) -> list[str]:
    return [s.text for s in split_sentences("d", text, language, title=title) if s.skip]


def assert_exact_offsets(text: str, sentences: list[Sentence]) -> None:
    end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert text[sentence.char_start:sentence.char_end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.char_start >= end, "sentences overlap or are out of order"
        end = sentence.char_end
    covered = {i for s in sentences for i in range(s.char_start, s.char_end)}
    assert all(i in covered for i, char in enumerate(text) if not char.isspace()), "text lost"


# --- clean_text ------------------------------------------------------------------------------

def test_clean_text_repairs_mojibake_and_keeps_quotes() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codec that makes real-world mojibake)

    original = "The minister’s “firm” reply – in Bogotá."
    garbled = original.encode("utf-8").decode("sloppy-windows-1252")
    assert garbled != original and clean_text(garbled) == original
    assert clean_text("The ministerâ€™s reply in BogotÃ¡.") == "The minister’s reply in Bogotá."
    assert clean_text("“Quoted” and ‘single’ and «angled» and \"straight\"") == \
        "“Quoted” and ‘single’ and «angled» and \"straight\""


@pytest.mark.parametrize(("raw", "expected"), [
    ("৬৬ billion", "66 billion"),                 # Bengali
    ("٢٠٢٢", "2022"),                             # Arabic-Indic
    ("۱۴۰۰", "1400"),                             # Extended Arabic-Indic (Persian)
    ("२०२२", "2022"),                             # Devanagari
    ("２０２２年", "2022年"),                       # fullwidth
    ("৫.৫ bn and 3.5 bn", "5.5 bn and 3.5 bn"),
    ("area of 5 km² and H₂O", "area of 5 km² and H₂O"),  # superscripts are not digits of a script
])
def test_clean_text_turns_digits_of_any_script_into_ascii(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_normalises_unicode_lines_and_invisibles() -> None:
    assert clean_text("Bogote\u0301") == "Bogoté"  # NFC
    assert clean_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"
    assert clean_text("Pu\u200btin\u00ad and Ma\u200dduro\ufeff") == "Putin and Maduro"
    assert clean_text("Vladimir\u00a0Putin\u2009met\u202fthem") == "Vladimir Putin met them"
    assert clean_text("  \n trailing spaces   \nand tabs\t\n\n") == "trailing spaces\nand tabs"
    assert clean_text("&amp;amp; stays") == "&amp;amp; stays"


@given(st.text())
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


DAMAGE = st.sampled_from(["Ã©", "â€™", "\u200b", "\u00a0", "৬", "e\u0301", "\r\n", "\r", "\u2028", "ﬁ", " \n",
                          "&amp;", "Â", "\ufeff", "“", "”", "."])


@given(st.lists(st.one_of(st.text(max_size=5), DAMAGE), max_size=30).map("".join))
def test_clean_text_is_idempotent_on_typical_damage(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


# --- split_sentences: offsets ----------------------------------------------------------------

PIECES = st.sampled_from([
    "Mr. Smith", " met ", "U.S.", " officials", ".", " ", "\n", "\n\n", "“", "”", "?", "!", "...", "…",
    "Gen.", " Ortega", " 3.5", "No. 5", "¿", "¡", "Read more", "Photo: Reuters", "(AFP)", "V.", "The",
    " the", "e.g.", " »", "«", ",", "EE.UU.", "\t", "  ",
])


@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join),
       st.sampled_from(["en", "es", "pt", "fr"]))
def test_sentence_offsets_are_exact_ordered_and_cover_the_text(text: str, language: str) -> None:
    assert_exact_offsets(text, split_sentences("d", text, language))


@settings(max_examples=50)
@given(st.text())
def test_sentence_offsets_on_any_cleaned_text(text: str) -> None:
    cleaned = clean_text(text)
    sentences = split_sentences("doc", cleaned)
    assert_exact_offsets(cleaned, sentences)
    assert all(s.doc_id == "doc" and s.language == "en" for s in sentences)


# --- split_sentences: where sentences end ---------------------------------------------------

@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "Mr. Smith met Dr. Jones on Jan. 5 at 3 p.m. in the capital. They talked.",
     ["Mr. Smith met Dr. Jones on Jan. 5 at 3 p.m. in the capital.", "They talked."]),
    ("en", "Russian President Vladimir V. Putin met U.S. officials. The U.S. Embassy said so.",
     ["Russian President Vladimir V. Putin met U.S. officials.", "The U.S. Embassy said so."]),
    ("en", "Tension rose between Moscow and the U.S. The ministry denied it.",
     ["Tension rose between Moscow and the U.S.", "The ministry denied it."]),
    ("en", "Sen. Ruiz and Gen. Ortega met at St. Mary's. The U.N. Security Council met too.",
     ["Sen. Ruiz and Gen. Ortega met at St. Mary's.", "The U.N. Security Council met too."]),
    ("en", "Exports rose 3.5 percent to $5.2 billion. Imports fell.",
     ["Exports rose 3.5 percent to $5.2 billion.", "Imports fell."]),
    ("en", "He lives at No. 10 Downing Street. No. That is wrong.",
     ["He lives at No. 10 Downing Street.", "No.", "That is wrong."]),
    ("en", "“We will respond quickly,” he said. “We are ready.” The talks ended.",
     ["“We will respond quickly,” he said.", "“We are ready.”", "The talks ended."]),
    ("en", "“Is this a threat?” he asked. Nobody answered!",
     ["“Is this a threat?” he asked.", "Nobody answered!"]),
    ("en", "The talks stalled... Then they resumed. Officials waited… and waited.",
     ["The talks stalled...", "Then they resumed.", "Officials waited… and waited."]),
    ("en", "It is part of the reaction to what happens in Borduria. ”\nNext paragraph.",
     ["It is part of the reaction to what happens in Borduria. ”", "Next paragraph."]),
    ("es", "¿Qué dijo el Sr. Pérez? ¡Nada! La Sra. García viajó a EE.UU. con la Dra. Ruiz. El viaje terminó.",
     ["¿Qué dijo el Sr. Pérez?", "¡Nada!", "La Sra. García viajó a EE.UU. con la Dra. Ruiz.", "El viaje terminó."]),
    ("es", "Se reunieron en la Av. Bolívar con el Lic. Gómez, p.ej. en la sede. Luego hablaron.",
     ["Se reunieron en la Av. Bolívar con el Lic. Gómez, p.ej. en la sede.", "Luego hablaron."]),
    ("es", "«Confirmamos el apoyo», detalló el ministerio. Fin.",
     ["«Confirmamos el apoyo», detalló el ministerio.", "Fin."]),
    ("pt", "O Sr. Silva viajou aos EUA. O presidente falou com a Dra. Souza. Ela confirmou.",
     ["O Sr. Silva viajou aos EUA.", "O presidente falou com a Dra. Souza.", "Ela confirmou."]),
])
def test_sentence_boundaries(language: str, text: str, expected: list[str]) -> None:
    assert split(text, language) == expected


def test_lines_paragraphs_and_headlines() -> None:
    text = ("Atlantis and Borduria sign a port deal\n"
            "MOSCOW, Feb. 3\n\n"
            "The deal was signed on Monday. It runs ten years.\n"
            "A hard-wrapped line that\n"
            "continues here. Done.\n\n"
            "- First bullet point\n"
            "- Second bullet point")
    assert split(text) == [
        "Atlantis and Borduria sign a port deal", "MOSCOW, Feb. 3", "The deal was signed on Monday.",
        "It runs ten years.", "A hard-wrapped line that\ncontinues here.", "Done.", "- First bullet point",
        "- Second bullet point"]


def test_sentences_never_cross_a_blank_line() -> None:
    assert split("The minister said\n\nthat talks would resume.") == ["The minister said", "that talks would resume."]


def test_abbreviations_are_data() -> None:
    from suasion.codebooks import load

    data = load("lexicon/abbreviations.yaml")
    assert {"common", "en", "es", "pt"} <= set(data)
    assert "EE.UU." in data["es"]["general"] and "Sra." in data["common"]["titles"]


# --- split_sentences: skipped lines ----------------------------------------------------------

def test_captions_with_credits_are_skipped_and_their_first_copy_too() -> None:
    text = ("The envoy arrived in the capital on Monday.\n\n"
            "The two ministers shake hands in Atlantis City\n"
            "The two ministers shake hands in Atlantis CityPhoto: Reuters\n"
            "Talks lasted three hours, officials said.\n\n"
            "Troops gather near the border\n"
            "Troops gather near the borderFile photo: AFP\n"
            "Foto: Agência Exemplo\n"
            "A protester holds a flag (AFP)\n"
            "Legenda da foto, O ministro recebeu o colega\n"
            "The ministry denied the report.")
    assert skipped(text) == [
        "The two ministers shake hands in Atlantis City",
        "The two ministers shake hands in Atlantis CityPhoto: Reuters",
        "Troops gather near the border", "Troops gather near the borderFile photo: AFP",
        "Foto: Agência Exemplo", "A protester holds a flag (AFP)", "Legenda da foto, O ministro recebeu o colega"]


def test_caption_split_into_sentences_is_skipped_whole() -> None:
    assert skipped("Body sentence here.\nThe minister at the podium. Photo: Reuters\nMore body.") == [
        "The minister at the podium.", "Photo: Reuters"]


def test_body_lines_that_look_a_little_like_captions_are_kept() -> None:
    text = ("The agency showed the image: a column of tanks.\n"
            "NICE, France (AP) — France on Monday condemned the decision.\n"
            "Crédito del FMI a Borduria aprobado por el directorio.\n"
            "Shares of the state oil company fell after the announcement.\n"
            "Related talks will be held in March.")
    assert skipped(text) == []


def test_repeated_lines_and_the_title_are_skipped() -> None:
    text = ("Atlantis and Borduria sign port deal\n\n"
            "Atlantis and Borduria sign port deal\n"
            "The deal was signed on Monday.\n"
            "Officials praised it.\n"
            "The deal was signed on Monday.")
    assert skipped(text) == ["Atlantis and Borduria sign port deal", "The deal was signed on Monday."]
    assert skipped(text, title="Atlantis and Borduria sign port deal") == [
        "Atlantis and Borduria sign port deal", "Atlantis and Borduria sign port deal",
        "The deal was signed on Monday."]


@pytest.mark.parametrize(("language", "marker"), [("en", "Read more"), ("pt", "Leia mais"), ("es", "Lea también"),
                                                  ("en", "Related:"), ("pt", "Veja também »")])
def test_link_blocks_are_skipped(language: str, marker: str) -> None:
    text = ("The summit opened on Monday.\n"
            f"{marker}\n"
            "Will Borduria join the alliance?\n"
            "Will Borduria join the alliance?\n"
            "Ten things to know about the summit\n"
            "The second day of the summit focused on trade, and the delegates agreed on a text.\n"
            "Who will pay for it?")
    assert skipped(text, language) == [marker, "Will Borduria join the alliance?", "Will Borduria join the alliance?",
                                       "Ten things to know about the summit"]


def test_inline_links_and_page_furniture_are_skipped() -> None:
    text = ("The summit opened on Monday.\n"
            "Read more: Borduria leaves the alliance\n"
            "Subscribe to our daily newsletter\n"
            "Click here to watch the video.\n"
            "Follow us on social media\n"
            "Share this article\n"
            "Síguenos en redes sociales\n"
            "https://social.example.org/status/12345\n"
            "Advertisement\n"
            "The summit closed on Tuesday.")
    assert split(text)[0] == "The summit opened on Monday."
    assert skipped(text) == split(text)[1:-1]


# --- languages ------------------------------------------------------------------------------

def test_detect_language() -> None:
    assert detect_language("The foreign minister travelled to the capital to sign an agreement on trade.") == "en"
    assert detect_language("El canciller viajó a la capital para firmar un acuerdo comercial con el gobierno.") == "es"
    assert detect_language("O chanceler viajou à capital para assinar um acordo comercial com o governo.") == "pt"
    assert detect_language("12 34 !!", default="es") == "es"


def test_language_spans_per_paragraph() -> None:
    spanish = "El canciller viajó a la capital para firmar un acuerdo comercial con el gobierno vecino."
    english = "The foreign minister said the agreement would be signed next week in the capital city."
    text = f"{spanish}\n\n{english}\nOK.\n{spanish}"
    spans = language_spans(text, default="es")
    assert [span.language for span in spans] == ["es", "en", "es"]
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
    assert text[spans[1].start:].startswith(english)
    assert language_spans("") == []


def test_normalize_document_cleans_splits_and_sets_languages() -> None:
    body = ("El canciller de Borduria viajó a la capital para firmar un acuerdo comercial con el gobierno.\n"
            "\u201cWe are ready to sign the agreement next week in the capital,\u201d the minister told reporters.\n"
            "El acuerdo entra en vigor en ৬ meses.")
    doc = Document(doc_id="mixed", text=body, title=None)
    text, sentences = normalize_document(doc)
    assert text == clean_text(body) and "6 meses" in text
    assert_exact_offsets(text, sentences)
    assert [s.language for s in sentences] == ["es", "en", "es"]
    declared = Document(doc_id="declared", text="Short text.", language="PT-br")
    _, [only] = normalize_document(declared)
    assert only.language == "pt"


def test_normalize_batch_keeps_order_and_documents() -> None:
    docs = [Document(doc_id=f"d{n}", text=f"Sentence number {n}. Another one.", language="en") for n in range(3)]
    results = normalize_batch(docs)
    assert [doc for doc, _, _ in results] == docs
    assert all(len(sentences) == 2 and sentences[0].doc_id == doc.doc_id for doc, _, sentences in results)


# --- the shared corpus -----------------------------------------------------------------------

def shared_documents(*parts: str) -> list[Document]:
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"shared corpus not found at {folder}")
    return [item for item in iter_documents([str(folder)]) if isinstance(item, Document)]


def gold_quotes(doc_id: str) -> list[tuple[str, bool]]:
    folder = SHARED / "eval" / "gold"
    path = folder / f"{doc_id}.gold.jsonl" if doc_id == "seed" else folder / "dev" / f"{doc_id}.gold.jsonl"
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return [(record["quote"], bool(record.get("optional"))) for record in records if record.get("kind") == "event"]


@pytest.mark.shared
def test_dev_articles_split_with_exact_offsets_and_gold_quotes_in_body_sentences() -> None:
    docs = shared_documents("corpus", "dev")
    assert docs
    for doc in docs:
        text, sentences = normalize_document(doc)
        assert_exact_offsets(text, sentences)
        assert {s.language for s in sentences} <= {"en", "es", "pt"}
        body = [s.text for s in sentences if not s.skip]
        for quote, optional in gold_quotes(doc.doc_id):
            if not optional:
                assert any(clean_text(quote) in sentence for sentence in body), (doc.doc_id, quote)


@pytest.mark.shared
def test_seed_captions_and_read_more_block_are_skipped() -> None:
    [doc] = shared_documents("corpus", "seed")
    text, sentences = normalize_document(doc)
    assert_exact_offsets(text, sentences)
    assert not any(char.isdigit() and not char.isascii() for char in text)
    credited = [i for i, s in enumerate(sentences) if s.text.endswith(("Photo: Reuters", "photo: Reuters"))]
    assert len(credited) >= 3
    for i in credited:
        assert sentences[i].skip and sentences[i - 1].skip  # the caption and its uncredited first copy
        assert sentences[i].text.startswith(sentences[i - 1].text)
        assert not sentences[i + 1].skip  # the body goes on
    [marker] = [i for i, s in enumerate(sentences) if s.text == "Read more"]
    block = sentences[marker:marker + 3]
    assert all(s.skip for s in block) and block[1].text == block[2].text
    assert not sentences[marker + 3].skip
    body = [s.text for s in sentences if not s.skip]
    for quote, optional in gold_quotes("seed"):
        if not optional:
            assert any(clean_text(quote) in sentence for sentence in body), quote
