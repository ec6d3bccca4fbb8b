using Mediagate.Captions;

namespace Mediagate.Alignment;

/// <summary>One piece of a long recording decoded on its own: tokens [FirstToken, FirstToken + TokenCount) in frames [StartFrame, EndFrame).</summary>
internal readonly record struct AcousticChunk(int FirstToken, int TokenCount, int StartFrame, int EndFrame);

/// <summary>
/// Cuts a long recording into chunks at its long pauses, so that pocketsphinx decodes each on its own and a chunk whose
/// path the default beams lose is the only audio decoded again with wider ones.
/// </summary>
/// <remarks>A cut goes in the middle of a quiet run of at least 300 ms (150 ms where that leaves a chunk of over a minute),
/// and only where a coarse alignment (eSpeak + DTW) puts the last word before it at least 120 ms (50 ms) before the cut and
/// the next word as far after; chunks are at least 10 s long. The coarse alignment can still be several words wrong, which
/// the decoder's loose chunk edges and checks absorb (see PocketSphinxAligner).</remarks>
internal static class AcousticChunks
{
    /// <summary>Recordings shorter than this are decoded whole.</summary>
    public const double MinSeconds = 45;

    private const int MinPauseFrames = 30;
    private const int MarginFrames = 12;
    private const int MinChunkFrames = 1000;

    /// <summary>A plan that leaves a chunk longer than this (60 s) is made again with pauses of 150 ms and a 50 ms margin:
    /// fast narration (eSpeak's at 1.1x) has no pause of 300 ms in minutes. Not the first choice, because a cut in so short a
    /// pause is easier to misplace: on 11 minutes of flite speech it took the p95 from 33 to 49 ms.</summary>
    private const int MaxChunkFrames = 6000;

    private const int ShortPauseFrames = 15;
    private const int ShortMarginFrames = 5;

    /// <summary>The chunks for <paramref name="tokenCount"/> tokens whose coarse timings are <paramref name="coarse"/>; one chunk when no cut is safe.</summary>
    public static IReadOnlyList<AcousticChunk> Plan(bool[] quiet, IReadOnlyList<Word> coarse, int tokenCount, int frames)
    {
        var chunks = Plan(quiet, coarse, tokenCount, frames, MinPauseFrames, MarginFrames);
        return chunks.Any(c => c.EndFrame - c.StartFrame > MaxChunkFrames) ? Plan(quiet, coarse, tokenCount, frames, ShortPauseFrames, ShortMarginFrames) : chunks;
    }

    private static List<AcousticChunk> Plan(bool[] quiet, IReadOnlyList<Word> coarse, int tokenCount, int frames, int minPause, int margin)
    {
        var chunks = new List<AcousticChunk>();
        if (coarse.Count != tokenCount)
        {
            return [new AcousticChunk(0, tokenCount, 0, frames)];
        }
        int firstToken = 0, startFrame = 0;
        for (var f = 0; f < quiet.Length;)
        {
            if (!quiet[f])
            {
                f++;
                continue;
            }
            var runStart = f;
            var runEnd = f;
            while (runEnd < quiet.Length && quiet[runEnd])
            {
                runEnd++;
            }
            var cut = (runStart + runEnd) / 2;
            f = runEnd;
            if (runEnd - runStart < minPause || cut - startFrame < MinChunkFrames || frames - cut < MinChunkFrames)
            {
                continue;
            }
            var next = NextSpoken(coarse, firstToken, cut);
            if (next <= firstToken || next >= tokenCount || !Clear(coarse, firstToken, next, cut, margin))
            {
                continue;
            }
            chunks.Add(new AcousticChunk(firstToken, next - firstToken, startFrame, cut));
            firstToken = next;
            startFrame = cut;
        }
        chunks.Add(new AcousticChunk(firstToken, tokenCount - firstToken, startFrame, frames));
        return chunks;
    }

    /// <summary>Joins two neighbouring chunks into one.</summary>
    public static AcousticChunk Join(AcousticChunk first, AcousticChunk second) =>
        new(first.FirstToken, first.TokenCount + second.TokenCount, first.StartFrame, second.EndFrame);

    /// <summary>The first token at or after <paramref name="from"/> whose coarse start lies after frame <paramref name="cut"/>.</summary>
    private static int NextSpoken(IReadOnlyList<Word> coarse, int from, int cut)
    {
        var t = from;
        while (t < coarse.Count && coarse[t].Start * 100 < cut)
        {
            t++;
        }
        return t;
    }

    /// <summary>Whether every word before <paramref name="next"/> ends, and the words from it start, a margin away from the cut.</summary>
    private static bool Clear(IReadOnlyList<Word> coarse, int first, int next, int cut, int margin)
    {
        for (var t = next - 1; t >= first; t--)
        {
            if (coarse[t].End > coarse[t].Start)
            {
                return coarse[t].End * 100 <= cut - margin && coarse[next].Start * 100 >= cut + margin;
            }
        }
        return false;
    }
}
