"""Which article each reply case gets, and whether the article's own answer passes the case's
rubric: a check of the knowledge base's choice that needs no model and no server.

    .venv/bin/python bench/article_replies.py [--nearer-by 0.05,0.1,off | --candidates 12,24 |
                                                --good-by-meaning 0.6,off] [-v]

For every single-turn case of every reply set (bench/replies.py's sets), under the default
policy (`ReplyPolicy.from_config(Config())`: the sentence encoder, the risk classifier):

- an *article reply* is what `ReplyPolicy.article_reply` would say with no model (the turn's
  whole reply in the real server, so the rubric's verdict on it is the turn's verdict, but for
  the guard's length rules);
- a *note* is the article given to the model instead (`note_for`); whether the note alone
  passes the rubric is only a hint of how useful it is, since the model rewords it.

Printed per set, then summed over the sets tuned on and over those never tuned on (held-out,
fresh, outside, outside10, outside12, outside13: counts only). `-v` names the failing article
replies of the tuned sets, never of the others. `--nearer-by` runs the choice again with
`knowledge_base.NEARER_BY` set to each value ("off": the words' first choice is never
replaced by one nearer in meaning), so variants are compared in one run; `--candidates` the
same with `knowledge_base.CANDIDATES`, how many of the words' matches the meaning chooses among;
`--good-by-meaning` with `knowledge_base.GOOD_BY_MEANING`, the cosine at which a match whose
words score low is good all the same ("off": never).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.config import Config  # noqa: E402
from agent.replies import knowledge_base  # noqa: E402
from agent.replies.reply_policy import DEFAULT_INSTRUCTIONS, NOTE_PREFIX, ReplyPolicy  # noqa: E402
from bench.replies import reply_sets, score  # noqa: E402

NEVER_TUNED = ("held-out", "fresh", "outside", "outside10", "outside12", "outside13")


def measure(policy: ReplyPolicy, sets: dict[str, tuple], verbose: bool) -> dict[str, tuple[int, int, int, int]]:
    """Per set: (article replies that pass, article replies, notes that pass, notes)."""
    counts = {}
    for name, cases in sets.items():
        ar_pass = ar = note_pass = notes = 0
        for case in cases:
            if len(case.turns) != 1 or case.image:
                continue
            question = case.turns[0]
            answer = policy.article_reply([{"role": "system", "content": DEFAULT_INSTRUCTIONS}, {"role": "user", "content": question}])
            if answer:
                verdict = score(case, [answer])
                ar, ar_pass = ar + 1, ar_pass + verdict.passed
                if verbose and not verdict.passed and name not in NEVER_TUNED:
                    print(f"  article reply fails: {name} {case.id}: {verdict.reasons[:2]}")
            elif note := policy.note_for(question):
                notes, note_pass = notes + 1, note_pass + score(case, [note.removeprefix(NOTE_PREFIX)]).passed
        counts[name] = (ar_pass, ar, note_pass, notes)
        print(f"  {name:10} article replies {ar_pass}/{ar}   notes that pass alone {note_pass}/{notes}", flush=True)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nearer-by", default="", help="comma-separated NEARER_BY values to compare (a float, or off)")
    ap.add_argument("--candidates", default="", help="comma-separated CANDIDATES values to compare (instead of --nearer-by)")
    ap.add_argument("--good-by-meaning", default="", help="comma-separated GOOD_BY_MEANING values to compare (a float, or off)")
    ap.add_argument("-v", action="store_true", help="name the tuned sets' failing article replies")
    args = ap.parse_args()
    policy = ReplyPolicy.from_config(Config())
    sets = reply_sets()
    knob = "CANDIDATES" if args.candidates else "GOOD_BY_MEANING" if args.good_by_meaning else "NEARER_BY"
    given = args.candidates or args.good_by_meaning or args.nearer_by
    variants = [v.strip() for v in given.split(",") if v.strip()] or [str(getattr(knowledge_base, knob))]
    summary = []
    for v in variants:
        if knob == "CANDIDATES":
            knowledge_base.CANDIDATES = int(v)
        elif knob == "GOOD_BY_MEANING":
            knowledge_base.GOOD_BY_MEANING = 9.0 if v == "off" else float(v)
        else:
            knowledge_base.NEARER_BY = 9.0 if v == "off" else float(v)
        policy.knowledge.search.cache_clear()
        print(f"\n{knob} {v}:")
        counts = measure(policy, sets, args.v)
        for group, names in (("tuned", [n for n in sets if n not in NEVER_TUNED]), ("never tuned", list(NEVER_TUNED))):
            s = [sum(counts[n][i] for n in names) for i in range(4)]
            summary.append(f"| {v} | {group} | {s[0]}/{s[1]} | {s[2]}/{s[3]} |")
    print(f"\n| {knob} | sets | article replies that pass | notes that pass alone |\n|---|---|---|---|")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
