"""KnowledgeBase: a folder of short support articles, searched per turn with SQLite FTS5 (BM25).

The operator fills the folder (`knowledge_dir`; "" = the starter set in `agent/replies/knowledge/`).
Each article is a Markdown or text file:

    # Title
    keywords: words people use for this problem (optional)
    sources: the public pages it was written from, space-separated URLs (optional)
    risks: the risky classes it is written for, e.g. "payment scam" (optional; safety_policy's names)
    The spoken answer: one or two short sentences, the part given to the model as grounding.

    More detail (steps, caveats), given when the user asks to go on.

Begin a sentence about one platform with it ("On Windows, ...", "On a Mac, ..."): a user who
names a platform gets that platform's sentences and the ones naming none
(`reply_grounding.narrow_to_platform`). The spoken answer is cut after its last whole
sentence within 45 words.

BM25 always finds some article sharing a word ("side by side" finds "Print on both sides").
With a sentence encoder (`relevance`, the bundled all-MiniLM-L6-v2 by default), the best
article is given only when the question's vector is near one of the article's (its title,
title and keywords, title and spoken answer): a cosine of at least `min_relevance` (0.39),
or `min_relevance_for_risk` (0.30) for an article written for one of the risky classes the
question is in (`risks`: a scam told in the user's own words is far in meaning from "Asked to
pay with gift cards" and still its answer), and `RISKY_TURN_RELEVANCE` (0.55) for an article
written for none of them (stalkerware is near "Share your location", and no question for it). Of the 178 tuning-set questions that found an
article with the old single threshold (0.30), 48 got one on another topic; the two thresholds
drop 19 of those 48 and none of the 103 right ones (the lowest right one is at 0.399: "How do
I restart my router?" and the Wi-Fi article; bench/RESULTS.md, "Wrong articles, and 21 more").
A wrong article is worse than none: the small model repeats it
("Try turning off the screen" for Auto-Lock, from the frozen-phone article). When the words'
second or third match is far nearer in meaning than their first (`NEARER_BY`, and at least
`NEAR`), it is given instead.

The index lives in memory (a few milliseconds to build for hundreds of files); a search is a
fraction of a millisecond, and results are cached per query, so searching on every partial
transcript costs nothing worth measuring. No service, no network.
"""
from __future__ import annotations

import logging
import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from .reply_grounding import platforms_in, sentences, tvs_in
from .vectors_on_disk import vectors_kept_on_disk

log = logging.getLogger("parley.knowledge")

PHONES = frozenset({"iphone", "android"})  # reply_grounding.PLATFORMS, by the machine in the user's hand
COMPUTERS = frozenset({"windows", "mac", "linux", "chromeos"})
_A_COMPUTER = re.compile(r"\b(?:computers?|pcs?|laptops?|desktops?)\b", re.I)  # a sentence for a computer, whichever
_A_PHONE = re.compile(r"\b(?:phones?|tablets?)\b", re.I)

STARTER_DIR = Path(__file__).resolve().parent / "knowledge"
MAX_ARTICLE_BYTES = 64 * 1024
MAX_ARTICLES = 5000
SUMMARY_MAX_WORDS = 45
# how many articles the words' search returns, for the meaning to choose among: with 3, a folder
# grown by 30 articles pushed the one that answers "pdfs open in preview, make acrobat the
# default" (default apps, fourth by its words) out behind scanning, which shares "pdf" and
# "preview"; with 8 it is found again, and on every other benchmark question but three the
# choice is the same (see "More articles" in bench/RESULTS.md); with 12 once the folder grew from
# 175 to 314 articles (2026-12-07: PDF articles had put default apps ninth)
CANDIDATES = 12
# cosine by which another good match must be nearer in meaning to replace the words' first choice ...
# (0.25 with 175 articles; with 314 the words' first is often a new article sharing a word, "Fix
# restarts with Automatic Repair" for a blue screen at 0.61 beside the blue-screen article's 0.70:
# at 0.05, of the 437 tuning-set questions' choices 31 changed: by eye about 20 for the better, 9 worse)
NEARER_BY = 0.05
# The cosine an article written for none of a risky turn's classes needs (2026-12-07): the 139 new
# articles put a phone's call forwarding beside a carrier PIN scam (0.40), a TV remote's batteries
# beside a swallowed button battery (0.53), sharing one's location beside stalkerware (0.51); the
# right ones kept (a Mac's password prompts for an update, 0.67) were nearer
RISKY_TURN_RELEVANCE = 0.55
# the cosine at which a match whose words score under `min_score` is good all the same (2026-12-07)
GOOD_BY_MEANING = 0.6
FOLLOW_UP_WITHIN = 0.25  # a follow-up's device word chooses among articles this near the nearest
NEAR = 0.5  # ... and the least it must have (battery health at 0.36 is no answer to "charging overnight", though nearer than security updates at 0.09)
HAZARD = "physical_hazard"  # the risk class of an emergency's article (a spill, sparks): given only to a question that tells of one of its risks

_STOPWORDS = frozenset(
    """a an the and or but if then so to of in on at for from with by about as into onto over under is are was were be been
    being am do does did doing have has had having i me my mine we our you your yours he she it its they them their this
    that these those there here what which who whom whose when where why how can could would should will shall may might
    must not no yes please thanks thank hi hello hey just really very also too still any some all my up out off get got
    want need know tell say said like make made let lets one thing something anything way help trying try keep keeps
    first every else already tried right now today sure okay ok explain step steps use using work working doesn't don't
    won't can't isn't it's i'm i've what's same ones other another than""".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'+.-]*[a-z0-9]|[a-z0-9]", re.I)


@dataclass(frozen=True)
class Article:
    name: str  # file name without extension
    title: str
    keywords: str
    summary: str  # the short spoken answer (first paragraph)
    details: str  # the rest
    sources: tuple[str, ...] = ()  # the public pages it was written from
    risks: frozenset[str] = frozenset()  # the risky classes it answers (safety_policy's names)


class SentenceVectors(Protocol):
    """What the relevance check needs of models/llm/sentence_encoder.SentenceEncoder."""

    def embed(self, text: str) -> np.ndarray: ...


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float  # BM25 (higher is better, FTS5's sign flipped)
    matched: int  # query terms found in the article


def parse_article(name: str, text: str) -> Article | None:
    lines = text.replace("\r\n", "\n").strip().split("\n")
    if not lines or not lines[0].strip():
        return None
    title = lines[0].lstrip("#").strip()
    rest = lines[1:]
    keywords = ""
    sources: tuple[str, ...] = ()
    risks: frozenset[str] = frozenset()
    while rest and rest[0].lower().startswith(("keywords:", "sources:", "risks:")):
        field, value = rest[0].split(":", 1)
        if field.lower() == "keywords":
            keywords = value.strip()
        elif field.lower() == "risks":
            risks = frozenset(value.replace(",", " ").split())
        else:
            sources = tuple(value.replace(",", " ").split())
        rest = rest[1:]
    paragraphs = [p.strip() for p in "\n".join(rest).split("\n\n") if p.strip()]
    if not paragraphs:
        return None
    summary = _clip_words(" ".join(paragraphs[0].split()), SUMMARY_MAX_WORDS)
    details = " ".join(" ".join(p.split()) for p in paragraphs[1:])
    return Article(name, title, keywords, summary, details, sources, risks)


def _clip_words(text: str, max_words: int) -> str:
    """At most `max_words` words, cut after the last whole sentence that fits (mid-sentence
    only when the first sentence alone is longer)."""
    words = text.split()
    if len(words) <= max_words:
        return text
    head = " ".join(words[:max_words])
    end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "), head.rfind("; "))
    if head.endswith((".", "?", "!")):
        return head
    if end > 0:
        return head[: end] + "."
    return head.rstrip(",;:") + "."


def query_terms(text: str) -> list[str]:
    """The content words of a question, lower-cased, stopwords dropped, in order, once each."""
    seen: list[str] = []
    for w in _WORD.findall(text.lower()):
        w = w.strip("'.-+")
        if len(w) < 2 or w in _STOPWORDS or w in seen:
            continue
        seen.append(w)
    return seen[:24]


class KnowledgeBase:
    """An in-memory FTS5 index over one folder of articles."""

    def __init__(self, folder: str | Path = "", *, min_score: float = 6.0, min_matched: int = 2,
                 relevance: SentenceVectors | None = None, min_relevance: float = 0.39, min_relevance_for_risk: float = 0.30) -> None:
        self.folder = Path(folder) if folder else STARTER_DIR
        self.min_score = min_score
        self.min_matched = min_matched
        self.relevance, self.min_relevance, self.min_relevance_for_risk = relevance, min_relevance, min_relevance_for_risk
        self._views: np.ndarray | None = None  # (articles, 3 views, width): see `relevance_of`
        self.articles: list[Article] = []
        self._lock = threading.Lock()  # one connection, used from the event loop and worker threads
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, keywords, body, tokenize='porter unicode61')"
        )
        self._load()
        self._row_of = {a.name: i for i, a in enumerate(self.articles)}  # an article's row of `_views`
        self.search = lru_cache(maxsize=512)(self._search)  # type: ignore[method-assign]
        if relevance is not None:
            self._views = self._article_views()

    def _article_views(self) -> np.ndarray:
        """Each article's three views as unit vectors, kept on disk under the encoder and the
        texts (264 forward passes for the starter set: about 5 s the first time)."""
        if not self.articles:
            return np.zeros((0, 3, 1), np.float32)
        texts = [t for a in self.articles for t in (a.title, f"{a.title}. {a.keywords}", f"{a.title}. {a.summary}")]
        identity = str(getattr(self.relevance, "identity", ""))
        views = vectors_kept_on_disk("article-views", [identity, *texts], texts, lambda t: _unit(self.relevance.embed(t)))
        return views.reshape(len(self.articles), 3, -1)

    def _load(self) -> None:
        if not self.folder.is_dir():
            raise FileNotFoundError(f"knowledge folder {self.folder} does not exist")
        files = sorted(p for p in self.folder.rglob("*") if p.suffix.lower() in (".md", ".txt") and p.is_file())
        for path in files[:MAX_ARTICLES]:
            if path.stat().st_size > MAX_ARTICLE_BYTES:
                log.warning("knowledge: %s skipped (over %d bytes)", path, MAX_ARTICLE_BYTES)
                continue
            try:
                article = parse_article(path.stem, path.read_text(encoding="utf-8", errors="replace"))
            except OSError as exc:
                log.warning("knowledge: %s unreadable: %s", path, exc)
                continue
            if article is None:
                continue
            self.articles.append(article)
            self._db.execute("INSERT INTO docs(rowid, title, keywords, body) VALUES (?, ?, ?, ?)",
                             (len(self.articles), article.title, article.keywords, article.summary + " " + article.details))
        log.info("knowledge: %d articles from %s", len(self.articles), self.folder)

    def _search(self, text: str) -> tuple[Hit, ...]:
        terms = query_terms(text)
        if not terms:
            return ()
        match = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid, -bm25(docs, 4.0, 3.0, 1.0) AS score FROM docs WHERE docs MATCH ? ORDER BY score DESC LIMIT ?",
                (match, CANDIDATES),  # read at each search: bench/article_replies.py --candidates varies it
            ).fetchall()
            hits = []
            for rowid, score in rows:
                matched = sum(
                    1 for t in terms
                    if self._db.execute("SELECT 1 FROM docs WHERE docs MATCH ? AND rowid = ?", ('"' + t.replace('"', "") + '"', rowid)).fetchone()
                )
                hits.append(Hit(self.articles[rowid - 1], float(score), matched))
        return tuple(hits)

    def _good(self, hit: Hit, text: str) -> bool:
        """Enough words matched, and (BM25 scores mean something only over enough documents: a
        folder of a few articles is judged by the words matched alone) a high enough score, or,
        for `text`, a meaning at least `GOOD_BY_MEANING` near: a score falls as the folder grows
        and the words it shares become common ("which version of Windows do I have" scored 5.9
        for the version article at cosine 0.66 once 329 articles said "Windows")."""
        if hit.matched < self.min_matched:
            return False
        if len(self.articles) < 10 or hit.score >= self.min_score:
            return True
        return self.relevance is not None and self.relevance_of(text, hit.article) >= GOOD_BY_MEANING

    def best(self, text: str, prefer: str = "", risks: frozenset[str] = frozenset()) -> Hit | None:
        """The article that answers `text`, or None when nothing matches well enough. With
        `prefer` (the newest words of a follow-up, "Sorry, I meant on a Mac"), the article
        with most of those words wins among the good matches. `risks`: the risky classes
        the question is in (an article written for one of them may be further in meaning)."""
        hits = self.search(text)
        if not hits:
            return None
        top = hits[0]
        if prefer:
            wanted = query_terms(prefer)

            def preferred(hit: Hit) -> int:
                a = hit.article
                body = f"{a.title} {a.keywords} {a.summary}".lower()
                return sum(1 for t in wanted if re.search(rf"\b{re.escape(t)}", body))

            # among the articles near enough in meaning and within `FOLLOW_UP_WITHIN` of the nearest,
            # where any is: after a dark-theme question, "What about on my iPad?" found a parental
            # controls article by "iPad" alone (too far: nothing was given), and "How would I do that on
            # my MacBook?" a laptop battery article by "MacBook" (0.43, beside dark mode's 0.72)
            relevant = [(r, h) for h in hits if self._good(h, text)
                        for r in (self.relevance_of(text, h.article),) if r >= self.least_relevance(h.article, risks)]
            nearest = max((r for r, _ in relevant), default=0.0)
            near = [h for r, h in relevant if r >= nearest - FOLLOW_UP_WITHIN]
            top = max(near or hits, key=lambda h: (self._good(h, text), preferred(h), h.score))
        if not self._good(top, text):
            return None
        relevance = self.relevance_of(text, top.article)
        if not prefer and self.relevance is not None:
            # the words' second choice when its meaning is far nearer: "Is it safe to clear my
            # browser's cache?" shares "safe" with the Android app-cache article (cosine 0.50)
            # and one word less with the browser one (0.80)
            nearer = max(((self.relevance_of(text, h.article), h) for h in hits[1:] if self._good(h, text)), default=None, key=lambda rh: rh[0])
            if nearer is not None and nearer[0] >= max(relevance + NEARER_BY, NEAR):
                relevance, top = nearer
        if self.relevance is not None and relevance < self.least_relevance(top.article, risks):
            if prefer:
                return None
            # the words' next choice written for the question's risk, when near enough: the
            # scores of two articles sharing as many words tie, and the first may be far in
            # meaning ("a caller wants control of my computer": a slow computer at 0.26, the
            # code-request article at 0.40). Any next choice was measured worse: of five other
            # questions it gave, all five were for other topics ("charging under my pillow": the flashlight)
            near = [(r, h) for h in hits[1:] if self._good(h, text) and h.article.risks & risks
                    for r in (self.relevance_of(text, h.article),) if r >= self.min_relevance_for_risk]
            if not near:
                return None
            relevance, top = near[0]
        if HAZARD in top.article.risks and not top.article.risks & risks:
            # an emergency's steps for a question that tells of none: "My laptop won't charge"
            # found the spilled-liquid article (cosine 0.55), whose answer is never to charge it
            return None
        return self._for_the_device_asked(text, top, relevance, hits)

    def _for_the_device_asked(self, text: str, top: Hit, relevance: float, hits: tuple[Hit, ...]) -> Hit | None:
        """`top`, unless it is written for other devices than the one the question names
        ("one window on my mac" found the Windows screenshot article; "delete an app off my
        macbook" the phone one; "my samsung tv remote" the Fire TV Stick's restart) and a good
        match for that device is at least as relevant. None when there is no such match and
        the article's title, or every sentence of its answer, names only other devices ("Stop
        apps opening … on a Mac" for "my pc"; the phone's Auto-Lock and Screen timeout for a
        Windows laptop): its steps are for a machine the user does not have. Platforms first,
        then televisions (`tvs_in`), each alone."""
        asked, written_for = _machine(text), _machine(top.article.title)
        if asked and written_for and asked != written_for:
            # a laptop's question and a phone's article, neither naming a platform: "my laptop gets a
            # little warm on the bottom" found "Phone gets hot while using it or charging"
            return None
        for names_in in (platforms_in, tvs_in):
            fitting = self._fitting(names_in, text, top, relevance, hits)
            if fitting is None:
                return None
            if fitting is not top:
                top, relevance = fitting, self.relevance_of(text, fitting.article)
        return top

    def _fitting(self, names_in, text: str, top: Hit, relevance: float, hits: tuple[Hit, ...]) -> Hit | None:
        asked = names_in(text)
        written_for = names_in(top.article.summary)
        if not asked or not written_for or written_for & asked:
            return top
        fits = [(self.relevance_of(text, h.article), h) for h in hits
                if h is not top and self._good(h, text) and names_in(h.article.summary) & asked]
        fits = [(r, h) for r, h in fits if r >= relevance]
        if fits:
            return max(fits, key=lambda f: f[0])[1]
        titled_for = names_in(top.article.title)
        if titled_for and not titled_for & asked:
            return None
        said = sentences(top.article.summary)
        for kind, other, machine in ((PHONES, COMPUTERS, _A_PHONE), (COMPUTERS, PHONES, _A_COMPUTER)):
            if asked <= kind and written_for <= other and not any(names_in(s) & kind or machine.search(s) for s in [top.article.title, *said]):
                # a phone's question, an article whose title and answer say nothing for a phone (or the reverse):
                # "300 tabs open in safari on my iphone" found reopening a closed tab with
                # Control or Command, Shift and T; "my android phone keeps flipping the screen
                # sideways" Windows' display orientation
                return None
        # every sentence of its answer is for another device: nothing in it for this one
        return None if all(names_in(s) for s in said) else top

    def least_relevance(self, article: Article, risks: frozenset[str] = frozenset()) -> float:
        """The cosine `article` needs to be given for a question in the risky classes `risks`:
        less for an article written for one of them, more for one written for none."""
        if article.risks & risks:
            return self.min_relevance_for_risk
        return max(self.min_relevance, RISKY_TURN_RELEVANCE) if risks else self.min_relevance

    def relevance_of(self, text: str, article: Article) -> float:
        """The cosine of `text` with the nearest of the article's views (title; title and
        keywords; title and spoken answer); 1.0 without an encoder. Blocking: a forward pass
        per new text (2-20 ms)."""
        if self.relevance is None or self._views is None:
            return 1.0
        row = self._row_of.get(article.name)
        if row is None:
            return 1.0  # not one of this base's articles: nothing to compare with
        views = self._views[row]
        return float((views @ _unit(self.relevance.embed(text))).max())


def _machine(text: str) -> str:
    """"computer" or "phone" where the text names that kind of machine alone, by its platform
    or a word for it ("" where it names both or neither)."""
    named = platforms_in(text)
    computer = bool(named & COMPUTERS or _A_COMPUTER.search(text))
    phone = bool(named & PHONES or _A_PHONE.search(text))
    return "computer" if computer and not phone else "phone" if phone and not computer else ""


def _unit(vec: np.ndarray) -> np.ndarray:
    return vec / (float(np.linalg.norm(vec)) or 1.0)


def relevance_for(spec: str) -> SentenceVectors | None:
    """The sentence encoder `knowledge_relevance` names ("minilm", "st:/abs/folder"), or None
    ("off", or when it cannot be loaded: said in the log; BM25 alone decides, as before)."""
    from models.llm.embedder import is_sentence_encoder, shared_embedder
    from models.llm.events import LLMError

    spec = (spec or "off").strip()
    if spec == "off":
        return None
    if not is_sentence_encoder(spec):
        log.warning("knowledge_relevance %r is not a sentence encoder (minilm, st:/abs/folder): articles are found by words only", spec)
        return None
    try:
        return shared_embedder(spec)
    except LLMError as exc:
        log.warning("articles are found by words only: %s (%s)", exc.message, exc.hint)
        return None
