#!/usr/bin/env python3
"""Writes the perturbed alignment test sets from the clean gold ones.

For every folder tests/data/align/<pair>/ holding clean.es, clean.en (one
sentence a line, a blank line between paragraphs) and clean.gold.tsv (one bead
a line, `es_indices<TAB>en_indices`, 0-based sentence indices, comma-separated,
an empty side for 1-0 / 0-1), it writes <variant>.es, <variant>.en and
<variant>.gold.tsv for these variants, on the side named by the suffix:

  del-en / del-es   the paragraph with the most sentences (del-es: the second
                    most) is deleted; its counterparts become 1-0 / 0-1 beads
  add-es / add-en   a paragraph written for the test (a local press contact)
                    is inserted before the contact heading; its sentences are
                    unaligned
  merge-XX          two sentences of one paragraph that are each 1-1 are
                    joined into one (the gold bead becomes 2-1 or 1-2)
  split-XX          the longest 1-1 sentence that has a comma is split at the
                    comma nearest its middle (the gold bead becomes 1-2 / 2-1)
  swap-XX           two adjacent body paragraphs are swapped (crossing links)

merge/split/swap act on the English side for even-numbered pairs (in sorted
order) and the Spanish side for odd ones. The gold links follow the sentences:
every link of the clean gold between two sentences that survive is kept, a
merged sentence carries the links of both parts, a split one's pieces carry
the links of the whole. Beads are the connected groups of links.

  python3 scripts/align-perturb.py [tests/data/align]
"""
import os
import sys

ADDED = {
    "es": [
        "Contacto de prensa para España y América Latina: oficina de prensa de la asociación local, "
        "teléfono +34 910 000 000.",
        "Las consultas en español se atienden de lunes a viernes, de 9:00 a 17:00 (hora de Madrid).",
    ],
    "en": [
        "Press contact for the United Kingdom and Ireland: the local association's press office, "
        "telephone +44 20 7946 0000.",
        "Enquiries are answered Monday to Friday, 9:00 to 17:00 (London time).",
    ],
}


def read_side(path):
    """Paragraphs, each a list of [text, set of original indices]."""
    paras, n = [], 0
    for block in open(path, encoding="utf-8").read().strip().split("\n\n"):
        para = []
        for line in block.split("\n"):
            para.append([line, {n}])
            n += 1
        paras.append(para)
    return paras


def read_links(path):
    links = set()
    for line in open(path, encoding="utf-8"):
        es, en = line.rstrip("\n").split("\t")
        for i in filter(None, es.split(",")):
            for j in filter(None, en.split(",")):
                links.add((int(i), int(j)))
    return links


def one_to_one(links, side):
    """Original indices of `side` (0 es, 1 en) that are in a 1-1 bead."""
    count_es, count_en = {}, {}
    for i, j in links:
        count_es[i] = count_es.get(i, 0) + 1
        count_en[j] = count_en.get(j, 0) + 1
    ok = set()
    for i, j in links:
        if count_es[i] == 1 and count_en[j] == 1:
            ok.add(i if side == 0 else j)
    return ok


def write(folder, name, es, en, links):
    new = []
    for paras in (es, en):
        index, flat = {}, []
        for para in paras:
            for text, ids in para:
                for o in ids:
                    index.setdefault(o, []).append(len(flat))
                flat.append(text)
        new.append((index, flat))
    (ies, fes), (ien, fen) = new
    edges = {(a, b) for i, j in links for a in ies.get(i, []) for b in ien.get(j, [])}
    # Connected components over es/en sentence nodes.
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(("es", a))] = find(("en", b))
    groups = {}
    for a in range(len(fes)):
        groups.setdefault(find(("es", a)), ([], []))[0].append(a)
    for b in range(len(fen)):
        groups.setdefault(find(("en", b)), ([], []))[1].append(b)
    beads = list(groups.values())
    unsorted = list(beads)
    # Document order: by first es sentence; an en-only bead after the bead of the en sentence before it.
    bead_of_en = {b: k for k, (_, ens) in enumerate(beads) for b in ens}

    def key(bead):
        es_ids, en_ids = bead
        if es_ids:
            return (min(es_ids), 1, 0)
        b = min(en_ids)
        while b > 0:
            b -= 1
            prev = unsorted[bead_of_en[b]][0]
            if prev:
                return (max(prev), 2, min(en_ids))
        return (-1, 2, min(en_ids))

    beads.sort(key=key)
    for lang, flat, paras in (("es", fes, es), ("en", fen, en)):
        text = "\n\n".join("\n".join(t for t, _ in p) for p in paras if p)
        open(os.path.join(folder, f"{name}.{lang}"), "w", encoding="utf-8").write(text + "\n")
    lines = [",".join(map(str, sorted(a))) + "\t" + ",".join(map(str, sorted(b))) for a, b in beads]
    open(os.path.join(folder, f"{name}.gold.tsv"), "w", encoding="utf-8").write("\n".join(lines) + "\n")


def clone(paras):
    return [[[t, set(ids)] for t, ids in p] for p in paras]


def perturb(folder, number):
    es, en = read_side(os.path.join(folder, "clean.es")), read_side(os.path.join(folder, "clean.en"))
    links = read_links(os.path.join(folder, "clean.gold.tsv"))
    sides = {"es": es, "en": en}

    by_size = sorted(range(1, len(en)), key=lambda k: (-len(en[k]), k))
    d = clone(en)
    del d[by_size[0]]
    write(folder, "del-en", es, d, links)
    by_size = sorted(range(1, len(es)), key=lambda k: (-len(es[k]), k))
    d = clone(es)
    del d[by_size[1]]
    write(folder, "del-es", d, en, links)

    for lang in ("es", "en"):
        d = clone(sides[lang])
        d.insert(len(d) - 2, [[t, set()] for t in ADDED[lang]])
        write(folder, f"add-{lang}", d if lang == "es" else es, d if lang == "en" else en, links)

    lang = "en" if number % 2 == 0 else "es"
    side = 0 if lang == "es" else 1
    single = one_to_one(links, side)
    pair = lambda d, other: (d, other) if lang == "es" else (other, d)
    other = en if lang == "es" else es

    d = clone(sides[lang])
    done = False
    for para in reversed(d[1:]):
        for k in range(len(para) - 1):
            (a, ia), (b, ib) = para[k], para[k + 1]
            if ia <= single and ib <= single:
                para[k : k + 2] = [[a + " " + b, ia | ib]]
                done = True
                break
        if done:
            break
    assert done, folder
    write(folder, f"merge-{lang}", *pair(d, other), links)

    d = clone(sides[lang])
    best = None
    for p, para in enumerate(d):
        for k, (text, ids) in enumerate(para):
            if ids <= single and ", " in text and (best is None or len(text) > len(d[best[0]][best[1]][0])):
                best = (p, k)
    p, k = best
    text, ids = d[p][k]
    mid = len(text) / 2
    cut = min((i for i in range(len(text)) if text.startswith(", ", i)), key=lambda i: abs(i - mid))
    first, second = text[:cut] + ".", text[cut + 2 :]
    d[p][k : k + 1] = [[first, set(ids)], [second[0].upper() + second[1:], set(ids)]]
    write(folder, f"split-{lang}", *pair(d, other), links)

    d = clone(sides[lang])
    body = [p for p in range(1, len(d) - 3) if len(d[p]) >= 2 and len(d[p + 1]) >= 2]
    p = body[0] if body else 1
    d[p], d[p + 1] = d[p + 1], d[p]
    write(folder, f"swap-{lang}", *pair(d, other), links)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "data", "align")
    pairs = sorted(e for e in os.listdir(root) if os.path.isfile(os.path.join(root, e, "clean.gold.tsv")))
    for number, name in enumerate(pairs):
        perturb(os.path.join(root, name), number)
        print(f"{name}: written", file=sys.stderr)


if __name__ == "__main__":
    main()
