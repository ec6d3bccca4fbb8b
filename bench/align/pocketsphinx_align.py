#!/usr/bin/env python3
"""The anchor for issue #18: pocketsphinx forced onto a case's spoken words, times mapped back to the text's tokens.

Usage: pocketsphinx_align.py AUDIO TRUTH.json OUT.json [TIME_FILE]
The grammar is exactly the spoken word sequence (the truth's "spoken" words in order; pocketsphinx itself inserts optional
silence and fillers between them). Each word's pronunciations are Debian's cmudict entries plus, where it is missing
or cmudict has no matching entry, the phones flite spoke (CMU phone set, no stress; flite's "ax" is CMU's "AH"; flite
says "Gen." as the word "gen" with the phones of "general"), through a per-case dictionary. Audio is converted to 16 kHz mono with sox (MP3 is
decoded by ffmpeg first, which honours the LAME header's encoder delay). It runs pocketsphinx_batch with
-remove_silence no and writes [{"id","text","start","end"}] like `mediagate align`. TIME_FILE gets the wall seconds of the
conversion plus pocketsphinx_batch. Exit 1 when pocketsphinx finds no alignment.
"""
import json, os, subprocess, sys, tempfile, time

MODEL = "/usr/share/pocketsphinx/model/en-us"
FLITE_TO_CMU = {"ax": "AH", "pau": "SIL"}
FRAME = 0.01


def cmudict():
    entries = {}
    with open(os.path.join(MODEL, "cmudict-en-us.dict"), encoding="utf-8", errors="replace") as f:
        for line in f:
            head, _, phones = line.strip().partition(" ")
            entries.setdefault(head.split("(")[0], []).append(phones.strip())
    return entries


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: pocketsphinx_align.py AUDIO TRUTH.json OUT.json [TIME_FILE]")
    audio, truth_path, out_path = sys.argv[1:4]
    truth = json.load(open(truth_path, encoding="utf-8"))
    spoken = [(i, w.lower(), phones) for i, token in enumerate(truth["words"]) for w, phones in zip(token["spoken"], token["phones"])]
    known = cmudict()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "case.dict"), "w") as d:
            for word in sorted({w for _, w, _ in spoken}):
                pronunciations = list(known.get(word, []))
                for flite in {" ".join(FLITE_TO_CMU.get(p, p.upper()) for p in ph) for _, w, ph in spoken if w == word}:
                    if flite not in pronunciations:
                        pronunciations.append(flite)
                for k, p in enumerate(pronunciations):
                    d.write(f"{word}{'' if k == 0 else f'({k + 1})'} {p}\n")
        with open(os.path.join(tmp, "case.gram"), "w") as g:
            g.write("#JSGF V1.0;\ngrammar words;\npublic <words> = " + " ".join(w for _, w, _ in spoken) + " ;\n")
        with open(os.path.join(tmp, "ctl"), "w") as c:
            c.write("case\n")
        began = time.monotonic()
        source = audio
        if audio.endswith(".mp3"):
            source = os.path.join(tmp, "decoded.wav")
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", audio, source], check=True)
        subprocess.run(["sox", "-D", "-R", source, "-t", "raw", "-e", "signed", "-b", "16", "-c", "1", os.path.join(tmp, "case.raw"),
                        "remix", "-", "rate", "-v", "16000"], check=True)
        run = subprocess.run(["pocketsphinx_batch", "-hmm", os.path.join(MODEL, "en-us"), "-dict", os.path.join(tmp, "case.dict"),
                              "-jsgf", os.path.join(tmp, "case.gram"), "-ctl", os.path.join(tmp, "ctl"), "-cepdir", tmp,
                              "-cepext", ".raw", "-adcin", "yes", "-adchdr", "0", "-remove_silence", "no",
                              "-hypseg", os.path.join(tmp, "hypseg"), "-logfn", os.path.join(tmp, "log")], capture_output=True, text=True)
        elapsed = time.monotonic() - began
        hypseg = open(os.path.join(tmp, "hypseg")).read().split() if os.path.exists(os.path.join(tmp, "hypseg")) else []
        log = open(os.path.join(tmp, "log"), errors="replace").read() if os.path.exists(os.path.join(tmp, "log")) else run.stderr
    if len(sys.argv) == 5:
        with open(sys.argv[4], "w") as f:
            f.write(f"{elapsed:.4f}\n")
    # hypseg: uttid S scale T total A ac L lm, then (start_frame ac lm word)*, then the end frame.
    body = hypseg[9:]
    segments = [(int(body[k]), body[k + 3]) for k in range(0, len(body) - 1, 4)]
    ends = [s for s, _ in segments[1:]] + [int(body[-1])] if body else []
    words = [(s * FRAME, e * FRAME, w.split("(")[0]) for (s, w), e in zip(segments, ends)
             if not (w.startswith("<") or w.startswith("[") or w.startswith("+"))]
    if run.returncode != 0 or [w for _, _, w in words] != [w for _, w, _ in spoken]:
        tail = "\n".join(log.strip().splitlines()[-5:])
        sys.exit(f"pocketsphinx_align: no alignment for {audio} (exit {run.returncode}; got {len(words)} of {len(spoken)} words)\n{tail}")
    out = []
    for i, token in enumerate(truth["words"]):
        mine = [words[k] for k, (t, _, _) in enumerate(spoken) if t == i]
        out.append({"id": f"w{i}", "text": token["text"], "start": round(mine[0][0], 3), "end": round(mine[-1][1], 3)})
    with open(out_path + ".tmp", "w") as f:
        json.dump(out, f, indent=1)
    os.replace(out_path + ".tmp", out_path)


if __name__ == "__main__":
    main()
