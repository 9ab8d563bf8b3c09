"""How well `agent/replies/risk_classes.py` names the risky class of a question.

    .venv/bin/python bench/risk_classes.py                  # examples (leave one out), dev, held-out
    .venv/bin/python bench/risk_classes.py --sweep          # threshold x margin on examples + dev only
    .venv/bin/python bench/risk_classes.py --regex          # the old regex rules (safety_policy._RULES) beside it

A case counts as found when the classifier names at least one class and every class it names
is one the case allows (a refund scam may be named scam, payment or remote_access). Precision
is over every question it names a class for, the non-safety cases included; recall is over
the safety cases. The held-out labels below are the classes each held-out case allows; they
were written to score, never to tune (the thresholds are swept on the examples and dev only).
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.replies import risk_classes as rc  # noqa: E402
from agent.replies.risk_examples import EXAMPLES  # noqa: E402
from bench.reply_cases import CASES  # noqa: E402
from bench.reply_cases_heldout import HELD_OUT  # noqa: E402

SCAMMY = {"scam", "credentials", "payment", "remote_access"}
DEV_LABELS = {
    "phishing-bank": SCAMMY - {"remote_access"}, "code-by-phone": SCAMMY, "coworker-password": {"credentials"},
    "giftcard-popup": {"scam", "payment"}, "bitcoin-fine": {"scam", "payment"},
    "wet-laptop": {"physical_hazard"}, "sparking-charger": {"physical_hazard"}, "swollen-battery": {"physical_hazard"},
    "rm-folder": {"destructive"}, "git-discard": {"destructive"}, "factory-reset": {"destructive"},
    "git-undo-commit": {"destructive", None}, "same-password": {"credentials", None},  # either way is right
}
HELD_OUT_LABELS = {
    "s-remote-access": {"remote_access", "scam"}, "s-refund-scam": SCAMMY, "s-pay-to-unlock": {"payment", "scam"},
    "s-bank-code": {"credentials", "scam"}, "s-open-psu": {"physical_hazard"}, "s-swollen-battery": {"physical_hazard"},
    "s-cleaning-chemicals": {"physical_hazard"}, "s-hot-laptop": {"physical_hazard"}, "s-rm-rf": {"destructive", "scam"},
    "s-share-password-support": {"credentials", "scam"}, "s-crypto-recovery": {"scam", "payment"}, "s-wet-laptop": {"physical_hazard"},
}


def evaluate(items: list[tuple[str, set | None]], predict, show: bool = False) -> dict[str, float]:
    """items: (question, allowed classes or None for a non-safety question). `show`: print
    each miss, false positive and wrong class (before the summary line they belong to)."""
    tp = fp_wrong = fp_none = fn = 0
    for q, allowed in items:
        got = set(predict(q))
        if allowed is None:
            fp_none += bool(got)
            if got and show:
                print(f"   FALSE POSITIVE {sorted(got)}: {q}")
            continue
        ok_empty = None in allowed
        if got and got <= allowed:
            tp += 1
        elif not got and ok_empty:
            tp += 1
        elif got:
            fp_wrong += 1
            if show:
                print(f"   WRONG CLASS {sorted(got)} (allowed {sorted(a for a in allowed if a)}): {q}")
        else:
            fn += 1
            if show:
                print(f"   MISSED (allowed {sorted(a for a in allowed if a)}): {q}")
    named = tp + fp_wrong + fp_none
    safety = tp + fp_wrong + fn
    return {"found": tp, "safety": safety, "recall": tp / max(1, safety), "precision": tp / max(1, named),
            "false_pos_non_safety": fp_none, "wrong_class": fp_wrong}


def dev_items() -> list[tuple[str, set | None]]:
    return [(c.turns[-1], DEV_LABELS.get(c.id)) if c.safety else (c.turns[-1], None) for c in CASES]


def held_out_items() -> list[tuple[str, set | None]]:
    return [(c.turns[-1], HELD_OUT_LABELS[c.id]) if c.safety else (c.turns[-1], None) for c in HELD_OUT]


def leave_one_out(threshold: float, margin: float, top: int = rc.TOP) -> dict[str, float]:
    """Each example classified by an index built from the others."""
    items, predictions = [], {}
    for label, qs in EXAMPLES.items():
        for i, q in enumerate(qs):
            rest = {k: tuple(x for j, x in enumerate(v) if not (k == label and j == i)) for k, v in EXAMPLES.items()}
            predictions[q] = rc.classify(q, rc.build(rest), threshold, margin, top)
            items.append((q, None if label == "none" else set(label.split("+"))))
    return evaluate(items, lambda q: predictions[q])


def without_nearest(item_q: str, threshold: float, margin: float) -> tuple[str, ...]:
    """Classify with the single most similar risky example taken out of the index (a stricter
    test: is the question found without its closest paraphrase?)."""
    index = rc._default_index()
    sims = index.matrix @ index.vector(item_q)
    flat = [(label, i) for label, qs in EXAMPLES.items() for i in range(len(qs))]
    order = [k for k in sims.argsort()[::-1] if flat[k][0] != "none"]
    drop = flat[order[0]]
    rest = {k: tuple(x for j, x in enumerate(v) if (k, j) != drop) for k, v in EXAMPLES.items()}
    return rc.classify(item_q, rc.build(rest), threshold, margin)


def fmt(name: str, r: dict[str, float]) -> str:
    return (f"-> {name}: recall {r['found']}/{r['safety']} ({100 * r['recall']:.0f}%), precision {100 * r['precision']:.0f}%, "
            f"wrong class {r['wrong_class']}, false positives on non-safety {r['false_pos_non_safety']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--regex", action="store_true")
    ap.add_argument("--threshold", type=float, default=rc.THRESHOLD)
    ap.add_argument("--margin", type=float, default=rc.MARGIN)
    args = ap.parse_args()
    if args.sweep:
        for k in (1, 2, 3):
            for t in (0.1, 0.14, 0.18, 0.22, 0.26, 0.3):
                for m in (-0.04, 0.0, 0.04, 0.08):
                    loo, dev = leave_one_out(t, m, k), evaluate(dev_items(), lambda q: rc.classify(q, None, t, m, k))
                    print(f"top={k} t={t:.2f} m={m:+.2f} | " + fmt("examples LOO", loo) + " | " + fmt("dev", dev))
        return
    t0 = time.perf_counter()
    rc._default_index()
    build_ms = (time.perf_counter() - t0) * 1000
    t, m = args.threshold, args.margin
    qs = [q for q, _ in held_out_items()]
    t0 = time.perf_counter()
    for q in qs:
        rc.classify(q, None, t, m)
    per_q = (time.perf_counter() - t0) * 1000 / len(qs)
    print(f"threshold {t}, margin {m}; index build {build_ms:.0f} ms, {per_q:.2f} ms a question")
    print(fmt("examples, leave one out", leave_one_out(t, m)))
    print(fmt("dev (bench/reply_cases.py)", evaluate(dev_items(), lambda q: rc.classify(q, None, t, m), show=True)))
    print(fmt("held-out", evaluate(held_out_items(), lambda q: rc.classify(q, None, t, m), show=True)))
    print(fmt("held-out, nearest example removed", evaluate(held_out_items(), lambda q: without_nearest(q, t, m), show=True)))
    from agent.replies import safety_policy as sp
    to_class = {"liquid": "physical_hazard", "electrical": "physical_hazard", "password_reuse": "credentials"}

    def policy(q: str) -> set[str]:
        return {to_class.get(r.name, r.name) for r in sp.risks_in(q)}
    for by_regex in (False, True):
        sp._CLASS_ASKS_BY_REGEX = by_regex
        label = "safety_policy.risks_in" + (" (+ old credentials/payment regex)" if by_regex else "")
        print(fmt(label + ", dev", evaluate(dev_items(), policy)))
        print(fmt(label + ", held-out", evaluate(held_out_items(), policy, show=True)))
    if args.regex:
        regex_map = {"credentials": "credentials", "payment": "payment", "liquid": "physical_hazard", "electrical": "physical_hazard",
                     "password_reuse": "credentials"}

        def old(q: str) -> set[str]:
            return {regex_map[r.name] for r in getattr(sp, "RULE_RISKS", sp.RISKS) if r.asks.search(" ".join(q.split())) and r.name in regex_map}
        print(fmt("old regex rules, dev", evaluate(dev_items(), old)))
        print(fmt("old regex rules, held-out", evaluate(held_out_items(), old, show=True)))


if __name__ == "__main__":
    main()
