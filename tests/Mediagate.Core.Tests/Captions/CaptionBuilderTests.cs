using Mediagate.Captions;

namespace Mediagate.Tests.Captions;

public sealed class CaptionBuilderTests
{
    /// <summary>Words spoken evenly at <paramref name="perWord"/> seconds each, with a 0.3 s pause after a sentence end.</summary>
    private static List<Word> Timed(string text, double perWord = 0.3)
    {
        var words = new List<Word>();
        var t = 0.0;
        foreach (var (token, i) in text.Split(' ').Select((w, i) => (w, i)))
        {
            words.Add(new Word($"w{i}", token, t, t + perWord * 0.9));
            t += perWord + (token.EndsWith('.') ? 0.3 : 0);
        }
        return words;
    }

    [Fact]
    public void EveryCueHasAtMostTwoLinesOf42CharactersAndLastsAtMost7Seconds()
    {
        var words = Timed(string.Join(' ', Enumerable.Repeat("Narration flows steadily across the frame while the music swells, and then it settles down again.", 12)));

        var cues = CaptionBuilder.Build(words);

        Assert.All(cues, cue =>
        {
            Assert.InRange(cue.Lines.Count, 1, 2);
            Assert.All(cue.Lines, line => Assert.True(line.Length <= 42, $"line too long: '{line}'"));
            Assert.True(cue.End - cue.Start <= 7.0 + 1e-9);
        });
        Assert.Equal(string.Join(' ', words.Select(w => w.Text)), string.Join(' ', cues.SelectMany(c => c.Lines)));
    }

    [Fact]
    public void CuesCloseAtSentenceEndsAndBreakAtClausesRatherThanMidPhrase()
    {
        var cues = CaptionBuilder.Build(Timed("Welcome to Mediagate. It gives your video its sound: narration, music, and effects, all with exact timings."));

        Assert.Equal(
            [
                ["Welcome to Mediagate."],
                ["It gives your video its sound:", "narration, music, and effects,"],
                ["all with exact timings."],
            ],
            cues.Select(c => c.Lines.ToArray()));
    }

    [Fact]
    public void AShortCueStaysOnScreenForASecondWhenTheNextCueLeavesRoom()
    {
        var words = new List<Word> { new("w0", "Hi.", 0.0, 0.2), new("w1", "Then", 3.0, 3.3), new("w2", "more.", 3.3, 3.6) };

        var cues = CaptionBuilder.Build(words);

        Assert.Equal(1.0, cues[0].End - cues[0].Start, 3);
    }

    [Fact]
    public void ALoneTrailingWordIsNotLeftAsAnOrphanCue()
    {
        var text = "This opening clause runs long enough that the cue fills up completely today end";

        var cues = CaptionBuilder.Build(Timed(text, 0.25));

        Assert.True(cues[^1].Lines.Sum(l => l.Split(' ').Length) > 1, $"orphan: {string.Join('|', cues[^1].Lines)}");
    }

    [Fact]
    public void SrtAndVttAreWrittenInTheirFormats()
    {
        var cues = new List<Cue> { new(0, 1.5, ["Hello there,", "world."]), new(3661.25, 3663.0, ["An hour --> later."]) };

        Assert.Equal("""
            1
            00:00:00,000 --> 00:00:01,500
            Hello there,
            world.

            2
            01:01:01,250 --> 01:01:03,000
            An hour --> later.


            """.ReplaceLineEndings("\n"), SubtitleFormats.Srt(cues));
        Assert.Equal("""
            WEBVTT

            00:00:00.000 --> 00:00:01.500
            Hello there,
            world.

            01:01:01.250 --> 01:01:03.000
            An hour -> later.


            """.ReplaceLineEndings("\n"), SubtitleFormats.Vtt(cues));
    }

    [Fact]
    public void WordsJsonHasThePeersShape()
    {
        var json = SubtitleFormats.WordsJson([new Word("w0", "Zoë", 0.1234, 0.5)]);

        Assert.Equal("""
            [
              {
                "id": "w0",
                "text": "Zoë",
                "start": 0.123,
                "end": 0.5
              }
            ]

            """.ReplaceLineEndings("\n"), json);
    }
}
