#!/usr/bin/env python3
"""Builds the forced-alignment benchmark cases (issue #18) from libflite voices, with flite's own phone timings as truth.

Usage: make_cases.py --tool FLITETRUTH --out DIR [--quick] [--fixtures]
Each case is NAME.wav or NAME.mp3 (the recording), NAME.txt (the text exactly as an aligner is given it) and
NAME.truth.json ({"voice", "variation", "duration", "words": [{"text", "spoken", "phones", "start", "end",
"pause_before", "after_pause"}]}). Everything is seeded, so the same inputs give the same cases on every machine.
"""
import argparse, json, os, random, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
VOICES = ["kal", "kal16", "slt", "rms", "awb"]
SHORT = ["Stop.", "Wait here.", "Yes, of course.", "Listen carefully.", "That is all for today.", "Thank you.", "Ready?", "Not yet."]


def sentences():
    with open(os.path.join(HERE, "sentences.txt"), encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    plain = [l for l in lines if not re.search(r"[0-9$%]|\b(Dr|Mr|Mrs|Ms|St|Lt|Gen|Capt)\.|etc\.", l) and l not in SHORT]
    special = [l for l in lines if l not in plain and l not in SHORT]
    return plain, special


def normal(token):
    """A token as the scorer compares it: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", token.lower())


def map_tokens(text, flite_tokens, case):
    """Joins flite's Token items into the text's whitespace tokens (flite splits off some punctuation and drops some)."""
    words, k = [], 0
    for token in text.split():
        want, got, items = normal(token), "", []
        while k < len(flite_tokens) and len(got) < len(want):
            got += normal(flite_tokens[k]["text"]); items.append(flite_tokens[k]); k += 1
        spoken = [w for item in items for w in item["spoken"]]
        if got != want or not spoken:
            sys.exit(f"make_cases: {case}: flite's tokens do not match the text at {token!r} (flite: {got!r}); "
                     "change the sentence in bench/align/sentences.txt")
        timed = [i for i in items if i["spoken"]]
        words.append({"text": token, "spoken": [w["word"] for w in spoken], "phones": [w["phones"] for w in spoken],
                      "start": round(timed[0]["start"], 5), "end": round(timed[-1]["end"], 5)})
    if k != len(flite_tokens):
        sys.exit(f"make_cases: {case}: flite has tokens left over after the text: {flite_tokens[k:]}")
    previous = 0.0
    for w in words:
        w["pause_before"] = round(w["start"] - previous, 5)
        w["after_pause"] = w["pause_before"] >= 0.1
        previous = w["end"]
    return words


def build(tool, out, case):
    name, lines = case["name"], case["lines"]
    v = case["variation"]
    with tempfile.TemporaryDirectory() as tmp:
        native = os.path.join(tmp, "native.wav")
        spec = "".join(f"{pause:.3f}\t{text}\n" for pause, text in lines)
        run = subprocess.run([tool, case["voice"], str(v.get("stretch", 1.0)), str(v.get("leadin", 0.3)), str(v.get("tail", 0.5)),
                              str(v.get("peak_dbfs", -3)), str(v.get("snr_db", 0)), str(case["seed"]), native],
                             input=spec, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"make_cases: flitetruth failed on {name}: {run.stderr.strip()}")
        flite = json.loads(run.stdout)
        text = " ".join(t for _, t in lines)
        words = map_tokens(text, flite["tokens"], name)
        rate, channels = v.get("sample_rate", flite["sample_rate"]), v.get("channels", 1)
        wav = os.path.join(tmp, "final.wav")
        effects = ["remix", "1", "1v0.8"] if channels == 2 else []
        subprocess.run(["sox", "-D", "-R", native, "-b", "16", wav, *effects, "rate", "-v", str(rate)], check=True)
        if "mp3_kbps" in v:
            audio = os.path.join(out, name + ".mp3")
            subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-i", wav, "-c:a", "libmp3lame", "-b:a", f"{v['mp3_kbps']}k",
                            audio + ".tmp.mp3"], check=True)
        else:
            audio = os.path.join(out, name + ".wav")
            os.replace(wav, audio + ".tmp.wav")
        truth = {"voice": case["voice"], "variation": v, "duration": flite["duration"], "words": words}
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text + "\n")
        with open(os.path.join(out, name + ".truth.json.tmp"), "w", encoding="utf-8") as f:
            json.dump(truth, f, indent=1)
        os.replace(audio + (".tmp.mp3" if audio.endswith(".mp3") else ".tmp.wav"), audio)
        os.replace(os.path.join(out, name + ".truth.json.tmp"), os.path.join(out, name + ".truth.json"))
    return len(words)


def full_set(rng):
    """About 175 cases: per voice, each variation of issue #18 on two-sentence texts, plus two long files."""
    plain, special = sentences()
    cases = []

    def pick(pool, n):
        return [pool[rng.randrange(len(pool))] for _ in range(n)]

    def short_text(numeric=False):
        chosen = pick(special, 3) if numeric else [*pick(plain, 1), *pick(special, 1)]
        return [(round(rng.uniform(0.1, 0.8), 2), s) for s in chosen]

    def long_text(seconds):
        """Sentences until about SECONDS; the silence flite leaves at each utterance's edges (0.2-0.3 s) comes on top of
        the inserted pause, so the pauses heard are about 0.3-1.2 s, and 1.5-2 s around the short sentences."""
        lines, total = [], 0.0
        while total < seconds:
            if rng.random() < 0.2:
                lines.append((round(rng.uniform(1.3, 1.7), 2), rng.choice(SHORT)))
                if len(lines) > 1:
                    lines[-2] = (round(rng.uniform(1.3, 1.7), 2), lines[-2][1])
            else:
                lines.append((round(rng.uniform(0.1, 0.9), 2), rng.choice(plain + special)))
            total += 3.6 + lines[-1][0]
        return lines

    for voice in VOICES:
        variations = [("base", {}), ("base", {}), ("rate", {"stretch": 0.8}), ("rate", {"stretch": 0.8}),
                      ("rate", {"stretch": 1.25}), ("rate", {"stretch": 1.25})]
        variations += [("leadin", {"leadin": s}) for s in (0.0, 1.0, 2.0, 3.0)]
        variations += [("level", {"peak_dbfs": d}) for d in (-30, -20, -10, 0)]
        variations += [("noise", {"snr_db": s}) for s in (30, 30, 20, 20)]
        variations += [("sample_rate", {"sample_rate": r}) for r in (8000, 16000, 22050, 44100, 48000)]
        variations += [("stereo", {"sample_rate": r, "channels": 2}) for r in (44100, 48000)]
        variations += [("mp3", {"mp3_kbps": b, "sample_rate": r}) for b, r in ((64, 22050), (96, 44100), (128, 44100))]
        variations += [("numbers", {}) for _ in range(3)]
        variations += [("mixed", {"stretch": 1.25, "snr_db": 20, "sample_rate": 8000, "leadin": 2.0}),
                       ("mixed", {"stretch": 0.8, "mp3_kbps": 96, "sample_rate": 44100, "peak_dbfs": -20, "channels": 2})]
        counts = {}
        for kind, v in variations:
            counts[kind] = counts.get(kind, 0) + 1
            v = {"kind": kind, **v}
            if "leadin" not in v:
                v["leadin"] = round(rng.uniform(0.2, 0.6), 2)
            cases.append({"name": f"{voice}-{kind}-{counts[kind]}", "voice": voice, "variation": v, "seed": rng.randrange(1 << 30),
                          "lines": short_text(numeric=kind == "numbers")})
        for i, seconds in enumerate((rng.uniform(70, 90), rng.uniform(120, 150)), 1):
            v = {"kind": "long", "leadin": round(rng.uniform(0.3, 1.5), 2), "target_seconds": round(seconds)}
            cases.append({"name": f"{voice}-long-{i}", "voice": voice, "variation": v, "seed": rng.randrange(1 << 30), "lines": long_text(seconds)})
    return cases


QUICK = {"base-1", "noise-3", "sample_rate-4", "stereo-2", "mp3-1", "numbers-1", "long-1"}


def fixtures():
    """The suite's committed subset: short single cases, 16 kHz or lower mono except one stereo 44.1 kHz and one MP3."""
    f = [("f01-slt-base", "slt", {}, [(0, "The garden looked different after the storm had passed.")]),
         ("f02-rms-money", "rms", {}, [(0, "The bill came to $19.99 plus tax.")]),
         ("f03-kal-8khz", "kal", {}, [(0, "Dr. Smith will see you at 3:30 this afternoon.")]),
         ("f04-awb-stereo44k", "awb", {"sample_rate": 44100, "channels": 2}, [(0, "Bring a warm coat.")]),
         ("f05-kal16-mp3", "kal16", {"mp3_kbps": 64}, [(0, "On 12 May 2026 the new station opened to the public.")]),
         ("f06-slt-noise20", "slt", {"snr_db": 20}, [(0, "Prices rose by 12% last year.")]),
         ("f07-rms-pauses", "rms", {}, [(1.0, "Stop."), (1.3, "Wait here."), (0, "Listen carefully.")]),
         ("f08-awb-fast-leadin", "awb", {"stretch": 0.8, "leadin": 1.5}, [(0, "Meet me at 10:15 on Platform 9, near the clock.")]),
         ("f09-kal16-quiet", "kal16", {"peak_dbfs": -30}, [(0, "Mrs. Patel won the vote with 61% of the ballots.")]),
         ("f10-slt-slow", "slt", {"stretch": 1.25}, [(0, "Nobody expected the old bridge to survive another winter.")])]
    return [{"name": n, "voice": voice, "variation": {"kind": n.split("-", 2)[2], "leadin": v.pop("leadin", 0.25), "tail": 0.2, **v},
             "seed": 18 + i, "lines": lines} for i, (n, voice, v, lines) in enumerate(f)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tool", required=True, help="the compiled flitetruth program")
    parser.add_argument("--out", required=True, help="the directory to write the cases into")
    parser.add_argument("--quick", action="store_true", help="only seven cases per voice")
    parser.add_argument("--fixtures", action="store_true", help="the suite's small committed subset instead")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cases = fixtures() if args.fixtures else full_set(random.Random(18))
    if args.quick:
        cases = [c for c in cases if c["name"].split("-", 1)[1] in QUICK]
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(args.jobs) as pool:
        words = sum(pool.map(lambda c: build(args.tool, args.out, c), cases))
    print(f"{len(cases)} cases, {words} words in {args.out}")


if __name__ == "__main__":
    main()
