#!/usr/bin/env python3
"""Joins benchmark cases end to end into one long case: the audio (16 kHz mono WAVs, by sox), the texts, and the truths
with every time moved by the audio before it.

Usage: concat_cases.py CASES_DIR OUT_DIR NAME CASE [CASE ...]   (writes NAME.wav, .txt and .truth.json into OUT_DIR)
"""
import json, os, subprocess, sys


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__.split("\n\n")[1].strip())
    cases, out_dir, name, parts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    os.makedirs(out_dir, exist_ok=True)
    words, texts, offset, voices = [], [], 0.0, []
    for part in parts:
        truth = json.load(open(os.path.join(cases, part + ".truth.json"), encoding="utf-8"))
        for word in truth["words"]:
            words.append(dict(word, start=word["start"] + offset, end=word["end"] + offset))
        texts.append(open(os.path.join(cases, part + ".txt"), encoding="utf-8").read().strip())
        voices.append(truth["voice"])
        offset += truth["duration"]
    out = os.path.join(out_dir, name)
    subprocess.run(["sox", *[os.path.join(cases, p + ".wav") for p in parts], out + ".wav.tmp.wav"], check=True)
    os.replace(out + ".wav.tmp.wav", out + ".wav")
    open(out + ".txt", "w", encoding="utf-8").write(" ".join(texts) + "\n")
    truth = {"voice": "+".join(voices), "variation": {"kind": "joined", "cases": parts}, "duration": offset, "words": words}
    json.dump(truth, open(out + ".truth.json", "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
