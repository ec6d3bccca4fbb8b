namespace Mediagate.Alignment;

/// <summary>
/// Moves the acoustic model's word boundaries out of pauses. The model has no notion of where in a silence a word begins:
/// it often lets the first phone after a pause (a soft "th", "m" or "w") or the last one before it soak up part of the
/// silence. A word boundary that falls inside a quiet run of 100 ms or more goes to that run's edge, where the sound is.
/// </summary>
/// <remarks>Quiet is judged on 10 ms frames, the decoder's own grid, each the energy of a 25 ms window. A frame is quiet
/// below 8 dB over the noise floor (the 10th percentile of frame energy in the ten seconds around it), and always 40 dB or
/// more under the speech peak there (its 99th percentile), so that a digital-silence lead-in, which makes the floor
/// meaningless, does not hide the real pauses; a lead-in, 20 dB noise or a quiet level are all measured relative to what
/// that part of the recording holds.</remarks>
internal static class BoundaryRefiner
{
    private const int FrameSamples = 160;
    private const int WindowSamples = 400;
    private const double QuietAboveFloorDb = 8;
    private const double QuietBelowPeakDb = 40;

    /// <summary>A quiet run at least this long (100 ms) is a pause, not a stop's closure, where pauses are clear.</summary>
    private const int PauseFrames = 10;

    /// <summary>Where they are not (noise within 45 dB of the speech), a weak consonant can sink below the threshold for
    /// 100 ms, so only a quiet run of 250 ms is a pause, and only one that holds the boundary itself.</summary>
    private const int NoisyPauseFrames = 25;

    /// <summary>The speech peak must stand this far over the noise floor for pauses to be clear.</summary>
    private const double ClearRangeDb = 45;

    /// <summary>A refined word keeps at least this many frames (30 ms, the model's shortest phone).</summary>
    private const int MinWordFrames = 3;

    /// <summary>A pause that begins this close (50 ms) after a word's start, or ends this close before its end, is the pause
    /// the boundary belongs at: the decoder gave the word the neighbour's last or first few frames of sound.</summary>
    private const int ReachFrames = 5;

    /// <summary>Frames within this much of the speech peak are loud: speech itself, not a breath or a synthesiser's hiss in a pause.</summary>
    private const double LoudBelowPeakDb = 25;

    /// <summary>The floor and peak are judged per second of frames, over the ten seconds around it, so that a recording whose
    /// level or noise changes (takes joined from different sessions) is judged against what each part holds.</summary>
    private const int BlockFrames = 100;

    private const int NeighbourBlocks = 5;

    /// <summary>The peak, though, is the speech's within two seconds either side, so that quieter speech beside louder speech
    /// keeps its own, and never more than 30 dB under the recording's loudest (a long pause holds no speech to measure).</summary>
    private const int PeakNeighbourBlocks = 2;

    private const double QuieterSpeechDb = 30;

    /// <summary>A loud frame also stands this far over the noise floor, so that a long pause in noise is not loud to itself.</summary>
    private const double LoudAboveFloorDb = 15;

    /// <summary>Which 10 ms frames of 16 kHz <paramref name="audio"/> are quiet and which loud, and where pauses are clear:
    /// the speech peak around them stands 45 dB or more over the noise floor.</summary>
    public static FrameLevels Levels(float[] audio)
    {
        var count = Math.Max(1, (audio.Length - WindowSamples) / FrameSamples + 1);
        var energy = new double[count];
        for (var f = 0; f < count; f++)
        {
            double sum = 0;
            var start = f * FrameSamples;
            var end = Math.Min(audio.Length, start + WindowSamples);
            for (var i = start; i < end; i++)
            {
                sum += audio[i] * (double)audio[i];
            }
            energy[f] = 10 * Math.Log10(sum / Math.Max(1, end - start) + 1e-12);
        }
        var (quiet, loud, clear) = (new bool[count], new bool[count], new bool[count]);
        var loudest = Quantile(energy, 0, count, 0.99);
        for (var block = 0; block * BlockFrames < count; block++)
        {
            var floor = Quantile(energy, (block - NeighbourBlocks) * BlockFrames, (block + NeighbourBlocks + 1) * BlockFrames, 0.1);
            var peak = Math.Max(Quantile(energy, (block - PeakNeighbourBlocks) * BlockFrames, (block + PeakNeighbourBlocks + 1) * BlockFrames, 0.99),
                loudest - QuieterSpeechDb);
            var threshold = Math.Max(floor + Math.Min(QuietAboveFloorDb, 0.3 * (peak - floor)), peak - QuietBelowPeakDb);
            var loudFrom = Math.Max(peak - LoudBelowPeakDb, floor + LoudAboveFloorDb);
            for (var f = block * BlockFrames; f < Math.Min(count, (block + 1) * BlockFrames); f++)
            {
                (quiet[f], loud[f], clear[f]) = (energy[f] < threshold, energy[f] >= loudFrom, peak - floor >= ClearRangeDb);
            }
        }
        return new FrameLevels(quiet, loud, clear);
    }

    /// <summary>The <paramref name="p"/> quantile of the energies of frames [<paramref name="from"/>, <paramref name="to"/>), clipped to the recording.</summary>
    private static double Quantile(double[] energy, int from, int to, double p)
    {
        var sorted = energy[Math.Max(0, from)..Math.Min(energy.Length, to)];
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }

    /// <summary>The word's frames [start, end), each edge that lies in a pause (or, where pauses are clear, within 50 ms of
    /// one inside the word) moved to the pause's edge, and which edges moved.</summary>
    public static (int Start, int End, bool StartMoved, bool EndMoved) Refine(bool[] quiet, bool[] clearAt, int start, int end)
    {
        var clear = clearAt[Math.Clamp(start, 0, clearAt.Length - 1)];
        bool startMoved = false, endMoved = false;
        var (reach, pause) = clear ? (ReachFrames, PauseFrames) : (0, NoisyPauseFrames);
        var (low, high) = clear ? (0, quiet.Length) : (start, Math.Min(end, quiet.Length));
        for (var f = start; f <= start + reach && f < end; f++)
        {
            if (QuietRun(quiet, f, pause, low, high) is var (_, after))
            {
                if (after <= end - MinWordFrames)
                {
                    (start, startMoved) = (after, true);
                }
                break;
            }
        }
        for (var f = end - 1; f >= end - 1 - reach && f > start; f--)
        {
            if (QuietRun(quiet, f, pause, low, high) is var (before, _))
            {
                if (before >= start + MinWordFrames)
                {
                    (end, endMoved) = (before, true);
                }
                break;
            }
        }
        return (start, end, startMoved, endMoved);
    }

    /// <summary>The pause [first, end) within frames [low, high) that holds <paramref name="frame"/>, or null when the frame
    /// is sound or its quiet run there is shorter than <paramref name="pause"/> frames.</summary>
    private static (int First, int End)? QuietRun(bool[] quiet, int frame, int pause, int low, int high)
    {
        if (frame < low || frame >= high || !quiet[frame])
        {
            return null;
        }
        var (first, end) = (frame, frame + 1);
        while (first > low && quiet[first - 1])
        {
            first--;
        }
        while (end < high && quiet[end])
        {
            end++;
        }
        return end - first >= pause ? (first, end) : null;
    }
}

/// <summary>What each 10 ms frame of a recording holds, judged on its energy: <paramref name="Quiet"/> (a pause, or the
/// quietest of consonants), <paramref name="Loud"/> (within 25 dB of the speech peak), and whether pauses there are
/// <paramref name="Clear"/> of the noise.</summary>
internal sealed record FrameLevels(bool[] Quiet, bool[] Loud, bool[] Clear);
