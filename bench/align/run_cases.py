#!/usr/bin/env python3
"""Runs both aligners on every case of a benchmark directory, one process at a time, timing each whole process.

Usage: run_cases.py CASES_DIR RESULTS_DIR MEDIAGATE [--jobs N]
One at a time (--jobs 1, the default) gives each aligner the machine to itself, as a user's run has it: with two at a time on
a 2-core machine, mediagate's second decoding thread would compete with the other case.
Writes RESULTS_DIR/pocketsphinx/CASE.{json,time} and RESULTS_DIR/mediagate/CASE.{json,time}; an aligner that fails on a
case leaves CASE.err instead of CASE.json (the scorer then counts the case as failed).
"""
import argparse, glob, os, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))


def audio_of(cases, case):
    for ext in (".wav", ".mp3"):
        if os.path.exists(os.path.join(cases, case + ext)):
            return os.path.join(cases, case + ext)
    sys.exit(f"run_cases: {case} has no .wav or .mp3 in {cases}")


def run(cases, results, mediagate, case):
    audio, truth = audio_of(cases, case), os.path.join(cases, case + ".truth.json")
    ps, mg = os.path.join(results, "pocketsphinx", case), os.path.join(results, "mediagate", case)
    done = subprocess.run([sys.executable, os.path.join(HERE, "pocketsphinx_align.py"), audio, truth, ps + ".json", ps + ".time"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        open(ps + ".err", "w").write(done.stdout + done.stderr)
    began = time.monotonic()
    done = subprocess.run([mediagate, "align", audio, "--text", os.path.join(cases, case + ".txt"), "-o", mg + ".json"],
                          capture_output=True, text=True)
    elapsed = time.monotonic() - began
    if done.returncode != 0:
        open(mg + ".err", "w").write(done.stdout + done.stderr)
    else:
        open(mg + ".time", "w").write(f"{elapsed:.4f}\n")
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases"); parser.add_argument("results"); parser.add_argument("mediagate")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    for name in ("pocketsphinx", "mediagate"):
        os.makedirs(os.path.join(args.results, name), exist_ok=True)
    cases = sorted(os.path.basename(p)[: -len(".truth.json")] for p in glob.glob(os.path.join(args.cases, "*.truth.json")))
    # Longest first, so that the two workers finish together.
    cases.sort(key=lambda c: -os.path.getsize(audio_of(args.cases, c)))
    with ThreadPoolExecutor(args.jobs) as pool:
        for k, _ in enumerate(pool.map(lambda c: run(args.cases, args.results, args.mediagate, c), cases), 1):
            if sys.stderr.isatty():
                print(f"\r{k}/{len(cases)} cases aligned", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)


if __name__ == "__main__":
    main()
