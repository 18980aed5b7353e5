"""Tests for suasion.ingest: every input type, every bad-input Problem code, dates and streaming."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from suasion.ingest import iter_documents, normalise_date, normalise_language, slugify
from suasion.ingest.textfile import split_header
from suasion.model.errors import Problem, SuasionError
from suasion.model.records import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

ARTICLE = (
    "The defence minister of Atlantis met his counterpart from Borduria on Monday.\n\n"
    "Both governments agreed to hold joint naval exercises next spring, officials said.\n"
)


def read(inputs, **options) -> list[Document | Problem]:
    return list(iter_documents([str(item) for item in inputs], **options))


def documents(items) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def problems(items) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def codes(items) -> list[str]:
    return [item.code for item in problems(items)]


# --- plain text and the header block ---------------------------------------------------------

def test_text_file_with_header_block(tmp_path: Path) -> None:
    path = tmp_path / "a17.txt"
    path.write_text("url: https://news.example.org/atlantis-borduria\n"
                    "title: Atlantis and Borduria plan exercises\n"
                    "date: February 16, 2022\n"
                    "date_source: page\n"
                    "language: es-ES\n"
                    "source: Example News\n"
                    "topic: defence\n"
                    "---\n" + ARTICLE, encoding="utf-8")
    [doc] = read([path])
    assert doc.doc_id == "a17"
    assert doc.text == ARTICLE
    assert doc.url == "https://news.example.org/atlantis-borduria"
    assert doc.title == "Atlantis and Borduria plan exercises"
    assert doc.date == "2022-02-16"
    assert doc.language == "es"
    assert doc.source == "Example News"
    assert doc.origin == str(path)


def test_text_without_header_keeps_a_colon_first_line(tmp_path: Path) -> None:
    text = "Borduria: talks resume after a long pause\n" + ARTICLE + "---\nA closing note.\n"
    path = tmp_path / "plain.md"
    path.write_text(text, encoding="utf-8")
    [doc] = read([path])
    assert doc.text == text
    assert doc.title is None and doc.date is None


def test_markdown_front_matter_and_header_edge_cases() -> None:
    fields, body = split_header("---\ntitle: Front matter\ndate: 2021-03-04\n---\nBody here.")
    assert fields == {"title": "Front matter", "date": "2021-03-04"} and body == "Body here."
    assert split_header("id: x9\r\n---\r\nWindows body.\r\n") == ({"id": "x9"}, "Windows body.\r\n")
    assert split_header("title: only a header\n---") == ({"title": "only a header"}, "")
    assert split_header("---\nNo header at all.\n") == ({}, "---\nNo header at all.\n")


def test_header_id_overrides_file_name_and_default_date_fills_gaps(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("id: custom-7\n---\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text("date: 2020-05-06\n---\n" + ARTICLE, encoding="utf-8")
    docs = documents(read([tmp_path], default_date="2022-02-16", default_language="pt"))
    assert [(d.doc_id, d.date, d.language) for d in docs] == [
        ("custom-7", "2022-02-16", "pt"), ("two", "2020-05-06", "pt")]


# --- bad inputs ------------------------------------------------------------------------------

def test_missing_file_and_unsupported_type_do_not_stop_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "report.pdf"
    other.write_bytes(b"%PDF-1.4 something")
    items = read([tmp_path / "absent.txt", other, good])
    assert codes(items) == ["E001", "E010"]
    assert problems(items)[0].origin == str(tmp_path / "absent.txt")
    assert ".pdf" in problems(items)[1].message
    assert [d.doc_id for d in documents(items)] == ["good"]


@pytest.mark.parametrize("content", [b"", b"   \n\n \t\n"])
def test_empty_file_is_e002(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    [item] = read([path])
    assert isinstance(item, Problem) and item.code == "E002" and item.origin == str(path)


def test_binary_file_is_e003(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert codes(read([path])) == ["E003"]


def test_latin1_and_cp1252_bytes_are_decoded(tmp_path: Path) -> None:
    spanish = "El ministro de Economía dijo que la reunión será mañana en la capital."
    portuguese = "A cooperação entre São Tomé e Atlântida avançou, disse o ministro à imprensa."
    quoted = "The envoy said “talks went well” – and left."
    (tmp_path / "es.txt").write_bytes(spanish.encode("latin-1"))
    (tmp_path / "pt.txt").write_bytes(portuguese.encode("latin-1"))
    (tmp_path / "quoted.txt").write_bytes(quoted.encode("cp1252"))
    texts = {d.doc_id: d.text for d in documents(read([tmp_path]))}
    assert texts == {"es": spanish, "pt": portuguese, "quoted": quoted}


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    original = "Atlantis’s minister visited Bogotá – a “historic day."
    garbled = original.encode("utf-8").decode("cp1252")
    assert garbled != original
    path = tmp_path / "garbled.txt"
    path.write_text(garbled, encoding="utf-8")
    [doc] = read([path])
    assert doc.text == original


def test_undecodable_file_is_e004(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Valid start".encode("utf-16-le") + b"\x00\xd8")
    [item] = read([path])
    assert item.code == "E004" and "utf-16" in item.message


def test_file_over_the_size_limit_is_e005(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        block = b"The minister spoke again about the same subject at length. " * 17476  # ~1 MB
        for _ in range(51):
            stream.write(block)
    assert big.stat().st_size > 50 * 1024 * 1024
    small = tmp_path / "small.txt"
    small.write_text(ARTICLE, encoding="utf-8")
    items = read([big, small])
    assert codes(items) == ["E005"]
    assert "50 MB" in problems(items)[0].message and problems(items)[0].origin == str(big)
    assert [d.doc_id for d in documents(items)] == ["small"]


def test_size_limit_applies_to_html_too(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<p>Long paragraph text.</p>" * 50000 + "</body></html>")
    assert codes(read([page], max_mb=1)) == ["E005"]


def test_folder_named_like_a_file_is_read_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a_folder.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(ARTICLE, encoding="utf-8")
    assert [d.doc_id for d in documents(read([folder]))] == ["inner"]


class FailingStream(io.BytesIO):
    """A stream whose device fails on the first read."""

    def readline(self, size: int | None = -1) -> bytes:
        raise OSError(5, "Input/output error")


def test_read_error_is_e021_and_the_next_input_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    items = read(["-", good], stdin=FailingStream())
    assert [(p.code, p.origin, p.message) for p in problems(items)] == [
        ("E021", "-", "input could not be read (Input/output error)")]
    assert [d.doc_id for d in documents(items)] == ["good"]


def test_invalid_arguments_raise() -> None:
    with pytest.raises(SuasionError) as error:
        iter_documents(["x.txt"], default_date="someday")
    assert error.value.code == "E011"
    with pytest.raises(SuasionError) as error:
        iter_documents(["x.txt"], max_mb=0)
    assert error.value.code == "E012"
    with pytest.raises(SuasionError) as error:
        iter_documents(["x.txt"], default_language="not a language")
    assert error.value.code == "E012"


# --- JSON Lines --------------------------------------------------------------------------------

def test_jsonl_bad_lines_are_reported_with_line_numbers_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "n1", "text": "First article text.", "date": "2022-01-18T09:00:00Z",
                    "url": "https://example.org/1", "title": "One", "language": "EN", "source": "Wire"}),
        '{"id": "n2", "text": "This line was cut off in the mid',
        "",
        json.dumps({"id": "n3", "title": "No text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id: numbered by line.", "date": "Wed, 16 Feb 2022 10:00:00 GMT"}),
        json.dumps({"id": 44, "text": "   "}),
        json.dumps({"id": 45, "text": "Numeric id."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([path], default_date="2021-12-31")
    assert [(p.code, p.origin) for p in problems(items)] == [
        ("E006", str(path)), ("E007", str(path)), ("E006", str(path)), ("E007", str(path))]
    assert [p.message.split(":")[0] for p in problems(items)] == ["line 2", "line 4", "line 5", "line 7"]
    docs = documents(items)
    assert [(d.doc_id, d.date, d.origin) for d in docs] == [
        ("n1", "2022-01-18", f"{path}:1"), ("batch-6", "2022-02-16", f"{path}:6"),
        ("45", "2021-12-31", f"{path}:8")]
    first = docs[0]
    assert (first.url, first.title, first.language, first.source) == ("https://example.org/1", "One", "en", "Wire")


def test_jsonl_truncated_last_line_and_latin1_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    good = json.dumps({"id": "ok", "text": "La reunión terminó."}, ensure_ascii=False)
    path.write_bytes(good.encode("latin-1") + b"\n" + b'{"id": "cut", "text": "unfinis')
    items = read([path])
    assert [d.text for d in documents(items)] == ["La reunión terminó."]
    assert [(p.code, p.message.split(":")[0]) for p in problems(items)] == [("E006", "line 2")]


def test_jsonl_line_over_the_limit_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "before", "text": "Short one."}) + "\n")
        stream.write(json.dumps({"id": "huge", "text": "word " * 300_000}) + "\n")
        stream.write(json.dumps({"id": "after", "text": "Short two."}) + "\n")
    items = read([path], max_mb=1)
    assert [d.doc_id for d in documents(items)] == ["before", "after"]
    assert [(p.code, p.message) for p in problems(items)] == [("E023", "line 2: longer than the 1 MB limit")]


def test_large_jsonl_is_not_limited_by_max_mb(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = json.dumps({"text": "An ordinary article about a ministerial visit. " * 30}) + "\n"
    path.write_text(line * 1200, encoding="utf-8")  # ~1.7 MB
    assert path.stat().st_size > 1024 * 1024
    items = read([path], max_mb=1)
    assert not problems(items) and len(items) == 1200


def test_binary_jsonl_is_e003(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert codes(read([path])) == ["E003"]


def test_blank_jsonl_is_e002(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n   \n", encoding="utf-8")
    assert codes(read([path])) == ["E002"]


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8">
<title>Ministro visita porto | Diário Exemplo</title>
<meta property="og:title" content="Ministro de Atlântida visita o novo porto">
<meta property="article:published_time" content="2023-05-04T08:00:00-03:00">
</head><body>
<nav><ul><li><a href="/">Início</a></li><li><a href="/mundo">Menu de notícias do mundo</a></li></ul></nav>
<header><div class="logo">Diário Exemplo</div></header>
<article><h1>Ministro de Atlântida visita o novo porto</h1>
<p>O ministro das Relações Exteriores de Atlântida viajou na terça-feira à cidade costeira para inaugurar
um terminal de contêineres financiado por um empréstimo de um banco de desenvolvimento estrangeiro.</p>
<p>Durante a cerimônia, o ministro agradeceu ao banco e prometeu que os dois governos assinariam novos
acordos sobre navegação e pesca antes do fim do ano, segundo fontes oficiais.</p>
<p>Empresários locais elogiaram o projeto, enquanto deputados da oposição questionaram as condições do
empréstimo e pediram a publicação integral do contrato.</p>
</article>
<aside>Mais lidas: fofoca de celebridades</aside>
<footer>Copyright 2023 Diário Exemplo. Assine a nossa newsletter.</footer>
<script>var tracking = "should never be text";</script>
</body></html>"""


def test_html_main_text_without_navigation_or_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "porto.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read([path])
    assert doc.doc_id == "porto"
    assert "inaugurar" in doc.text and "publicação integral do contrato" in doc.text
    for chrome in ("Menu de notícias", "fofoca", "Copyright", "newsletter", "tracking"):
        assert chrome not in doc.text
    assert doc.title == "Ministro de Atlântida visita o novo porto"
    assert doc.date == "2023-05-04"
    assert doc.language == "pt"


def test_html_fallback_extraction_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch) -> None:
    import suasion.ingest.webpage as webpage

    monkeypatch.setattr(webpage, "_trafilatura", lambda markup: {})
    path = tmp_path / "porto.htm"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read([path])
    assert "inaugurar" in doc.text and "Empresários locais" in doc.text
    assert "Menu de notícias" not in doc.text and "Copyright" not in doc.text and "tracking" not in doc.text
    assert doc.title == "Ministro visita porto | Diário Exemplo"


@pytest.mark.parametrize("markup", [
    "<html><body><div><p>The envoy arrived in the capital <b>late on Sunday and met the prime minister",
    "<p>Unclosed <i>tags <div>everywhere</p></i> and the minister spoke</span></td></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>The minister spoke at length.</p></body></html>",
])
def test_broken_html_still_gives_its_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(markup, encoding="utf-8")
    [doc] = read([path])
    assert isinstance(doc, Document) and "minister" in doc.text


@pytest.mark.parametrize("markup", [
    "<html><head><script>var a = 1;</script></head></html>", "<!-- -->",
    "<html><body><img src='x.png'><br/></body></html>",
])
def test_html_without_text_is_e008(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "nothing.html"
    path.write_text(markup, encoding="utf-8")
    assert codes(read([path])) == ["E008"]


# --- feeds -----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Atlantis Wire</title><link>https://wire.example.org/</link><language>en-gb</language>
<item>
  <title>Atlantis and Borduria sign port deal</title>
  <link>https://wire.example.org/2022/02/port-deal?ref=rss</link>
  <guid isPermaLink="true">https://wire.example.org/2022/02/port-deal</guid>
  <pubDate>Wed, 16 Feb 2022 23:30:00 -0500</pubDate>
  <description>&lt;p&gt;Short summary.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Atlantis signed a port agreement with Borduria.</p><p>The deal runs <b>ten</b> years.</p>]]></content:encoded>
</item>
<item>
  <title>Talks postponed</title>
  <description>&lt;p&gt;The summit was postponed &amp;amp; rescheduled.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description>
</item>
<item><title>Headline only</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
  <title>Noticias de Ejemplo</title>
  <id>tag:noticias.example.org,2022:feed</id>
  <updated>2022-03-02T10:00:00Z</updated>
  <entry>
    <title>Borduria y Atlántida firman un acuerdo</title>
    <id>tag:noticias.example.org,2022:entry-81</id>
    <link href="https://noticias.example.org/acuerdo"/>
    <published>2022-03-01T18:00:00+01:00</published>
    <content type="html">&lt;p&gt;Los dos gobiernos firmaron un acuerdo de pesca.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Segunda noticia</title>
    <id>tag:noticias.example.org,2022:entry-82</id>
    <updated>2022-03-02T09:00:00Z</updated>
    <summary>El ministro viajó a la capital.</summary>
  </entry>
</feed>"""


def test_rss_items_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = read([path])
    first, second = documents(items)
    assert first.doc_id == "wire-example-org-2022-02-port-deal"
    assert first.text == "Atlantis signed a port agreement with Borduria.\nThe deal runs ten years."
    assert first.date == "2022-02-16"
    assert first.url == "https://wire.example.org/2022/02/port-deal?ref=rss"
    assert (first.title, first.language, first.source) == ("Atlantis and Borduria sign port deal", "en", "Atlantis Wire")
    assert first.origin == f"{path}#1"
    assert second.doc_id == "wire-2"
    assert second.text == "The summit was postponed & rescheduled."
    assert [(p.code, p.message) for p in problems(items)] == [("E022", "feed item 3 has neither content nor summary")]


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "noticias.atom"
    path.write_text(ATOM, encoding="utf-8")
    items = read([path])
    assert not problems(items)
    first, second = documents(items)
    assert first.doc_id == "tag-noticias-example-org-2022-entry-81"
    assert first.text == "Los dos gobiernos firmaron un acuerdo de pesca."
    assert (first.date, first.language, first.url) == ("2022-03-01", "es", "https://noticias.example.org/acuerdo")
    assert (second.text, second.date) == ("El ministro viajó a la capital.", "2022-03-02")


def test_feed_is_recognised_by_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "saved-feed.txt"
    path.write_text(ATOM, encoding="utf-8")
    assert len(documents(read([path]))) == 2


def test_broken_feed_yields_the_items_that_parsed_and_e009(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(RSS[: RSS.index("<item><title>Headline only")] + "<item><title>Cut", encoding="utf-8")
    items = read([path])
    assert [d.title for d in documents(items)] == ["Atlantis and Borduria sign port deal", "Talks postponed"]
    assert codes(items)[-1] == "E009" and problems(items)[-1].origin == str(path)


@pytest.mark.parametrize("content", ["this is not xml at all <<", "<?xml version='1.0'?><urlset><url>x</url></urlset>"])
def test_unparseable_feed_is_e009(tmp_path: Path, content: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(content, encoding="utf-8")
    assert codes(read([path])) == ["E009"]


# --- folders and stdin -----------------------------------------------------------------------

def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.txt", "b/y.md", "a/deep/x.txt", "c.txt", ".hidden/h.txt", "notes.docx", ".dot.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "page.html").write_text(PAGE, encoding="utf-8")
    docs = documents(read([tmp_path]))
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs] == [
        "a/deep/x.txt", "a/page.html", "b/y.md", "b/z.txt", "c.txt"]


def test_folder_without_known_files_is_e020(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert codes(read([tmp_path])) == ["E020"]


def test_stdin_plain_text() -> None:
    stdin = io.StringIO("title: From a pipe\n---\n" + ARTICLE)
    [doc] = read(["-"], stdin=stdin, default_date="2022-02")
    assert (doc.doc_id, doc.title, doc.text, doc.date, doc.origin) == ("stdin", "From a pipe", ARTICLE, "2022-02", "-")


def test_stdin_jsonl_is_detected_from_the_first_character() -> None:
    stdin = io.BytesIO(b"\n  \n" + json.dumps({"id": "p1", "text": "Piped article."}).encode() + b"\nnot json\n")
    items = read(["-"], stdin=stdin)
    assert [d.doc_id for d in documents(items)] == ["p1"]
    assert [(p.code, p.origin, p.message.split(":")[0]) for p in problems(items)] == [("E006", "-", "line 4")]


def test_stdin_binary_and_empty() -> None:
    assert codes(read(["-"], stdin=io.BytesIO(b"\x00\x01binary\x00"))) == ["E003"]
    assert codes(read(["-"], stdin=io.BytesIO(b"  \n\n"))) == ["E002"]
    assert codes(read(["-"], stdin=io.BytesIO(b"x" * (1024 * 1024 + 10)), max_mb=1)) == ["E005"]


class CountingLines(io.BytesIO):
    """A stream that counts how many lines were taken from it."""

    taken = 0

    def readline(self, size: int | None = -1) -> bytes:
        self.taken += 1
        return super().readline(size)


def test_jsonl_is_streamed_not_read_whole() -> None:
    stream = CountingLines(b"".join(json.dumps({"text": f"Article {n}."}).encode() + b"\n" for n in range(1000)))
    items = iter_documents(["-"], stdin=stream)
    assert stream.taken == 0  # nothing is read before the first document is asked for
    first = next(items)
    assert first.text == "Article 0." and stream.taken <= 2


# --- metadata --------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("2022-02-16", "2022-02-16"), ("2022-02-16T23:30:00-05:00", "2022-02-16"), ("2022-02", "2022-02"),
    ("2022", "2022"), ("20220216", "2022-02-16"), ("2022/2/3", "2022-02-03"),
    ("Wed, 16 Feb 2022 10:00:00 GMT", "2022-02-16"), ("16 Feb 2022 10:00:00 +0000", "2022-02-16"),
    ("February 16, 2022", "2022-02-16"), ("Feb. 16, 2022", "2022-02-16"), ("Thursday, February 17, 2022", "2022-02-17"),
    ("December 23, 2021 GMT", "2021-12-23"), ("16 de febrero de 2022", "2022-02-16"),
    ("3 de março de 2021", "2021-03-03"), ("febrero de 2022", "2022-02"), ("16/02/2022", "2022-02-16"),
    ("2022-02-30", None), ("2022-13", None), ("someday", None), ("", None), (None, None), (2021, "2021"),
])
def test_normalise_date(value, expected) -> None:
    assert normalise_date(value) == expected


def test_normalise_language_and_slugify() -> None:
    assert [normalise_language(v) for v in ("pt-BR", "ES", "English", "español", "", "??", None)] == [
        "pt", "es", "en", "es", None, None, None]
    assert slugify("https://www.example.org/News/2022/Port-Deal/") == "example-org-news-2022-port-deal"
    long_slug = slugify("https://example.org/" + "segment/" * 40)
    assert len(long_slug) <= 80 and long_slug == slugify("https://example.org/" + "segment/" * 40)
    assert long_slug != slugify("https://example.org/" + "segment/" * 41)


# --- the shared corpus -----------------------------------------------------------------------

@pytest.mark.shared
def test_shared_corpus_files_are_read_with_their_headers() -> None:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    items = read([corpus / "dev", corpus / "seed"])
    assert not problems(items)
    docs = documents(items)
    assert len(docs) == len(list((corpus / "dev").glob("*.txt"))) + 1
    for doc in docs:
        assert doc.text.strip()
        if doc.doc_id != "seed":
            assert doc.url and doc.title and doc.language in {"en", "es", "pt"}
            assert doc.date and normalise_date(doc.date) == doc.date
            assert not doc.text.startswith(("url:", "---"))
