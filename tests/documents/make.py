"""Writes the documents the tests read, as people write them in Word and LibreOffice, with
python-docx and odfpy (`pip install python-docx odfpy`; not needed to run the tests, which read
the documents committed):

- sample.docx: the reference transcript, its `#` lines as Word's Title and headings, `**bold**`
  and `*italic*` as bold and italic runs, its `---` lines left out (Word draws them as a border),
  a paragraph a line.
- rev.docx: tests/fixtures/rev.txt, as Rev hands out its transcripts, the speaker's line bold.
- sample.odt: the reference transcript as OpenDocument text, its `#` lines as headings, its
  emphasis marks taken out (OpenDocument's emphasis is a named style, which is not read).
- forgotten-time.docx: tests/fixtures/forgotten-time.md as sample.docx is made, but with its
  `---` lines typed out (Word's automatic border off), which mark its turn without a time.

Run from the repository: python3 tests/documents/make.py
"""
import re
from docx import Document

def runs(paragraph, text):
    # `**bold**` and `*italic*` as runs with those styles.
    for part in re.split(r'(\*\*[^*]+\*\*|\*[^*]+\*)', text):
        if part.startswith('**') and part.endswith('**') and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith('*') and part.endswith('*') and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        elif part:
            paragraph.add_run(part)

def sample(source, target, separators=False):
    doc = Document()
    for line in open(source, encoding='utf-8').read().splitlines():
        if not line.strip() or line.strip() == '---' and not separators:
            continue
        heading = re.match(r'(#+) (.*)', line)
        if heading:
            level = len(heading.group(1))
            doc.add_heading(heading.group(2), 0 if level == 1 else level)
        else:
            runs(doc.add_paragraph(), line)
    doc.save(target)

def rev(source, target):
    doc = Document()
    for line in open(source, encoding='utf-8').read().splitlines():
        if not line.strip():
            continue
        paragraph = doc.add_paragraph()
        paragraph.add_run(line).bold = line.endswith('):')
    doc.save(target)

def opendocument(source, target):
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P
    doc = OpenDocumentText()
    for line in open(source, encoding='utf-8').read().splitlines():
        if not line.strip() or line.strip() == '---':
            continue
        heading = re.match(r'(#+) (.*)', line)
        plain = lambda text: re.sub(r'\*+([^*]+)\*+', r'\1', text)
        if heading:
            doc.text.addElement(H(outlinelevel=len(heading.group(1)), text=plain(heading.group(2))))
        else:
            doc.text.addElement(P(text=plain(line)))
    doc.save(target)

sample('samples/chip-huyen-lennys-podcast.md', 'tests/documents/sample.docx')
opendocument('samples/chip-huyen-lennys-podcast.md', 'tests/documents/sample.odt')
rev('tests/fixtures/rev.txt', 'tests/documents/rev.docx')
sample('tests/fixtures/forgotten-time.md', 'tests/documents/forgotten-time.docx', separators=True)
