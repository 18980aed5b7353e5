"""Spanish and Portuguese event coding: the lexicons compile and cover PLOVER, verbs inflect from
their paradigms, dates resolve, and golden sentences written by the project are coded as expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from suasion.codebooks import load
from suasion.evaluate.benchmarks import Benchmark, run_benchmark
from suasion.extract.lexicon import (
    SUPPORTED_LANGUAGES,
    ParadigmInflector,
    compile_lexicon,
    function_words,
    lexicon_for,
)
from suasion.model.records import PLOVER_TYPES, Document
from suasion.pipeline import process_batch
from suasion.resolve.dates import find_dates
from suasion.resolve.text import tokenize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ROMANCE = ("es", "pt")

# (language, publication date, preceding sentence or "", sentence, partial expectations)
GOLDEN = [
    ('es', '2021-09-28', 'Estados Unidos criticó la visita de Maduro a Moscú.',
     'El gobierno venezolano rechazó las críticas.',
     [dict(event_type='REJECT', actor='VEN', recipient='USA')]),
    ('pt', '2023-03-27', '',
     'O Paraguai anunciou no domingo o fim dos laços com a Coreia do Norte.',
     [dict(event_type='SANCTION', actor='PRY', recipient='PRK')]),
    ('pt', '2022-02-25', '',
     'A aproximação ficou clara com a visita a Pequim dos presidentes do Chile, Gabriel Boric, e da Colômbia, Gustavo Petro.',
     [dict(event_type='CONSULT', actor='CHL', recipient='CHN'), dict(event_type='CONSULT', actor='COL', recipient='CHN')]),
    ('pt', '2022-02-25', '',
     'O Irã conta com todo o apoio da Venezuela diante das sanções.',
     [dict(event_type='SUPPORT', actor='VEN', recipient='IRN')]),
    ('es', '2022-02-25', '',
     'Cuba cuenta con el respaldo de México en la ONU.',
     [dict(event_type='SUPPORT', actor='MEX', recipient='CUB')]),
    ('es', '2021-12-10', 'Nicaragua rompió relaciones diplomáticas con Taiwán el jueves.',
     'Pekín celebró la decisión.',
     [dict(event_type='SUPPORT', actor='CHN', recipient='NIC')]),
    ('pt', '2023-04-14', 'Lula se reuniu com Xi Jinping em Pequim nesta sexta-feira.',
     'O presidente segue no sábado para os Emirados Árabes Unidos.',
     [dict(event_type='CONSULT', actor='BRA', recipient='ARE', modality='future', date='2023-04-15')]),
    ('es', '2022-06-06', '',
     'El mandatario de Guatemala criticó a Washington por sancionar a la fiscal general de su país.',
     [dict(event_type='ACCUSE', actor='GTM', recipient='USA'), dict(event_type='SANCTION', actor='USA', recipient='GTM')]),
    ('es', '2023-09-16', '',
     'Cientos de rusos étnicos protestaron en Riga contra la nueva ley de idiomas.',
     [dict(event_type='PROTEST', actor='LVA')]),
    ('pt', '2023-09-16', '',
     'Centenas de russos étnicos protestaram em Riga contra a nova lei.',
     [dict(event_type='PROTEST', actor='LVA')]),
    ('pt', '2023-04-10', '',
     'Lula embarca na quarta-feira para uma viagem à China, com escala em Nova York.',
     [dict(event_type='CONSULT', actor='BRA', recipient='CHN')]),
    ('es', '2021-09-25', '',
     'El presidente ruso, Vladimir Putin, se reunió el martes con el mandatario venezolano, Nicolás Maduro, en Moscú.',
     [dict(event_type='CONSULT', actor='RUS', recipient='VEN', modality='asserted', date='2021-09-21')]),
    ('es', '2023-10-20', '',
     'El presidente colombiano, Gustavo Petro, conversó por teléfono con Xi Jinping sobre el comercio bilateral.',
     [dict(event_type='CONSULT', actor='COL', recipient='CHN', mode='phone')]),
    ('es', '2022-02-10', '',
     'El canciller ruso, Serguéi Lavrov, visitará Caracas la próxima semana.',
     [dict(event_type='CONSULT', actor='RUS', recipient='VEN', modality='future', date='2022-02')]),
    ('es', '2023-06-01', '',
     'La Casa Rosada recibió al primer ministro chino en una visita oficial.',
     [dict(event_type='CONSULT', actor='CHN', recipient='ARG', mode='visit')]),
    ('es', '2019-03-01', '',
     'Miraflores condenó las sanciones de Washington contra la petrolera estatal.',
     [dict(event_type='ACCUSE', actor='VEN')]),
    ('es', '2021-12-11', '',
     'El gobierno de Nicaragua rompió relaciones diplomáticas con Taiwán el jueves.',
     [dict(event_type='SANCTION', actor='NIC', recipient='TWN', date='2021-12-09')]),
    ('es', '2023-03-27', '',
     'Honduras estableció relaciones diplomáticas con China.',
     [dict(event_type='SUPPORT', actor='HND', recipient='CHN')]),
    ('es', '2022-02-07', '',
     'Argentina firmó un memorando de entendimiento con China para sumarse a la Franja y la Ruta.',
     [dict(event_type='SUPPORT', actor='ARG', recipient='CHN')]),
    ('es', '2022-05-01', '',
     'Rusia prometió enviar más fertilizantes a Bolivia.',
     [dict(event_type='AGREE', actor='RUS', recipient='BOL', modality='asserted')]),
    ('es', '2021-04-01', '',
     'China donó 500.000 dosis de vacunas a Ecuador.',
     [dict(event_type='AID', actor='CHN', recipient='ECU')]),
    ('es', '2020-01-15', '',
     'Moscú vendió tanques y aviones de combate a Nicaragua.',
     [dict(event_type='AID', actor='RUS', recipient='NIC')]),
    ('es', '2019-08-06', '',
     'Estados Unidos impuso nuevas sanciones a funcionarios venezolanos.',
     [dict(event_type='SANCTION', actor='USA', recipient='VEN')]),
    ('es', '2022-02-10', '',
     'El Departamento de Estado instó a Bolsonaro a postergar su viaje a Moscú.',
     [dict(event_type='REQUEST', actor='USA', recipient='BRA')]),
    ('es', '2021-07-13', '',
     'Cuba acusó a Estados Unidos de financiar las protestas.',
     [dict(event_type='ACCUSE', actor='CUB', recipient='USA')]),
    ('es', '2019-02-01', '',
     'El gobierno venezolano rechazó el ultimátum de la Unión Europea.',
     [dict(event_type='REJECT', actor='VEN', recipient='EU')]),
    ('es', '2022-01-14', '',
     'Rusia amenazó con desplegar misiles en Cuba.',
     [dict(event_type='THREATEN', actor='RUS', recipient='CUB')]),
    ('es', '2022-01-14', '',
     'El viceministro ruso Serguéi Riabkov no descartó el envío de tropas a Venezuela.',
     [dict(event_type='THREATEN', actor='RUS', modality='asserted')]),
    ('es', '2019-01-24', '',
     'En Venezuela, miles de manifestantes marcharon contra el gobierno.',
     [dict(event_type='PROTEST', actor='VEN')]),
    ('es', '2021-06-15', '',
     'La policía nicaragüense detuvo a dos periodistas opositores.',
     [dict(event_type='COERCE', actor='NIC', recipient='NIC')]),
    ('es', '2022-03-01', '',
     'Rusia invadió Ucrania el 24 de febrero de 2022.',
     [dict(event_type='ASSAULT', actor='RUS', recipient='UKR', date='2022-02-24')]),
    ('es', '2019-01-10', '',
     'Rusia desplegó dos bombarderos estratégicos en Venezuela.',
     [dict(event_type='MOBILIZE', actor='RUS', recipient='VEN')]),
    ('es', '2020-09-10', '',
     'China y Venezuela realizaron ejercicios militares conjuntos.',
     [dict(event_type='COOPERATE', actor='CHN', recipient='VEN')]),
    ('es', '2022-05-18', '',
     'El gobierno de Joe Biden levantó algunas sanciones petroleras contra Venezuela.',
     [dict(event_type='RETREAT', actor='USA', recipient='VEN')]),
    ('es', '2023-02-10', '',
     'El régimen de Daniel Ortega liberó a 222 presos políticos.',
     [dict(event_type='RETREAT', actor='NIC')]),
    ('es', '2021-05-01', '',
     'El gobierno colombiano aceptó las exigencias de los manifestantes.',
     [dict(event_type='CONCEDE', actor='COL')]),
    ('es', '2023-10-18', 'El presidente chileno, Gabriel Boric, llegó a Pekín el lunes.',
     'Conversó con Xi Jinping durante dos horas.',
     [dict(event_type='CONSULT', actor='CHL', recipient='CHN')]),
    ('es', '2023-03-01', '',
     'Según fuentes diplomáticas, Lula podría visitar Caracas en mayo.',
     [dict(event_type='CONSULT', actor='BRA', recipient='VEN', modality='hypothetical')]),
    ('es', '2023-03-01', '',
     'Argentina no firmó el acuerdo con China.',
     [dict(event_type='REJECT', actor='ARG', recipient='CHN', modality='asserted')]),
    ('es', '2024-06-01', '',
     'Xi Jinping visitará Lima en noviembre.',
     [dict(event_type='CONSULT', actor='CHN', recipient='PER', modality='future', date='2024-11')]),
    ('es', '2019-03-01', '',
     'El Palacio de Nariño expresó su preocupación por la presencia de tropas rusas en Venezuela.',
     [dict(event_type='ACCUSE', actor='COL')]),
    ('es', '2022-02-20', '',
     'El 16 de febrero de 2022, Bolsonaro se reunió con Putin en el Kremlin.',
     [dict(event_type='CONSULT', actor='BRA', recipient='RUS', date='2022-02-16')]),
    ('es', '2023-05-10', '',
     'La semana pasada, el canciller brasileño viajó a Buenos Aires.',
     [dict(event_type='CONSULT', actor='BRA', recipient='ARG', mode='visit', date='2023-05')]),
    ('es', '2018-11-20', '',
     'Maduro agradeció a China por su apoyo económico.',
     [dict(event_type='SUPPORT', actor='VEN', recipient='CHN')]),
    ('es', '2022-03-02', '',
     'México pidió a Rusia que retire sus tropas de Ucrania.',
     [dict(event_type='REQUEST', actor='MEX', recipient='RUS')]),
    ('pt', '2023-04-15', '',
     'O presidente Lula se reuniu com o presidente chinês, Xi Jinping, em Pequim nesta sexta-feira.',
     [dict(event_type='CONSULT', actor='BRA', recipient='CHN', date='2023-04-14')]),
    ('pt', '2022-01-27', '',
     'Putin telefonou para Maduro na terça-feira passada.',
     [dict(event_type='CONSULT', actor='RUS', recipient='VEN', mode='phone', date='2022-01-25')]),
    ('pt', '2022-03-01', '',
     'O Itamaraty convocou o embaixador russo para dar explicações.',
     [dict(event_type='ACCUSE', actor='BRA', recipient='RUS')]),
    ('pt', '2021-05-01', '',
     'O Planalto criticou as declarações do governo americano.',
     [dict(event_type='ACCUSE', actor='BRA', recipient='USA')]),
    ('pt', '2023-04-14', '',
     'A China prometeu investir bilhões de dólares em infraestrutura no Brasil.',
     [dict(event_type='AGREE', actor='CHN', recipient='BRA', modality='asserted')]),
    ('pt', '2023-04-14', '',
     'Brasil e China assinaram 15 acordos de cooperação.',
     [dict(event_type='SUPPORT', actor='BRA', recipient='CHN')]),
    ('pt', '2024-06-13', '',
     'A Rússia enviou dois navios de guerra a Havana.',
     [dict(event_type='MOBILIZE', actor='RUS', recipient='CUB')]),
    ('pt', '2021-11-16', '',
     'Os Estados Unidos impuseram sanções contra a Nicarágua.',
     [dict(event_type='SANCTION', actor='USA', recipient='NIC')]),
    ('pt', '2024-07-30', '',
     'A Venezuela expulsou diplomatas argentinos.',
     [dict(event_type='SANCTION', actor='VEN', recipient='ARG')]),
    ('pt', '2022-02-25', '',
     'Bolsonaro recusou-se a condenar a invasão russa.',
     [dict(event_type='REJECT', actor='BRA', modality='asserted')]),
    ('pt', '2022-01-20', '',
     'O governo argentino pediu ao FMI que renegociasse a dívida.',
     [dict(event_type='REQUEST', actor='ARG', recipient='IMF')]),
    ('pt', '2022-03-10', '',
     'A Rússia ameaçou retaliar contra os Estados Unidos.',
     [dict(event_type='THREATEN', actor='RUS', recipient='USA')]),
    ('pt', '2022-11-02', '',
     'No Brasil, milhares de manifestantes protestaram contra o resultado da eleição.',
     [dict(event_type='PROTEST', actor='BRA')]),
    ('pt', '2024-01-10', '',
     'A polícia venezuelana prendeu um líder da oposição.',
     [dict(event_type='COERCE', actor='VEN', recipient='VEN')]),
    ('pt', '2022-03-05', '',
     'Forças russas bombardearam a cidade ucraniana de Kharkiv.',
     [dict(event_type='ASSAULT', actor='RUS', recipient='UKR')]),
    ('pt', '2021-06-01', '',
     'A China doou 200 mil doses de vacinas à Bolívia.',
     [dict(event_type='AID', actor='CHN', recipient='BOL')]),
    ('pt', '2021-03-01', '',
     'A Rússia forneceu helicópteros militares à Venezuela.',
     [dict(event_type='AID', actor='RUS', recipient='VEN')]),
    ('pt', '2019-07-15', '',
     'A Rússia realizou manobras militares conjuntas com a Venezuela.',
     [dict(event_type='COOPERATE', actor='RUS', recipient='VEN')]),
    ('pt', '2023-10-19', '',
     'Os Estados Unidos suspenderam parte das sanções contra o petróleo venezuelano.',
     [dict(event_type='RETREAT', actor='USA', recipient='VEN')]),
    ('pt', '2022-12-20', '',
     'O governo peruano aceitou as exigências dos manifestantes.',
     [dict(event_type='CONCEDE', actor='PER')]),
    ('pt', '2023-04-18', 'O chanceler brasileiro, Mauro Vieira, chegou a Moscou no domingo.',
     'Reuniu-se com Lavrov na segunda-feira.',
     [dict(event_type='CONSULT', actor='BRA', recipient='RUS')]),
    ('pt', '2023-03-01', '',
     'Lula vai visitar a China em abril.',
     [dict(event_type='CONSULT', actor='BRA', recipient='CHN', modality='future', date='2023-04')]),
    ('pt', '2019-01-10', '',
     'Segundo o jornal, a Rússia poderia enviar tropas à Venezuela.',
     [dict(event_type='MOBILIZE', actor='RUS', recipient='VEN', modality='hypothetical')]),
    ('pt', '2022-02-20', '',
     'Em 16 de fevereiro de 2022, Bolsonaro visitou Moscou.',
     [dict(event_type='CONSULT', actor='BRA', recipient='RUS', date='2022-02-16')]),
    ('pt', '2023-05-10', '',
     'Na semana passada, o Kremlin recebeu uma delegação cubana.',
     [dict(event_type='CONSULT', actor='CUB', recipient='RUS', date='2023-05')]),
    ('pt', '2023-03-10', '',
     'Ontem, o presidente colombiano, Gustavo Petro, criticou Washington.',
     [dict(event_type='ACCUSE', actor='COL', recipient='USA', date='2023-03-09')]),
    ('pt', '2019-01-24', '',
     'A Casa Rosada retirou seu embaixador de Caracas.',
     [dict(event_type='SANCTION', actor='ARG', recipient='VEN')]),
    ('pt', '2022-01-14', '',
     'O vice-chanceler russo não descartou enviar navios de guerra a Cuba.',
     [dict(event_type='THREATEN', actor='RUS', modality='asserted')]),
    ('pt', '2023-07-28', '',
     'Nesta quinta (27), Putin prometeu perdoar a dívida de países africanos.',
     [dict(event_type='AGREE', actor='RUS', date='2023-07-27')]),
    ('pt', '2023-04-14', '',
     'Xi elogiou o presidente brasileiro pela defesa do multilateralismo.',
     [dict(event_type='SUPPORT', actor='CHN', recipient='BRA')]),
    ('pt', '2021-01-10', '',
     'O Brasil não participará da cúpula em Caracas.',
     [dict(event_type='CONSULT', actor='BRA', modality='negated')]),
    ('es', '2022-01-20', '',
     'El Kremlin negó haber enviado tropas a Venezuela.',
     [dict(event_type='MOBILIZE', actor='RUS', recipient='VEN', modality='negated')]),
    ('es', '2023-08-01', '',
     'Está previsto que Petro visite Pekín en octubre.',
     [dict(event_type='CONSULT', actor='COL', recipient='CHN', modality='future', date='2023-10')]),
    ('es', '2023-08-01', '',
     'Boric tiene previsto viajar a China en octubre.',
     [dict(event_type='CONSULT', actor='CHL', recipient='CHN', modality='future')]),
    ('es', '2024-01-20', '',
     'Milei planea visitar Israel el próximo mes.',
     [dict(event_type='CONSULT', actor='ARG', recipient='ISR', modality='future', date='2024-02')]),
    ('es', '2022-06-01', '',
     'El mandatario boliviano, Luis Arce, se reunirá con Putin en Moscú.',
     [dict(event_type='CONSULT', actor='BOL', recipient='RUS', modality='future')]),
    ('es', '2022-06-01', '',
     'China está dispuesta a ampliar la cooperación con Uruguay.',
     [dict(event_type='AGREE', actor='CHN', recipient='URY', modality='asserted')]),
    ('pt', '2023-05-02', '',
     'Lula vai se reunir com Biden na próxima semana.',
     [dict(event_type='CONSULT', actor='BRA', recipient='USA', modality='future', date='2023-05')]),
    ('pt', '2023-05-02', '',
     'O governo brasileiro pretende assinar um acordo comercial com a China.',
     [dict(event_type='AGREE', actor='BRA', recipient='CHN')]),
    ('pt', '2022-02-15', '',
     'A Rússia negou que pretenda invadir a Ucrânia.',
     [dict(event_type='ASSAULT', actor='RUS', recipient='UKR', modality='negated')]),
    ('pt', '2022-02-15', '',
     'O presidente russo deverá receber o presidente argentino na quinta-feira.',
     [dict(event_type='CONSULT', actor='ARG', recipient='RUS', modality='future', date='2022-02-17')]),
    ('pt', '2021-02-01', '',
     'O Itamaraty afirmou que o Brasil poderia sancionar autoridades venezuelanas.',
     [dict(event_type='SANCTION', actor='BRA', recipient='VEN', modality='hypothetical')]),
]


def _matches(expected: dict, event: dict) -> bool:
    for key, value in expected.items():
        if key in ("actor", "recipient"):
            if (event[key] or {}).get("code") != value:
                return False
        elif event.get(key) != value:
            return False
    return True


@pytest.mark.parametrize("language,date,context,text,expected", GOLDEN,
                         ids=[f"{case[0]}-{i:02d}" for i, case in enumerate(GOLDEN)])
def test_golden_sentence(language, date, context, text, expected):
    body = (context + "\n\n" if context else "") + text
    (_doc, _text, sentences, events), = process_batch([Document("golden", body, date=date, language=language)])
    assert all(s.language == language for s in sentences)
    found = [e.to_dict() for e in events if e.sentence.strip() == text]
    missing = [exp for exp in expected if not any(_matches(exp, e) for e in found)]
    got = [(e["event_type"], (e["actor"] or {}).get("code"), (e["recipient"] or {}).get("code"), e["modality"],
            e["date"], e["mode"]) for e in found]
    assert not missing, f"missing {missing}; got {got}"


def test_golden_sentences_cover_every_type_in_both_languages():
    for language in ROMANCE:
        types = {exp["event_type"] for lang, _d, _c, _t, expected in GOLDEN if lang == language
                 for exp in expected}
        assert types == set(PLOVER_TYPES), sorted(set(PLOVER_TYPES) - types)


# -- lexicons --------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ROMANCE)
def test_lexicon_compiles_with_the_sections_of_english_and_every_plover_type(language):
    assert language in SUPPORTED_LANGUAGES
    english = load("lexicon/en.yaml")
    data = load(f"lexicon/{language}.yaml")
    assert set(english) - {"inflection"} <= set(data)
    assert set(english["grammar"]) <= set(data["grammar"])
    lex = lexicon_for(language)
    assert lex.language == language
    types = {trig.type for readings in lex.triggers.values() for trig in readings}
    assert types == set(PLOVER_TYPES)
    assert set(lex.embedding.values()) == set(english["embedding"])
    assert lex.grammar.pro_drop and lex.grammar.adjective_after_noun


@pytest.mark.parametrize("language", ROMANCE)
def test_single_word_verb_triggers_never_spell_a_function_word(language):
    lex = lexicon_for(language)
    closed = function_words(lex) | lex.grammar.verb_lead
    clashes = sorted(phrase[0] for phrase, readings in lex.triggers.items()
                     if len(phrase) == 1 and phrase[0] in closed and any(not t.nominal for t in readings))
    assert not clashes
    assert not lex.verb_forms & function_words(lex)


@pytest.mark.parametrize("language,phrase,lemma", [
    ("es", "se reunió con", "reunirse"),
    ("es", "se han reunido", "reunirse"),
    ("es", "reuniéndose", "reunirse"),
    ("es", "impuso", "imponer"),          # derived from the irregular "poner"
    ("es", "construyó", "construir"),     # the -uir paradigm
    ("es", "pidieron", "pedir"),          # stem-changing
    ("es", "llamó a", "llamar a"),
    ("pt", "reuniu-se", "reunir-se"),
    ("pt", "se reuniu", "reunir-se"),
    ("pt", "vai se reunir", "reunir-se"),
    ("pt", "impôs", "impor"),
    ("pt", "constrói", "construir"),
    ("pt", "deteve", "deter"),
])
def test_inflected_and_reflexive_forms_reach_their_trigger(language, phrase, lemma):
    lex = lexicon_for(language)
    tokens = [t.norm for t in tokenize(phrase)]
    lemmas = {trig.lemma for start in range(len(tokens)) for end in range(start + 1, len(tokens) + 1)
              for trig in lex.triggers.get(tuple(tokens[start:end]), [])}
    assert lemma in lemmas


def test_a_reflexive_verb_needs_its_pronoun():
    lex = lexicon_for("es")
    assert ("reunieron",) not in lex.triggers  # "reunieron fondos" is no meeting
    assert ("se", "reunieron") in lex.triggers


@pytest.mark.parametrize("language,form,modality", [
    ("es", "visitará", "future"), ("es", "visitaría", "hypothetical"), ("es", "romperá", "future"),
    ("pt", "visitará", "future"), ("pt", "visitaria", "hypothetical"), ("pt", "imporá", "future"),
])
def test_verb_forms_carry_their_modality(language, form, modality):
    assert lexicon_for(language).form_modality[tokenize(form)[0].norm] == modality


def test_english_keeps_its_inflector():
    lex = lexicon_for("en")
    assert ("visited",) in lex.triggers and ("meeting",) in lex.triggers
    assert not lex.form_modality


TOY = {
    "language": "xx",
    "inflection": {
        "paradigms": {"ar": {"present": ["a"], "past": ["ou"], "future": ["ará"], "participle": ["ado"]}},
        "irregular": {"dar": {"only": True, "past": ["deu"]}},
        "clitics": {"joiner": "-", "attach_to": ["infinitive", "past"], "pronouns": []},
        "tenses": {"past": ["past"], "participle": ["participle"], "future": ["future"]},
    },
    "grammar": {"reflexive_pronouns": ["se"], "perfect_aux": ["tem"], "pro_drop": True},
    "determiners": ["o"],
    "triggers": [
        {"v": ["encontrar-se com"], "type": "CONSULT"},
        {"v": ["dar"], "type": "AID", "with": ["ajuda"]},
        {"n": ["ataque a"], "type": "ASSAULT"},
    ],
    "embedding": {"commit": ["prometer"]},
}


def test_a_toy_language_compiles_from_data_alone():
    lex = compile_lexicon(TOY)
    assert lex.language == "xx"
    for phrase in [("se", "encontrou", "com"), ("encontrou-se", "com"), ("se", "tem", "encontrado", "com"),
                   ("encontrar-se", "com"), ("deu",), ("ataque", "a")]:
        assert phrase in lex.triggers, phrase
    assert ("dou",) not in lex.triggers  # `only`: no regular forms for "dar"
    assert lex.form_modality["encontrara"] == "future"
    assert "encontrou" in lex.grammar.irregular_past
    assert "encontrado" in lex.grammar.irregular_participles
    assert lex.grammar.pro_drop


STEMS = st.text(alphabet="bcdfglmnprstv", min_size=2, max_size=6)


@given(stem=STEMS, ending=st.sampled_from(["ar", "er", "ir"]))
def test_every_paradigm_form_is_the_stem_plus_a_suffix(stem, ending):
    inflector = ParadigmInflector.from_data(load("lexicon/es.yaml")["inflection"])
    lemma = stem + ending
    table = inflector.tenses(lemma)
    assert table["infinitive"] == {lemma}
    forms = set().union(*table.values())
    assert all(form.startswith(stem) for form in forms)
    assert len(forms) > 20


# -- dates -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language,text,pub,expected", [
    ("es", "El 16 de febrero de 2022 firmaron el acuerdo.", "2022-03-01", "2022-02-16"),
    ("es", "Se reunieron el martes pasado.", "2022-01-20", "2022-01-18"),
    ("es", "Se reunieron este martes.", "2022-01-18", "2022-01-18"),
    ("es", "Viajará el martes próximo.", "2022-01-20", "2022-01-25"),
    ("es", "Lo anunció la semana pasada.", "2022-03-03", "2022-02"),
    ("es", "Llegaron a mediados de enero.", "2022-03-03", "2022-01"),
    ("es", "Lo visitará el próximo mes.", "2022-03-03", "2022-04"),
    ("es", "Ayer firmaron el acuerdo.", "2022-03-03", "2022-03-02"),
    ("es", "Hoy firmaron el acuerdo.", "2022-03-03", "2022-03-03"),
    ("es", "Rompió relaciones en 1985.", "2022-03-03", "1985"),
    ("pt", "Em 16 de fevereiro de 2022, Bolsonaro visitou Moscou.", "2022-03-01", "2022-02-16"),
    ("pt", "Eles se reuniram nesta terça-feira.", "2022-01-20", "2022-01-18"),
    ("pt", "O anúncio foi feito nesta quinta (27).", "2023-07-28", "2023-07-27"),
    ("pt", "Chegaram na semana passada.", "2022-03-03", "2022-02"),
    ("pt", "Chegaram em meados de janeiro.", "2022-03-03", "2022-01"),
    ("pt", "Ontem ele falou com Putin.", "2022-03-03", "2022-03-02"),
    ("pt", "Hoje ele falou com Putin.", "2022-03-03", "2022-03-03"),
    ("pt", "No dia 14 de março, Xiomara anunciou a decisão.", "2023-03-27", "2023-03-14"),
])
def test_spanish_and_portuguese_dates(language, text, pub, expected):
    found = find_dates(tokenize(text), dt.date.fromisoformat(pub), lexicon_for(language).dates)
    assert [d.value for d in found] == [expected]


@pytest.mark.parametrize("language,text", [
    ("pt", "A segunda cúpula Rússia-África foi em Sochi."),   # an ordinal, not Monday
    ("pt", "No marco da parceria, assinaram um acordo."),      # "marco" is not "março"
    ("es", "En el marco de la asociación estratégica."),
    ("es", "Se reunieron a mediados del año."),
])
def test_words_that_only_look_like_dates(language, text):
    assert find_dates(tokenize(text), dt.date(2022, 3, 3), lexicon_for(language).dates) == []


def test_english_dates_are_unchanged():
    rules = lexicon_for("en").dates
    pub = dt.date(2022, 1, 20)
    assert [d.value for d in find_dates(tokenize("They met last Tuesday."), pub, rules)] == ["2022-01-18"]
    assert [d.value for d in find_dates(tokenize("They met on February 16, 2021."), pub, rules)] == ["2021-02-16"]
    assert find_dates(tokenize("They may meet on tuesday."), pub, rules) == []


# -- corpora ---------------------------------------------------------------------------------------
def test_spanish_and_portuguese_examples_score_at_least_half():
    bench = Benchmark("examples-es-pt", "examples/articles", "examples/expected.jsonl", ROMANCE)
    assert run_benchmark(ROOT, bench).f1 >= 0.5


def test_spanish_and_portuguese_dev_documents_score_at_least_half():
    if not (SHARED / "eval" / "gold" / "dev").is_dir():
        pytest.skip("the shared gold (../shared) is not present")
    bench = Benchmark("dev-es-pt", "corpus/dev", "eval/gold/dev", ROMANCE)
    assert run_benchmark(SHARED, bench).f1 >= 0.5
