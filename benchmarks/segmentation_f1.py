"""Sentence-boundary precision, recall and F1 of locpipe's splitter on the gold corpus.

    python benchmarks/segmentation_f1.py [CORPUS_DIR]

The corpus (tests/data/segmentation/*.txt) has one gold sentence per line and a blank line
between paragraphs. Each paragraph is joined with spaces and split again; a boundary is the
position (counted in non-space characters) where one sentence ends and the next begins inside
a paragraph. Paragraph ends are not counted: they are given, so they would only flatter the
score. Every wrong or missed boundary is listed. Files named heldout_*.txt were written
after the splitter's rules were tuned on the others; their score is also given apart.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe.stages.segment import split_sentences  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "segmentation"


@dataclass
class Score:
    sentences: int = 0
    paragraphs: int = 0
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus(directory: Path = CORPUS) -> list[tuple[str, int, list[str]]]:
    """(file name, first line number, gold sentences) for every paragraph of the corpus."""
    paragraphs = []
    for path in sorted(directory.glob("*.txt")):
        current: list[str] = []
        start = 0
        lines = path.read_text(encoding="utf-8").split("\n")
        for lineno, line in enumerate([*lines, ""], start=1):
            if line.startswith("#"):
                continue
            if line.strip():
                if not current:
                    start = lineno
                current.append(line.strip())
            elif current:
                paragraphs.append((path.name, start, current))
                current = []
    return paragraphs


def _boundaries(sentences: list[str]) -> set[int]:
    """Internal sentence boundaries as offsets counted in non-space characters."""
    out, n = set(), 0
    for s in sentences[:-1]:
        n += len("".join(s.split()))
        out.add(n)
    return out


def evaluate(paragraphs: list[tuple[str, int, list[str]]]) -> Score:
    score = Score()
    for name, line, gold in paragraphs:
        predicted = split_sentences(" ".join(gold))
        g, p = _boundaries(gold), _boundaries(predicted)
        score.paragraphs += 1
        score.sentences += len(gold)
        score.gold += len(g)
        score.predicted += len(p)
        score.correct += len(g & p)
        if g != p:
            score.errors.append(f"{name}:{line}: expected {len(gold)} sentences, got "
                                f"{len(predicted)}:\n    " + "\n    ".join(
                                    f"| {s}" for s in predicted))
    return score


def evaluate_articles(paragraphs: list[tuple[str, int, list[str]]]) -> Score:
    """Each corpus file as a wire-style .txt article (one line per paragraph) through the real
    reader and segmenter: also scores headline and subheading detection. Boundaries are
    counted over the whole article."""
    from locpipe.document import Document
    from locpipe.formats.readers import read_plain
    from locpipe.stages.segment import segment_document

    by_file: dict[str, list[list[str]]] = {}
    for name, _, gold in paragraphs:
        by_file.setdefault(name, []).append(gold)
    score = Score()
    for name, paras in by_file.items():
        gold = [s for p in paras for s in p]
        doc = Document(Path(name), "corpus", "text",
                       read_plain("\n".join(" ".join(p) for p in paras)))
        predicted = [seg.plain for seg in segment_document(doc).segments]
        g, p = _boundaries(gold), _boundaries(predicted)
        score.paragraphs += len(paras)
        score.sentences += len(gold)
        score.gold += len(g)
        score.predicted += len(p)
        score.correct += len(g & p)
        if g != p:
            wrong = sorted(g ^ p)
            score.errors.append(f"{name}: {len(wrong)} boundary differences (as an article)")
    return score


def _print(title: str, score: Score) -> None:
    for err in score.errors:
        print(err)
    print(f"{title}: {score.sentences} sentences in {score.paragraphs} paragraphs, "
          f"{score.gold} boundaries; predicted {score.predicted}, correct {score.correct}")
    print(f"  precision {score.precision:.2%}  recall {score.recall:.2%}  F1 {score.f1:.2%}")


def main() -> None:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    corpus = load_corpus(directory)
    print(f"corpus: {directory}")
    _print("splitter (paragraph by paragraph, internal boundaries)", evaluate(corpus))
    held_out = [p for p in corpus if p[0].startswith("heldout_")]
    if held_out:
        score = evaluate(held_out)
        print(f"  of which held-out files (written after the rules were tuned): "
              f"{score.sentences} sentences, {score.gold} boundaries, F1 {score.f1:.2%}")
    _print("articles (read_plain + segment_document, headlines and subheadings included)",
           evaluate_articles(corpus))


if __name__ == "__main__":
    main()
