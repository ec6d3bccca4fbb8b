using static Mediagate.Local.Sfx.Dsp;

namespace Mediagate.Local.Sfx;

/// <summary>The bundled sound effects: each one a recipe in code, synthesised with physically plausible techniques.</summary>
/// <remarks>
/// Whooshes and risers are band-passed noise swept in frequency; bells, chimes and pings are decaying inharmonic partials or
/// two-operator FM; impacts are sine drops with saturation over a noise transient. The first 19 names are the HyperFrames peer's.
/// </remarks>
public static class SfxCatalog
{
    /// <summary>Every recipe, the peer's 19 names first.</summary>
    public static IReadOnlyList<SfxRecipe> All { get; } =
    [
        new("chime", ["bell", "positive", "ui", "soft"], "A bright struck chime with a long, shimmering decay.", "on the reveal; lets the tail ring under the next line",
            _ => Partials(2.5, 880, (1, 1, 1.8), (2.01, 0.5, 1.2), (3.02, 0.3, 0.8), (4.2, 0.2, 0.5), (5.4, 0.1, 0.3))),
        new("click-soft", ["ui", "button", "tap", "subtle"], "A muted, rounded button click.", "on the tap or cursor press",
            r => Pad(Shape(Filter(Noise(0.06, r), FilterKind.LowPass, _ => 2500), Percussive(0.0005, 0.02)), 0.37)),
        new("click", ["ui", "button", "tap", "mouse"], "A crisp mouse or button click.", "on the tap or cursor press",
            r => Pad(Mix(Shape(Filter(Noise(0.03, r), FilterKind.HighPass, _ => 2000), Percussive(0.0002, 0.012)),
                Shape(Sine(0.03, _ => 2200), Percussive(0.0002, 0.01)), gain: 0.6), 0.37)),
        new("error", ["ui", "wrong", "alert", "fail", "negative"], "Two descending buzzy tones that say something went wrong.", "on the failure",
            _ => Layer(1.62, (Tone(0.35, 440, 0.2), 0), (Tone(0.7, 330, 0.45), 0.4))),
        new("glitch-1", ["digital", "tech", "distortion", "transition", "stutter"], "A short digital stutter of clipped fragments.", "on a hard cut or a data visual", r => Glitch(r, 2.64, 10)),
        new("glitch-2", ["digital", "tech", "distortion", "transition", "stutter"], "A longer broken-signal glitch with buzzing fragments.", "under a screen-flicker transition", r => Glitch(r, 3.5, 16)),
        new("glitch-3", ["digital", "tech", "distortion", "transition", "noise"], "A scattered, crackling data glitch.", "on a corrupted-screen moment", r => Glitch(r, 3.1, 24)),
        new("impact-bass-1", ["hit", "boom", "cinematic", "low", "trailer"], "A deep cinematic bass hit with a falling body.", "on the cut or the title slam", r => Impact(r, 2.12, 110, 38, 0.9)),
        new("impact-bass-2", ["hit", "boom", "cinematic", "low", "trailer"], "A heavier sub-bass impact with a longer rumble.", "on the biggest beat of the edit", r => Impact(r, 2.59, 90, 30, 1.3)),
        new("key-press", ["keyboard", "typing", "key", "ui"], "One mechanical key press.", "on a single keystroke on screen", r => Pad(Key(r), 0.4)),
        new("notification", ["alert", "message", "ui", "bell", "ding"], "A friendly two-note notification chime.", "as the message appears",
            _ => Layer(2.46, (Bell(0.8, 1046.5), 0), (Bell(1.9, 1318.5), 0.18))),
        new("ping", ["ui", "bell", "ding", "alert", "short"], "A clean, high single ping.", "on a highlight or pointer", _ => Shape(Sine(1.32, _ => 1760), Percussive(0.002, 0.9))),
        new("pop", ["ui", "bubble", "appear", "cartoon"], "A quick rounded pop, as something appears.", "as an element pops in",
            _ => Pad(Shape(Sine(0.09, t => 900 * Math.Exp(-t * 30) + 180), Percussive(0.001, 0.07)), 0.72)),
        new("riser", ["build", "tension", "transition", "sweep", "trailer"], "A ten-second rising swell of noise and tone.", "ends on the cut: start it 10.03 s before the climax",
            r => Mix(Shape(Filter(Noise(10.03, r), FilterKind.BandPass, t => 200 * Math.Pow(40, t / 10.03), 2.5), Swell(10.03, 9.5, 0.05)),
                Shape(Sine(10.03, t => 90 * Math.Pow(9, t / 10.03)), Swell(10.03, 9.5, 0.05)), gain: 0.35)),
        new("sparkle", ["magic", "shine", "twinkle", "positive"], "A glittering cluster of tiny high bells.", "on a shine, a reveal or a star", r => Sparkle(r, 1.8, 14)),
        new("typing", ["keyboard", "keys", "typing", "office"], "A burst of fast keyboard typing.", "under on-screen text being typed", r => Typing(r, 1.5)),
        new("whoosh-cinematic", ["transition", "swoosh", "air", "trailer", "cinematic"], "A long, deep cinematic whoosh with a low rumble.", "centre it on a slow camera move or title",
            r => Mix(Whoosh(r, 5.54, 150, 2400, 2.5), Shape(Filter(Noise(5.54, r), FilterKind.LowPass, _ => 90), Swell(5.54, 2.5, 2.5)), gain: 0.8), 0.8),
        new("whoosh-short", ["transition", "swoosh", "air", "fast"], "A quick, tight whoosh.", "peak on the cut", r => Whoosh(r, 0.57, 500, 5000, 0.3), 1),
        new("whoosh", ["transition", "swoosh", "air"], "A classic whoosh past the listener.", "peak on the cut", r => Whoosh(r, 0.9, 350, 4200, 0.5), 1),
        new("swoosh-transition", ["transition", "whoosh", "slide", "wipe"], "A falling swoosh for a slide or wipe.", "across a slide transition", r => Whoosh(r, 1.2, 5000, 400, 0.4), 1),
        new("swipe", ["ui", "gesture", "slide", "whoosh"], "A short bright swipe of a finger across glass.", "on a swipe gesture", r => Whoosh(r, 0.35, 1500, 7000, 0.18), 1),
        new("camera-shutter", ["photo", "camera", "snapshot", "click"], "A camera's mirror and shutter, two close clicks.", "on the frame freeze",
            r => Layer(0.3, (Key(r), 0), (Shape(Filter(Noise(0.05, r), FilterKind.BandPass, _ => 3500, 1.5), Percussive(0.0005, 0.03)), 0.09))),
        new("success", ["positive", "win", "complete", "ui", "bell"], "A rising three-note bell arpeggio.", "when the task completes",
            _ => Layer(1.4, (Bell(1.2, 523.25), 0), (Bell(1.1, 659.25), 0.1), (Bell(1.0, 783.99), 0.2))),
        new("cash-register", ["money", "sale", "ka-ching", "bell", "payment"], "A register bell over a drawer sliding open.", "on a price or a sale",
            r => Layer(1.6, (Shape(Filter(Noise(0.6, r), FilterKind.BandPass, t => 800 + 600 * t, 1.2), Percussive(0.02, 0.5)), 0), (Partials(1.4, 2093, (1, 1, 0.9), (2.76, 0.4, 0.5), (5.4, 0.2, 0.3)), 0.15))),
        new("heartbeat", ["tension", "body", "pulse", "suspense", "low"], "Two low lub-dub heartbeats.", "under a tense pause",
            _ => { var x = Buffer(2.0); foreach (var at in new[] { 0.1, 1.0 }) { Mix(x, Thump(55, 0.18), at); Mix(x, Thump(48, 0.15), at + 0.22, 0.7); } return x; }),
        new("drum-roll", ["suspense", "reveal", "drums", "build"], "A snare roll that speeds up and swells.", "before a reveal; the end lands on it", r => DrumRoll(r, 3)),
        new("countdown-beep", ["timer", "beep", "count", "start"], "Three short beeps and a long high one.", "one beep per second; the long one on zero",
            _ => { var x = Buffer(3.8); for (var i = 0; i < 3; i++) Mix(x, Shape(Sine(0.15, _ => 1000), Swell(0.15, 0.005, 0.02)), i); return Mix(x, Shape(Sine(0.7, _ => 2000), Swell(0.7, 0.005, 0.1)), 3); }),
        new("page-turn", ["paper", "book", "document", "transition"], "A sheet of paper turning over.", "on a page or document flip",
            r => Shape(Filter(Mix(Noise(0.8, r), Crackle(r, 0.8, 60), gain: 0.5), FilterKind.BandPass, t => 2500 + 2000 * Math.Sin(Math.PI * t / 0.8), 0.8), Swell(0.8, 0.3, 0.35))),
        new("bubble", ["water", "pop", "cartoon", "blip"], "A small rising bubble blip.", "as a bubble or dot appears",
            _ => Pad(Shape(Sine(0.12, t => 300 + 9000 * t), Percussive(0.002, 0.09)), 0.25)),
        new("ding", ["bell", "ui", "ready", "alert"], "A single struck bell tone.", "on 'ready' or an answer",
            _ => Partials(1.5, 1244.5, (1, 1, 1.1), (2.41, 0.35, 0.6), (3.9, 0.15, 0.35))),
        new("boom", ["impact", "explosion", "low", "cinematic"], "A long low boom with a rolling tail.", "on a big reveal or explosion", r => Impact(r, 3.0, 70, 25, 2.0)),
        new("thud", ["impact", "drop", "low", "short"], "A short dull thud, like a box set down.", "as something lands", _ => Pad(Thump(70, 0.25), 0.5)),
        new("punch", ["hit", "fight", "impact", "swipe"], "A tight mid-range punch.", "on the hit frame",
            r => Pad(Mix(Thump(120, 0.12), Shape(Filter(Noise(0.05, r), FilterKind.BandPass, _ => 1800, 1), Percussive(0.0005, 0.04)), gain: 0.6), 0.4)),
        new("laser", ["sci-fi", "zap", "shoot", "game"], "A descending sci-fi laser zap.", "on the shot",
            _ => Shape(Fm(0.5, 1400, 0.5, 4, 0.25), t => Math.Exp(-5 * t)).Also(x => Chirp(x, 0.5))),
        new("coin", ["game", "reward", "collect", "8-bit"], "A two-note game coin pickup.", "as the item is collected",
            _ => Layer(0.6, (Shape(Square(0.08, 987.8), Swell(0.08, 0.002, 0.005)), 0), (Shape(Square(0.45, 1318.5), Percussive(0.002, 0.4)), 0.08))),
        new("clock-tick", ["clock", "time", "tick", "timer"], "A clock ticking four times.", "under a waiting or deadline beat",
            r => { var x = Buffer(4.0); for (var i = 0; i < 4; i++) Mix(x, Shape(Filter(Noise(0.02, r), FilterKind.BandPass, _ => i % 2 == 0 ? 3200 : 2600, 4), Percussive(0.0002, 0.012)), i); return x; }),
        new("buzzer", ["wrong", "fail", "game show", "error"], "A harsh game-show wrong-answer buzzer.", "on the wrong answer",
            _ => Shape(Saturate(Mix(Sine(0.8, _ => 150), Sine(0.8, _ => 151.5), gain: 1), 6), Swell(0.8, 0.01, 0.08))),
        new("static", ["radio", "noise", "tv", "interference"], "A burst of radio static and crackle.", "on a channel change", r => Shape(Mix(Filter(Noise(2.0, r), FilterKind.BandPass, _ => 3000, 0.5), Crackle(r, 2.0, 200)), Swell(2.0, 0.05, 0.3))),
        new("fall", ["down", "drop", "negative", "sweep"], "A falling tone, something dropping away.", "as something falls or fails",
            _ => Shape(Sine(1.5, t => 900 * Math.Pow(0.12, t / 1.5)), Swell(1.5, 0.02, 0.3))),
        new("tension-rise", ["build", "suspense", "riser", "trailer"], "Layered tones rising in pitch, building tension.", "ends on the cut: start it 6 s before",
            _ => { var x = Buffer(6); foreach (var (f, g) in new[] { (110.0, 0.5), (165.0, 0.35), (220.0, 0.3) }) Mix(x, Sine(6, t => f * Math.Pow(2, t / 6)), gain: g); return Shape(x, Swell(6, 5.8, 0.05)); }),
        new("magic-wand", ["magic", "sparkle", "fairy", "shine"], "A rising glissando of chimes with glitter.", "as the spell lands", r => Mix(Sparkle(r, 1.5, 10), Shape(Sine(1.5, t => 800 * Math.Pow(3, t / 1.5)), Swell(1.5, 0.1, 0.6)), gain: 0.3)),
        new("water-drop", ["water", "drip", "drop", "blip"], "A single clear water drop.", "on a drip or a ripple", _ => Pad(Shape(Sine(0.14, t => 700 + 14000 * t * t), Percussive(0.001, 0.1)), 0.3)),
        new("door-knock", ["door", "knock", "wood", "arrival"], "Three knocks on a wooden door.", "before a guest or a new section",
            r => { var x = Buffer(1.2); foreach (var at in new[] { 0.05, 0.3, 0.55 }) Mix(x, Mix(Thump(180, 0.06), Shape(Filter(Noise(0.04, r), FilterKind.BandPass, _ => 900, 2), Percussive(0.0005, 0.03)), gain: 0.5), at); return x; }),
        new("alarm", ["alert", "warning", "urgent", "siren"], "An alternating two-tone alarm.", "under a warning or a deadline",
            _ => { var x = Buffer(2.0); for (var i = 0; i < 8; i++) Mix(x, Shape(Square(0.22, i % 2 == 0 ? 880 : 660), Swell(0.22, 0.005, 0.02)), i * 0.25); return x; }),
        new("transition-hit", ["transition", "hit", "impact", "cinematic"], "A reversed swell that slams into a hit.", "the hit lands on the cut, 1.2 s in",
            r => Layer(2.8, (Shape(Filter(Noise(1.2, r), FilterKind.BandPass, t => 300 * Math.Pow(15, t / 1.2), 1.5), t => Math.Pow(t / 1.2, 3)), 0), (Impact(r, 1.6, 100, 40, 0.8), 1.2))),
    ];

    /// <summary>Places sounds at their times on a fresh buffer of <paramref name="seconds"/>, so no layer is cut short by another's length.</summary>
    private static float[] Layer(double seconds, params (float[] Sound, double At)[] layers)
    {
        var x = Buffer(seconds);
        foreach (var (sound, at) in layers)
        {
            Mix(x, sound, at);
        }
        return x;
    }

    private static float[] Pad(float[] x, double seconds) => x.Length >= (int)(seconds * Rate) ? x : Mix(Buffer(seconds), x);

    private static float[] Tone(double seconds, double frequency, double decay) =>
        Shape(Filter(Saturate(Sine(seconds, _ => frequency), 3), FilterKind.LowPass, _ => 2500), Swell(seconds, 0.01, decay));

    private static float[] Bell(double seconds, double frequency) =>
        Mix(Shape(Fm(seconds, frequency, 3.5, 2.5, 0.15), Percussive(0.002, seconds * 0.8)), Shape(Sine(seconds, _ => frequency), Percussive(0.002, seconds)), gain: 0.6);

    private static float[] Square(double seconds, double frequency) =>
        Filter(Sine(seconds, _ => frequency).Select(v => v >= 0 ? 0.6f : -0.6f).ToArray(), FilterKind.LowPass, _ => 6000);

    private static float[] Thump(double frequency, double seconds) =>
        Shape(Sine(seconds, t => frequency * (1 + 1.5 * Math.Exp(-t * 40))), Percussive(0.002, seconds));

    private static float[] Key(Random r) =>
        Mix(Shape(Filter(Noise(0.05, r), FilterKind.BandPass, _ => 2500 + r.Next(800), 1.2), Percussive(0.0003, 0.02)), Thump(180 + r.Next(60), 0.05), gain: 0.4);

    private static float[] Typing(Random r, double seconds)
    {
        var x = Buffer(seconds);
        for (var at = 0.02; at < seconds - 0.06; at += 0.07 + r.NextDouble() * 0.09)
        {
            Mix(x, Key(r), at, 0.6 + r.NextDouble() * 0.4);
        }
        return x;
    }

    private static float[] Whoosh(Random r, double seconds, double fromHz, double toHz, double peakAt)
    {
        var noise = Filter(Noise(seconds, r), FilterKind.BandPass, t => fromHz * Math.Pow(toHz / fromHz, t / seconds), 1.2);
        return Shape(noise, t => t < peakAt ? Math.Pow(t / peakAt, 2) : Math.Pow(Math.Max(0, (seconds - t) / (seconds - peakAt)), 1.5));
    }

    private static float[] Impact(Random r, double seconds, double fromHz, double toHz, double decay)
    {
        var body = Saturate(Shape(Sine(seconds, t => toHz + (fromHz - toHz) * Math.Exp(-t * 6)), Percussive(0.003, decay)), 2.5);
        var transient = Shape(Filter(Noise(0.15, r), FilterKind.LowPass, _ => 3000), Percussive(0.001, 0.08));
        return Mix(body, transient, gain: 0.5);
    }

    private static float[] Sparkle(Random r, double seconds, int count)
    {
        var x = Buffer(seconds);
        for (var i = 0; i < count; i++)
        {
            var f = 2500 + r.NextDouble() * 4500;
            Mix(x, Shape(Sine(0.35, _ => f), Percussive(0.001, 0.25)), r.NextDouble() * (seconds - 0.4), 0.3 + r.NextDouble() * 0.4);
        }
        return x;
    }

    private static float[] Glitch(Random r, double seconds, int fragments)
    {
        var x = Buffer(seconds);
        for (var i = 0; i < fragments; i++)
        {
            var length = 0.02 + r.NextDouble() * 0.12;
            var fragment = r.Next(3) switch
            {
                0 => Saturate(Sine(length, _ => 80 + r.Next(2000)), 8),
                1 => Filter(Noise(length, r), FilterKind.BandPass, _ => 500 + r.Next(6000), 3),
                _ => Square(length, 200 + r.Next(1200)),
            };
            var step = 1 + r.Next(6);
            for (var k = 0; k < fragment.Length; k++)
            {
                fragment[k] = fragment[k - k % step];
            }
            Mix(x, Shape(fragment, Swell(length, 0.002, 0.005)), r.NextDouble() * (seconds - length - 0.3), 0.5 + r.NextDouble() * 0.5);
        }
        return x;
    }

    private static float[] DrumRoll(Random r, double seconds)
    {
        var x = Buffer(seconds);
        for (double at = 0, gap = 0.11; at < seconds - 0.1; at += gap, gap = Math.Max(0.035, gap * 0.95))
        {
            var hit = Mix(Shape(Filter(Noise(0.08, r), FilterKind.BandPass, _ => 3000, 0.7), Percussive(0.001, 0.06)), Thump(190, 0.05), gain: 0.5);
            Mix(x, hit, at, 0.3 + 0.7 * at / seconds);
        }
        return x;
    }

    private static float[] Crackle(Random r, double seconds, int pops)
    {
        var x = Buffer(seconds);
        for (var i = 0; i < pops; i++)
        {
            x[r.Next(x.Length)] = (float)(r.NextDouble() * 2 - 1);
        }
        return x;
    }

    private static float[] Chirp(float[] x, double seconds) => Filter(x, FilterKind.LowPass, t => 6000 * Math.Pow(0.15, t / seconds));

    private static float[] Also(this float[] x, Func<float[], float[]> then) => then(x);
}
