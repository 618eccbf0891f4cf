"""The PDF: table of contents, page numbers, the Territory figures, Japanese and Cyrillic glyphs."""

from __future__ import annotations

import html
import json
import math
import re
import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader
from test_html import figure_cells

from conftest import EXECUTED, LATEX, PDF, ROOT


@pytest.fixture(scope="module")
def pdf(built):
    assert PDF.is_file(), "the PDF was not built"
    return PdfReader(str(PDF))


@pytest.fixture(scope="module")
def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_has_a_table_of_contents_with_page_numbers(pdf, pdf_text):
    toc_page = next(i for i, p in enumerate(pdf.pages[:6]) if "The territory" in (p.extract_text() or ""))
    toc = pdf.pages[toc_page].extract_text()
    assert re.search(r"The territory: four islands, two names, one line\s*\.*\s*\d+", toc), toc[:800]
    assert pdf.outline, "the PDF has no bookmarks"


def test_pdf_pages_are_numbered(pdf):
    assert len(pdf.pages) > 15
    numbered = 0
    for page in pdf.pages[4:20]:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        if lines and any(re.fullmatch(r"\d+", tok) for tok in (lines[-1].split()[:1] + lines[-1].split()[-1:])):
            numbered += 1
    assert numbered >= 12, f"only {numbered} of 16 body pages show a page number"


CHAPTERS = {
    "history": ("1", "HISTORY: FROM THE 1855", "THE TERRITORY: FOUR ISLANDS"),
    "territory": ("2", "THE TERRITORY: FOUR ISLANDS", "ALLIANCES: THE US"),
    "alliances": ("3", "ALLIANCES: THE US", "ECONOMICS: ENERGY, TRADE"),
    "economics": ("4", "ECONOMICS: ENERGY, TRADE", "AFTER 2022: THE RUPTURE"),
    "outlook": ("5", "AFTER 2022: THE RUPTURE", "WHY NO TREATY?"),
    "conclusion": ("6", "WHY NO TREATY?", "NAMES AND CONVENTIONS"),
}


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_pdf_contains_every_figure_with_its_source_line(pdf_text, chapter):
    number, start, end = CHAPTERS[chapter]
    n = len(figure_cells(ROOT / "chapters" / f"{chapter}.md"))
    body = pdf_text[pdf_text.index(start) :]
    body = body[: body.index(end)]
    for k in range(1, n + 1):
        assert re.search(rf"Fig\. {number}\.{k}:", body), f"Fig. {number}.{k} missing from the PDF"
    # each chart's source line is the book's text under its caption (searchable, wrapped by LaTeX)
    flat = re.sub(r"\s+", " ", body)
    assert len(re.findall(r"Fig\. \d+\.\d+: .{0,600}?Source: ", flat)) >= n
    assert flat.count("processed by this book") >= n
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    assert tex.count("sphinxincludegraphics") >= sum(len(figure_cells(ROOT / "chapters" / f"{c}.md")) for c in CHAPTERS)


def test_pdf_shows_japanese_and_cyrillic(pdf_text):
    log = (LATEX / "book.log").read_text(encoding="utf-8", errors="ignore")
    missing = [line for line in log.splitlines() if "Missing character" in line]
    assert not missing, "\n".join(missing[:10])
    for word in ["択捉島", "国後島", "北方領土", "Итуруп", "Кунашир", "Южные Курилы"]:
        assert word in pdf_text, f"{word} not in the PDF text"


CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"


def japanese_breaks(log: str, text: str) -> list[str]:
    """What is wrong with the Japanese lines: a line of Japanese too wide for its column (an overfull
    box set in the CJK font: no place to break), or a line that starts with closing punctuation or
    ends with an opening bracket (Japanese line-breaking rules)."""
    faults = [
        block.splitlines()[1][:120]
        for block in re.findall(r"^Overfull \\hbox.*\n.*", log, flags=re.M)
        if "CJK" in block
    ]
    for line in text.splitlines():
        if re.match(r"\s*[、。，．」』）〕・ー]", line) or re.search(r"[「『（〔]\s*$", line):
            faults.append(line.strip()[:80])
    return faults


def test_pdf_sets_japanese_in_a_japanese_font_and_breaks_it_as_japanese(built):
    """The treaty quotations wrap inside their table column at Japanese break points, in Noto CJK."""
    fonts = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJKjp-Regular" in fonts, "the Japanese is not set in Noto Serif CJK JP"
    log = (LATEX / "book.log").read_text(encoding="utf-8", errors="ignore")
    text = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True, check=True).stdout
    japanese = [line for line in text.splitlines() if len(re.findall(f"[{CJK}]", line)) >= 10]
    assert len(japanese) >= 20, "the treaty quotations' Japanese lines are missing"
    faults = japanese_breaks(log, text)
    assert not faults, f"Japanese lines too wide or broken against the rules: {faults[:10]}"


def test_pdf_has_no_blank_pages(pdf):
    """Every page after the title page carries text beyond its running header and page number."""
    text = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")  # pdftotext ends each page with a form feed
    assert len(pages) == len(pdf.pages) + 1 and not pages[-1].strip(), (len(pages), len(pdf.pages))
    thin = []
    for i, page in enumerate(pages[1:-1], start=2):
        words = page.split()
        if len(words) < 25:  # the running header and page number alone are about 12
            thin.append((i, " ".join(words)[:80]))
    assert not thin, f"pages with (almost) nothing on them: {thin}"


def test_pdf_contents_introduction_and_appendices(pdf, pdf_text):
    front = "\n".join(p.extract_text() or "" for p in pdf.pages[:5])
    assert re.search(r"^\s*CONTENTS\s*$", front, flags=re.I | re.M), "the contents is not headed Contents"
    assert "CHAPTERS\n" not in front.upper().replace("CHAPTERS\n1", "")[:200]
    assert re.search(r"Introduction\s*\n?\s*1\b", front), "no titled introduction in the contents"
    assert re.search(r"Appendices\s*\n?\s*\d+", front), "no Appendices part in the contents"
    titles = ["Names and conventions", "Glossary", "Chronology", "Popular claims checked", "Teaching with this book"]
    titles += ["Solutions to the exercises", "Datasets", "How to cite", "Bibliography", "Sources read in copies"]
    for letter, title in zip("ABCDEFGHIJ", titles, strict=True):
        assert re.search(rf"{letter}\s+{title}", front), f"appendix {letter} {title} missing from the contents"
    assert front.count("Bibliography") == 1, "more than one bibliography in the contents"
    assert "Table A.1" in pdf_text and "Table C.1" in pdf_text, "appendix tables are not lettered"
    intro = pdf_text[pdf_text.index("INTRODUCTION") :][:400]
    assert "The answer in brief." in intro


def test_pdf_tables_break_no_name_or_date(pdf_text):
    """Place names and dates stay whole, in tables and text: no "Itu-/rup" or "1945-08-/08"."""
    broken = re.findall(r"\b(?:Itu|Etoro|Kuna|Kunashi|Shiko|Habo|\d{4}-\d\d)-\s*$", pdf_text, flags=re.M)
    assert not broken, f"words broken at a line end: {broken[:10]}"
    assert not re.search(r"国\s+後\s+島|択\s+捉\s+島", pdf_text), "Japanese names are letter-spaced"


def test_pdf_bibliography_is_author_date_without_numbers(pdf_text):
    bib = pdf_text[pdf_text.rindex("BIBLIOGRAPHY") :]
    bib = bib[: bib.index("INDEX")] if "INDEX" in bib else bib
    assert not re.search(r"^\s*\[\d+\]", bib, flags=re.M), "bibliography entries are numbered"
    assert re.search(r"^Kobayashi, Kazushige \(2013, 6 August\)\. Unfinished War\? Why Russia", bib, flags=re.M)
    assert "Wikipedia contributors (2026a)" in bib and "Wikipedia contributors (2026b)" in bib


def test_pdf_keeps_each_how_to_cite_box_on_one_page(pdf_text):
    """A box is not split after its first lines: each 'How to cite' box ends on the page it starts."""
    pages = pdf_text.split("\f")
    starts = [i for i, p in enumerate(pages) for _ in re.finditer(r"How to cite this (?:book|chapter)\b", p)]
    assert len(starts) >= 7, f"only {len(starts)} 'How to cite' boxes found"
    split = [i + 1 for i in starts if "cite the version you read" not in re.sub(r"\s+", " ", pages[i])]
    assert not split, f"'How to cite' boxes split across pages (they start on PDF pages {split})"


def _comparable(text: str) -> str:
    """Text as extracted from a chart's PDF and as written, made comparable: ligatures ("ﬁ") and dashes
    (Chromium's PDF maps an en dash to a figure dash) folded, spaces collapsed."""
    text = re.sub(r"[\u2010-\u2015]", "-", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text)


def test_kernels_export_no_image_and_every_printed_chart_is_a_vector_pdf(built):
    """The notebooks' kernels start no browser: their outputs hold each chart's printed figure as
    JSON and no image. The LaTeX build turns every one into a vector PDF (one batch, one Chromium)
    whose text is the chart's own title; its source line and note follow the caption as the book's
    text, not inside the image."""
    from kurils.charts import STATIC_MIME

    specs = []
    for nb_path in sorted(EXECUTED.rglob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                bundle = out.get("data", {})
                assert not {"application/pdf", "image/png", "image/svg+xml"} & set(bundle), (
                    f"{nb_path.name}: a kernel exported an image"
                )
                if STATIC_MIME in bundle:
                    specs.append(bundle[STATIC_MIME])
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    images = re.findall(r"\\sphinxincludegraphics\{\{(chart-[0-9a-f]{20})\}\.pdf\}", tex)
    assert len(specs) >= 20 and len(images) == len(specs), (len(specs), len(images))
    texts = []
    for name in images:
        image = LATEX / f"{name}.pdf"
        assert image.read_bytes()[:5] == b"%PDF-", f"{name}.pdf is not a PDF"
        text = subprocess.run(["pdftotext", str(image), "-"], capture_output=True, text=True, check=True).stdout
        text = _comparable(text)
        assert "Source:" not in text, f"{name}.pdf draws its source line in the image: {text[:200]}"
        texts.append(text)
    book = _comparable(subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True).stdout)
    for spec in specs:  # each printed figure is one of the images, by its title's opening words
        title = " ".join(_comparable(html.unescape(spec["figure"]["layout"]["title"]["text"])).split()[:3])
        assert any(title in t for t in texts), f"no printed image shows {title!r}"
        source = " ".join(_comparable(spec["source"]).split()[:6])
        assert source.startswith("Source:") and source in book, f"{title}: no source line in the text: {source!r}"


def test_a_printed_chart_is_the_same_whatever_was_exported_before_it(built, tmp_path):
    """The exporter reuses kaleido's page from one image to the next (kurils.sphinxext.patches.kaleido, no
    reload): the book's charts, one in two, from every chapter, exported afresh in the reverse order,
    in one Chromium and with no cache, are byte for byte the images of the build (the build's last
    is now exported first, and each follows other charts than it did in the build)."""
    from kurils.charts import STATIC_MIME
    from kurils.sphinxext.export import export_key

    specs = []
    for nb_path in sorted(EXECUTED.rglob("*.ipynb")):
        for cell in json.loads(nb_path.read_text(encoding="utf-8"))["cells"]:
            specs += [o["data"][STATIC_MIME] for o in cell.get("outputs", []) if STATIC_MIME in o.get("data", {})]
    assert len(specs) >= 20
    specs = specs[::-2]  # the last, then every other one, backwards
    (tmp_path / "specs.json").write_text(json.dumps(specs), encoding="utf-8")
    script = (
        "import json, sys\nfrom kurils.sphinxext.export import export\n"
        "specs = json.load(open(sys.argv[1]))\n"
        "for k, image in enumerate(export(specs, None)):\n"
        "    open(f'{sys.argv[2]}/{k}.pdf', 'wb').write(image)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "specs.json"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    differ = [
        spec["figure"]["layout"]["title"]["text"][:60]
        for k, spec in enumerate(specs)
        if (tmp_path / f"{k}.pdf").read_bytes() != (LATEX / f"chart-{export_key(spec)[:20]}.pdf").read_bytes()
    ]
    assert not differ, f"printed charts that depend on what was exported before them: {differ}"


def test_no_line_runs_past_its_column(built):
    """Long URLs break after hyphens too, inline code (dataset columns, citation keys) after an
    underscore and where letters meet digits, and a table cell after an en dash; the date and kind
    columns are wide enough for a date and a kind. No line of the PDF is wider than its column by
    more than a little: before, a 93-character article slug ran 474 pt past the page, keys such as
    malaymail2022sakhalin1 ran 20 to 76 pt into the next column, and 185 dates of the chronology
    (8.7 pt) and its kinds ("statement") were cut by the next column."""
    log = (LATEX / "book.log").read_text(encoding="utf-8", errors="ignore")
    boxes = [
        (float(width), line)
        for width, line in re.findall(r"^Overfull \\hbox \(([\d.]+)pt too wide\).*\n(.*)", log, flags=re.M)
    ]
    assert "Output written on book." in log, "not the log of a finished LaTeX run"
    wide = [(w, line[:80]) for w, line in boxes if w > 8 and "FreeMono" not in line]
    assert not wide, f"lines wider than their column: {wide[:5]}"
    code = [(w, line[:80]) for w, line in boxes if "FreeMono" in line and w > 15]
    assert not code, f"inline code past its column: {code[:5]}"


def _text_sizes(page) -> list[tuple[float, str]]:
    """(size in points, text) of every run of text drawn on a PDF page, the text matrix and the
    current transformation applied."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2])) * math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
            sizes.append((size * scale, text.strip()))

    page.extract_text(visitor_text=visit)
    return sizes


def test_chart_text_prints_at_seven_points_or_more(built, pdf):
    """Every chart's smallest text, at the size it prints in the PDF, is 7 pt or more (issue 31; before,
    source lines printed at 5.5 pt, the units line at 5.9 pt and names inside bars at 5.1 pt). Each chart
    is a vector image that LaTeX scales to the text width: its text sizes are read from the image, and
    the scale from where the PDF places it."""
    from kurils.charts.printing import MIN_PRINT_PT, PRINT_LINEWIDTH_PT

    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    names = sorted(set(re.findall(r"\\sphinxincludegraphics\{\{(chart-[0-9a-f]{20})\}\.pdf\}", tex)))
    assert len(names) >= 20
    # the scale LaTeX gives a chart: the form's matrix on the page, times its width, is the text width
    placed = []
    for page in pdf.pages:
        forms = (page.get("/Resources") or {}).get("/XObject") or {}
        if any(str(k).startswith("/Fm") for k in forms):
            scale = 1.0
            for args, op in page.get_contents().operations:
                if op == b"cm" and float(args[0]) not in (0.0, 1.0):
                    scale = float(args[0])  # the last scaling before the form is drawn
                elif op == b"Do" and str(args[0]).startswith("/Fm"):
                    placed.append(scale * float(forms[args[0]].get_object()["/BBox"][2]))
    assert len(placed) >= 20 and all(abs(w - PRINT_LINEWIDTH_PT) < 1 for w in placed), placed[:5]
    small = {}
    for name in names:
        page = PdfReader(str(LATEX / f"{name}.pdf")).pages[0]
        scale = min(1.0, PRINT_LINEWIDTH_PT / float(page.mediabox.width))
        sizes = [(size * scale, text) for size, text in _text_sizes(page)]
        assert sizes, f"{name}.pdf has no text"
        smallest = min(sizes)
        if smallest[0] < MIN_PRINT_PT - 0.05:
            small[name] = (round(smallest[0], 2), smallest[1][:30])
    assert not small, f"chart text under {MIN_PRINT_PT} pt at print size: {small}"
