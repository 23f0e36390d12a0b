#!/usr/bin/env python3
"""Writes the held-out alignment set tests/data/align-heldout/ from real news text.

Source: ../shared/corpus/parallel/wmt_news_es_en.tsv and flores_ntrex_es_en.tsv
(es<TAB>en, one professionally translated sentence pair a line, consecutive
lines consecutive sentences of news articles; origin and licence in
../shared/corpus/parallel/SOURCES.md). Nothing here is read by the aligner's
development: these pairs are for measuring it on documents it was not tuned on.

Clean pairs (one folder each, named <set>-L<first line>):
  * a run of 15-60 consecutive lines starting at a headline (a line of fewer
    than 90 English characters not ending in . ? ! or a quote, followed by a
    longer line); a trailing headline-like line is dropped. The first line is
    the release title; every later headline-like line is a heading (a
    paragraph of its own); the other lines are grouped, in order, into
    paragraphs of 1-5 sentences (sizes drawn at random);
  * release boilerplate written for the test is appended on both sides (one of
    four "Acerca de X" / "About X" blocks: heading, a two-sentence paragraph,
    a contact heading and a contact line with a URL and an e-mail address);
  * real non-1-1 beads: two consecutive English sentences of one paragraph are
    joined into one line (the Spanish pair stays two lines: a 2-1 bead), and
    the longest English sentence with a "; " or ", " is split at the one
    nearest its middle (a 1-2 bead); in odd-numbered pairs two Spanish
    sentences are joined as well (a 1-2 bead). Joins use "; " and lower the
    first letter of the second sentence when it is a function word.
Gold: clean.gold.tsv, `es_indices<TAB>en_indices` as in tests/data/align.

Variants (gold links follow the sentences, as in scripts/align-perturb.py):
  * the eight of scripts/align-perturb.py (del-en, del-es, add-es, add-en,
    merge-XX, split-XX, swap-XX), made by its own perturb();
  * harsher ones, on side XX = en for even-numbered pairs, es for odd ones:
      del2-XX     two body paragraphs deleted (the largest and the largest
                  one not next to it)
      delmerge-XX the largest body paragraph deleted on side XX and two 1-1
                  sentences merged on the other side
      noabout-XX  the whole "About"/contact block (last four paragraphs)
                  missing on side XX
      move-XX     the first body paragraph of 2+ sentences moved to just
                  before the "About" block (far from its place)
      nohead-XX   a short heading line missing on side XX (the first heading
                  after the title, or the title when there is none)

  python3 scripts/align-heldout.py [OUT_DIR]     (default tests/data/align-heldout)
Deterministic (random.Random(seed) per pair); rerunning rewrites the same bytes.
"""
import importlib.util
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "parallel")

spec = importlib.util.spec_from_file_location("align_perturb", os.path.join(HERE, "align-perturb.py"))
ap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ap)

# (file, first line number 1-based, run length) — spread over the WMT years and NTREX.
PICKS = [
    ("wmt_news_es_en.tsv", 65, 42),
    ("wmt_news_es_en.tsv", 178, 38),
    ("wmt_news_es_en.tsv", 2000, 55),
    ("wmt_news_es_en.tsv", 4500, 30),
    ("wmt_news_es_en.tsv", 7000, 60),
    ("wmt_news_es_en.tsv", 9500, 25),
    ("wmt_news_es_en.tsv", 12000, 48),
    ("wmt_news_es_en.tsv", 15000, 36),
    ("flores_ntrex_es_en.tsv", 1157, 33),
    ("flores_ntrex_es_en.tsv", 1500, 20),
    ("flores_ntrex_es_en.tsv", 2000, 45),
    ("flores_ntrex_es_en.tsv", 2600, 58),
]

ABOUT = [
    (
        ["Acerca de la Agencia Europea de Noticias", "La Agencia Europea de Noticias es una cooperativa de "
         "periodistas fundada en 1998 con oficinas en Bruselas, Madrid y Varsovia.",
         "Publica cada día crónicas en once idiomas para más de 400 medios asociados.",
         "Contacto", "Para más información, visite https://www.aen-news.eu/ o escriba a <prensa@aen-news.eu>."],
        ["About the European News Agency", "The European News Agency is a cooperative of journalists "
         "founded in 1998 with offices in Brussels, Madrid and Warsaw.",
         "It publishes reports in eleven languages every day for more than 400 partner outlets.",
         "Contact", "For more information, visit https://www.aen-news.eu/ or write to <press@aen-news.eu>."],
    ),
    (
        ["Acerca del Observatorio de Medios", "El Observatorio de Medios es una fundación independiente que "
         "estudia la prensa internacional desde 2004.",
         "Su trabajo se financia con donaciones privadas y no acepta publicidad.",
         "Contacto de prensa", "Teléfono +34 915 550 123, correo <medios@observatorio.org>, "
         "web https://observatorio.org/prensa."],
        ["About the Media Observatory", "The Media Observatory is an independent foundation that has "
         "studied the international press since 2004.",
         "Its work is funded by private donations and it does not accept advertising.",
         "Press contact", "Telephone +34 915 550 123, e-mail <medios@observatorio.org>, "
         "web https://observatorio.org/prensa."],
    ),
    (
        ["Acerca de Noticias Abiertas", "Noticias Abiertas traduce y distribuye artículos de actualidad "
         "bajo licencias libres.",
         "Más de 120 voluntarios de 30 países revisan cada traducción antes de publicarla.",
         "Información de contacto", "Escriba a <equipo@noticias-abiertas.net> o visite "
         "https://noticias-abiertas.net/."],
        ["About Open News", "Open News translates and distributes current affairs articles under free "
         "licences.",
         "More than 120 volunteers from 30 countries review every translation before it is published.",
         "Contact information", "Write to <team@noticias-abiertas.net> or visit "
         "https://noticias-abiertas.net/."],
    ),
    (
        ["Acerca del Servicio Internacional de Prensa", "El Servicio Internacional de Prensa reúne desde "
         "2011 los comunicados de 75 organizaciones sin ánimo de lucro.",
         "Sus boletines llegan cada semana a unos 9.000 periodistas.",
         "Contacto", "Oficina de prensa: <press@sip-intl.org>, +44 20 7946 0321, https://sip-intl.org/."],
        ["About the International Press Service", "Since 2011 the International Press Service has "
         "gathered the statements of 75 non-profit organisations.",
         "Its newsletters reach some 9,000 journalists every week.",
         "Contact", "Press office: <press@sip-intl.org>, +44 20 7946 0321, https://sip-intl.org/."],
    ),
]

LOWER_OK = {
    "en": {"The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "In", "But", "A", "An",
           "There", "Its", "His", "Her", "Their", "And", "So", "Now", "Then", "According", "However", "At", "On"},
    "es": {"El", "La", "Los", "Las", "Un", "Una", "En", "Pero", "Este", "Esta", "Estos", "Estas", "Eso", "Esto",
           "Su", "Sus", "Y", "Así", "Ahora", "Según", "Sin", "Con", "Por", "Para", "Se", "No", "Al", "Del"},
}


def headline(en):
    return len(en) < 90 and not re.search(r"[.?!\"'”»)]$", en.strip())


def read_tsv(name):
    with open(os.path.join(CORPUS, name), encoding="utf-8") as fh:
        return [tuple(l.rstrip("\n").split("\t")) for l in fh]


def find_start(rows, at):
    """First line index >= at that is a headline followed by a longer line."""
    i = at
    while not (headline(rows[i][1]) and not headline(rows[i + 1][1])):
        i += 1
    return i


def join(a, b, lang):
    first = b.split(" ", 1)[0]
    if first in LOWER_OK[lang] and not (len(first) > 1 and first[1].isupper()):
        b = b[0].lower() + b[1:]
    return re.sub(r"[.!]$", "", a.rstrip()) + "; " + b


def build(rows, start, length, number, rng):
    """Paragraphs per side, each a list of [text, {original index}], and the gold links."""
    run = rows[start : start + length]
    while headline(run[-1][1]):
        run.pop()
    es, en = [[[run[0][0], {0}]]], [[[run[0][1], {0}]]]
    links = {(0, 0)}
    k = 1
    while k < len(run):
        if headline(run[k][1]):
            size = 1
        else:
            size = rng.randint(1, 5)
            stop = k
            while stop < len(run) and stop - k < size and not headline(run[stop][1]):
                stop += 1
            size = stop - k
        es.append([[run[i][0], {i}] for i in range(k, k + size)])
        en.append([[run[i][1], {i}] for i in range(k, k + size)])
        links |= {(i, i) for i in range(k, k + size)}
        k += size
    n = len(run)
    es_about, en_about = ABOUT[number % len(ABOUT)]
    for side, texts in ((es, es_about), (en, en_about)):
        groups = [texts[0:1], texts[1:3], texts[3:4], texts[4:5]]
        ids = n
        for g in groups:
            side.append([[t, {ids + q}] for q, t in enumerate(g)])
            ids += len(g)
    links |= {(i, i) for i in range(n, n + 5)}

    def body_pairs(paras):
        return [(p, s) for p in range(1, len(paras) - 4) for s in range(len(paras[p]) - 1)]

    # 2-1: join two consecutive English sentences of one body paragraph.
    def join_on(paras, lang):
        cands = [(p, s) for p, s in body_pairs(paras) if len(paras[p][s][0]) + len(paras[p][s + 1][0]) < 400]
        p, s = rng.choice(cands)
        (a, ia), (b, ib) = paras[p][s], paras[p][s + 1]
        paras[p][s : s + 2] = [[join(a, b, lang), ia | ib]]

    join_on(en, "en")
    if number % 2 == 1:
        join_on(es, "es")
    # 1-2: split the longest English sentence (of one original line) at "; " or ", " nearest its middle.
    best = None
    for p in range(1, len(en) - 4):
        for s, (text, ids) in enumerate(en[p]):
            if len(ids) == 1 and ("; " in text or ", " in text) and len(text) > 80:
                if best is None or len(text) > len(en[best[0]][best[1]][0]):
                    best = (p, s)
    p, s = best
    text, ids = en[p][s]
    sep = "; " if "; " in text else ", "
    mid = len(text) / 2
    cut = min((i for i in range(len(text)) if text.startswith(sep, i)), key=lambda i: abs(i - mid))
    first, second = text[:cut] + ".", text[cut + 2 :]
    en[p][s : s + 1] = [[first, set(ids)], [second[0].upper() + second[1:], set(ids)]]
    return es, en, links


def renumber(es, en, links):
    """Re-index sentences 0.. per side (as the written clean files), links with them."""
    out = []
    for paras in (es, en):
        index, n, new = {}, 0, []
        for para in paras:
            p = []
            for text, ids in para:
                for o in ids:
                    index.setdefault(o, []).append(n)
                p.append([text, {n}])
                n += 1
            new.append(p)
        out.append((index, new))
    (ies, es2), (ien, en2) = out
    return es2, en2, {(a, b) for i, j in links for a in ies.get(i, []) for b in ien.get(j, [])}


def harsh(folder, number, es, en, links):
    """The harsher variants (module documentation); es/en/links as read from the clean files."""
    lang = "en" if number % 2 == 0 else "es"
    sides = {"es": es, "en": en}
    d0 = sides[lang]
    pair = lambda d: (d, en) if lang == "es" else (es, d)
    body = list(range(1, len(d0) - 4))
    by_size = sorted(body, key=lambda k: (-len(d0[k]), k))

    d = ap.clone(d0)
    a = by_size[0]
    b = next(k for k in by_size[1:] if abs(k - a) > 1)
    for k in sorted((a, b), reverse=True):
        del d[k]
    ap.write(folder, f"del2-{lang}", *pair(d), links)

    d = ap.clone(d0)
    del d[a]
    other_lang = "es" if lang == "en" else "en"
    o = ap.clone(sides[other_lang])
    single = ap.one_to_one(links, 0 if other_lang == "es" else 1)
    a_ids = {i for _, ids in d0[a] for i in ids}
    done = False
    for para in o[1 : len(o) - 4]:
        for k in range(len(para) - 1):
            (x, ix), (y, iy) = para[k], para[k + 1]
            # Not sentences whose counterparts are in the deleted paragraph.
            both = ix | iy
            partners = {j for i, j in links if i in both} if lang == "en" else {i for i, j in links if j in both}
            if ix <= single and iy <= single and not (partners & a_ids):
                para[k : k + 2] = [[x + " " + y, ix | iy]]
                done = True
                break
        if done:
            break
    assert done, folder
    ap.write(folder, f"delmerge-{lang}", *((d, o) if lang == "es" else (o, d)), links)

    d = ap.clone(d0)[:-4]
    ap.write(folder, f"noabout-{lang}", *pair(d), links)

    d = ap.clone(d0)
    p = next(k for k in body if len(d[k]) >= 2)
    moved = d.pop(p)
    d.insert(len(d) - 4, moved)
    ap.write(folder, f"move-{lang}", *pair(d), links)

    d = ap.clone(d0)
    heads = [k for k in body if len(d[k]) == 1 and headline(d[k][0][0] if lang == "en" else en[k][0][0])]
    del d[heads[0] if heads else 0]
    ap.write(folder, f"nohead-{lang}", *pair(d), links)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "data", "align-heldout")
    os.makedirs(out, exist_ok=True)
    cache = {}
    for number, (name, line, length) in enumerate(PICKS):
        rows = cache.setdefault(name, read_tsv(name))
        start = find_start(rows, line - 1)
        rng = random.Random(1000 + number)
        es, en, links = renumber(*build(rows, start, length, number, rng))
        tag = "wmt" if name.startswith("wmt") else "ntrex"
        folder = os.path.join(out, f"{tag}-L{start + 1:05d}")
        if os.path.isdir(folder):
            shutil.rmtree(folder)
        os.makedirs(folder)
        ap.write(folder, "clean", es, en, links)
        es, en = ap.read_side(os.path.join(folder, "clean.es")), ap.read_side(os.path.join(folder, "clean.en"))
        links = ap.read_links(os.path.join(folder, "clean.gold.tsv"))
        ap.perturb(folder, number)
        harsh(folder, number, es, en, links)
        print(f"{folder}: {sum(map(len, es))} es / {sum(map(len, en))} en sentences, {len(es)} paragraphs",
              file=sys.stderr)


if __name__ == "__main__":
    main()
