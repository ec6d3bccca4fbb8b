#!/usr/bin/env python3
"""Scores aligners' word timings against the benchmark's truth (issue #18), one line per aligner.

Usage: score.py CASES_DIR NAME=OUTPUT_DIR [NAME=OUTPUT_DIR ...] [--detail] [--json] [--skip-missing]
OUTPUT_DIR holds CASE.json for each case ([{"id","text","start","end"}], as `mediagate align -o` writes) and optionally
CASE.time (the aligner's wall seconds). A word list whose count or text (compared case-insensitively, letters and digits
only) differs from the truth's tokens stops the scorer with exit 1: misaligned lists are never scored. A missing output is
an error too, unless --skip-missing, which counts it as a failed case instead.
"""
import argparse, glob, json, math, os, re, sys


def normal(token):
    return re.sub(r"[^0-9a-z]", "", token.lower())


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def is_numeric(token):
    """Numbers, money, percentages, times and the digits of dates: the tokens a synthesiser reads as several words."""
    return bool(re.search(r"[0-9]", token))


class Tally:
    def __init__(self):
        self.start, self.end, self.end_numeric, self.end_other = [], [], [], []
        self.short = self.after_pause = self.displaced = 0
        self.seconds = self.audio = self.long_seconds = self.long_audio = 0.0
        self.timed_cases = self.cases = 0
        self.failed = []

    def add(self, truth, words, seconds):
        self.cases += 1
        for t, w in zip(truth["words"], words):
            s, e = abs(w["start"] - t["start"]), abs(w["end"] - t["end"])
            self.start.append(s); self.end.append(e)
            (self.end_numeric if is_numeric(t["text"]) else self.end_other).append(e)
            if w["end"] - w["start"] < 0.02:
                self.short += 1
            if t["pause_before"] >= 0.1:
                self.after_pause += 1
                if s > 0.1:
                    self.displaced += 1
        if seconds is not None:
            self.seconds += seconds; self.audio += truth["duration"]; self.timed_cases += 1
            if truth["duration"] >= 60:
                self.long_seconds += seconds; self.long_audio += truth["duration"]

    def summary(self):
        n = len(self.start)
        ms = lambda v: None if v != v else round(v * 1000, 1)
        return {
            "cases": self.cases, "failed_cases": self.failed, "words": n,
            "start_median_ms": ms(percentile(self.start, 0.5)), "start_p95_ms": ms(percentile(self.start, 0.95)),
            "end_median_ms": ms(percentile(self.end, 0.5)), "end_p95_ms": ms(percentile(self.end, 0.95)),
            "within_100ms_pct": round(100 * sum(1 for v in self.start + self.end if v <= 0.1) / max(1, 2 * n), 1),
            "shorter_than_20ms_pct": round(100 * self.short / max(1, n), 2),
            "words_after_pause": self.after_pause, "displaced_across_pause": self.displaced,
            "end_p90_numeric_ms": ms(percentile(self.end_numeric, 0.9)), "end_p90_other_ms": ms(percentile(self.end_other, 0.9)),
            "seconds_per_audio_minute": round(self.seconds / (self.audio / 60), 2) if self.audio else None,
            "seconds_per_audio_minute_files_over_1_min": round(self.long_seconds / (self.long_audio / 60), 2) if self.long_audio else None,
        }


def check(case, name, truth, words):
    tokens = [t["text"] for t in truth["words"]]
    if len(words) != len(tokens):
        sys.exit(f"score: {name} gave {len(words)} words for {case}, the truth has {len(tokens)} tokens; "
                 "an aligner must return one word per whitespace token of the text")
    for k, (t, w) in enumerate(zip(tokens, words)):
        if normal(t) != normal(w["text"]):
            sys.exit(f"score: {name} word {k} of {case} is {w['text']!r}, the truth's token is {t!r}; "
                     "an aligner must return the text's whitespace tokens in order")


def speed(v):
    return "-" if v is None else f"{v:.2f}"


def row(label, s):
    f = lambda v: "-" if v is None else f"{v:.0f}"
    failed = f", {len(s['failed_cases'])} failed" if s["failed_cases"] else ""
    return (f"| {label} | {s['words']}{failed} | {f(s['start_median_ms'])} / {f(s['start_p95_ms'])} ms | {f(s['end_median_ms'])} / "
            f"{f(s['end_p95_ms'])} ms | {s['within_100ms_pct']}% | {s['shorter_than_20ms_pct']}% | {s['displaced_across_pause']} of "
            f"{s['words_after_pause']} | {f(s['end_p90_numeric_ms'])} / {f(s['end_p90_other_ms'])} ms | "
            f"{speed(s['seconds_per_audio_minute'])} / {speed(s['seconds_per_audio_minute_files_over_1_min'])} |")


HEADER = ("| {} | words | start median / p95 | end median / p95 | within 100 ms | shorter than 20 ms | displaced across a pause "
          "| end p90, numbers / other | s per audio minute, all / files ≥ 1 min |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases")
    parser.add_argument("aligners", nargs="+", metavar="NAME=OUTPUT_DIR")
    parser.add_argument("--detail", action="store_true", help="also break the figures down per voice and per variation")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--skip-missing", action="store_true", help="count a case with no output as failed instead of stopping")
    args = parser.parse_args()
    truths = sorted(glob.glob(os.path.join(args.cases, "*.truth.json")))
    if not truths:
        sys.exit(f"score: no *.truth.json in {args.cases}; build the cases first (bench/align-accuracy.sh)")
    report = {}
    for spec in args.aligners:
        name, sep, out = spec.partition("=")
        if not sep or not os.path.isdir(out):
            sys.exit(f"score: {spec!r} is not NAME=OUTPUT_DIR with an existing directory")
        overall, voices, kinds = Tally(), {}, {}
        for path in truths:
            case = os.path.basename(path)[: -len(".truth.json")]
            truth = json.load(open(path, encoding="utf-8"))
            result = os.path.join(out, case + ".json")
            if not os.path.exists(result):
                if not args.skip_missing:
                    sys.exit(f"score: {name} has no output for {case} ({result}); rerun it, or pass --skip-missing")
                for t in (overall, voices.setdefault(truth["voice"], Tally()), kinds.setdefault(truth["variation"]["kind"], Tally())):
                    t.failed.append(case)
                continue
            words = json.load(open(result, encoding="utf-8"))
            check(case, name, truth, words)
            time_path = os.path.join(out, case + ".time")
            seconds = float(open(time_path).read()) if os.path.exists(time_path) else None
            for t in (overall, voices.setdefault(truth["voice"], Tally()), kinds.setdefault(truth["variation"]["kind"], Tally())):
                t.add(truth, words, seconds)
        report[name] = {"overall": overall.summary(), "by_voice": {k: v.summary() for k, v in sorted(voices.items())},
                        "by_variation": {k: v.summary() for k, v in sorted(kinds.items())}}
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(HEADER.format("aligner"))
    for name, r in report.items():
        print(row(name, r["overall"]))
    for name, r in report.items():
        failed = r["overall"]["failed_cases"]
        if failed:
            print(f"{name} failed on {len(failed)} cases: {' '.join(failed)}")
    if args.detail:
        for group in ("by_voice", "by_variation"):
            for name, r in report.items():
                print(f"\n{name}, {group.replace('_', ' ')}:\n" + HEADER.format(group.split("_")[1]))
                for label, s in r[group].items():
                    print(row(label, s))


if __name__ == "__main__":
    main()
