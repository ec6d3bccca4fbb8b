using Mediagate.Captions;

namespace Mediagate.Local.Voice;

/// <summary>
/// Maps eSpeak's word events back onto the words of the original text (its whitespace-separated tokens), so that every
/// input word has exactly one timing: numbers, dates and abbreviations that eSpeak expands into several spoken words keep
/// the first event's start; tokens eSpeak does not speak (a lone dash) get a zero-length timing at the gap.
/// </summary>
internal sealed class WordTimingMapper
{
    private const int EnvelopeFrameMs = 5;

    private readonly string _text;
    private readonly List<(int Start, int End)> _tokens = [];
    private readonly long?[] _startSample;
    private readonly long?[] _endSample;
    private int _lastAssigned = -1;

    public WordTimingMapper(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length;)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i > start)
            {
                _tokens.Add((start, i));
            }
        }
        _startSample = new long?[_tokens.Count];
        _endSample = new long?[_tokens.Count];
    }

    /// <summary>The number of words that got a spoken start.</summary>
    public int TimedWords => _startSample.Count(s => s is not null);

    /// <summary>Adds one chunk: its events (text indices relative to the chunk) and its audio at the engine's rate, placed at <paramref name="chunkSampleOffset"/>.</summary>
    public void AddChunk(int chunkTextOffset, long chunkSampleOffset, IReadOnlyList<ESpeakWordEvent> events, ReadOnlySpan<short> audio, int sampleRate)
    {
        var firstInChunk = _lastAssigned + 1;
        foreach (var e in events)
        {
            if (e.Length == 0)
            {
                continue;
            }
            var token = TokenAt(chunkTextOffset + e.TextIndex, firstInChunk);
            if (token < 0 || token <= _lastAssigned && _startSample[token] is not null)
            {
                continue;
            }
            if (token < firstInChunk)
            {
                continue;
            }
            _startSample[token] = chunkSampleOffset + Math.Clamp(e.StartSample, 0, audio.Length);
            _lastAssigned = token;
        }

        var timed = Enumerable.Range(firstInChunk, Math.Max(0, _lastAssigned - firstInChunk + 1)).Where(t => _startSample[t] is not null).ToList();
        var voiced = Voicing(audio, sampleRate);
        for (var k = 0; k < timed.Count; k++)
        {
            var start = _startSample[timed[k]]!.Value - chunkSampleOffset;
            var boundary = k + 1 < timed.Count ? _startSample[timed[k + 1]]!.Value - chunkSampleOffset : audio.Length;
            _endSample[timed[k]] = chunkSampleOffset + LastVoiced(voiced, start, boundary, sampleRate);
        }
    }

    /// <summary>The words with their timings, in seconds, numbered w0, w1…</summary>
    public IReadOnlyList<Word> Words(int sampleRate, long totalSamples)
    {
        var words = new List<Word>(_tokens.Count);
        double previousEnd = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var text = _text[_tokens[i].Start.._tokens[i].End];
            double start, end;
            if (_startSample[i] is { } s)
            {
                start = Math.Max(previousEnd, (double)s / sampleRate);
                end = Math.Max(start, (double)Math.Min(_endSample[i] ?? s, totalSamples) / sampleRate);
            }
            else
            {
                start = end = previousEnd;
            }
            words.Add(new Word($"w{i}", text, Math.Round(start, 3), Math.Round(end, 3)));
            previousEnd = end;
        }
        return words;
    }

    private int TokenAt(int index, int firstCandidate)
    {
        var lo = Math.Max(0, firstCandidate - 1);
        var found = -1;
        for (var t = lo; t < _tokens.Count && _tokens[t].Start <= index; t++)
        {
            found = t;
        }
        if (found < 0)
        {
            return firstCandidate < _tokens.Count ? firstCandidate : -1;
        }
        return found;
    }

    /// <summary>Per 5 ms frame, whether it carries speech: RMS above 3 % of the chunk's loudest frame.</summary>
    private static bool[] Voicing(ReadOnlySpan<short> audio, int sampleRate)
    {
        var frame = Math.Max(1, sampleRate * EnvelopeFrameMs / 1000);
        var frames = (audio.Length + frame - 1) / frame;
        var rms = new double[frames];
        double peak = 0;
        for (var f = 0; f < frames; f++)
        {
            var block = audio.Slice(f * frame, Math.Min(frame, audio.Length - f * frame));
            double sum = 0;
            foreach (var s in block)
            {
                sum += (double)s * s;
            }
            rms[f] = Math.Sqrt(sum / Math.Max(1, block.Length));
            peak = Math.Max(peak, rms[f]);
        }
        var threshold = Math.Max(peak * 0.03, 30);
        return rms.Select(r => r > threshold).ToArray();
    }

    /// <summary>
    /// The end of a word's voicing before <paramref name="boundary"/> (the next word's start). The next word's onset often
    /// begins a few milliseconds before its event, so up to 60 ms of voicing just before the boundary is skipped first;
    /// then the gap (a pause at a comma or sentence end) is skipped, and the word ends at the last voiced frame before it.
    /// </summary>
    private static long LastVoiced(bool[] voiced, long start, long boundary, int sampleRate)
    {
        var frame = Math.Max(1, sampleRate * EnvelopeFrameMs / 1000);
        var first = (int)(start / frame) + 1;
        var f = (int)Math.Min(voiced.Length - 1, (boundary - 1) / frame);
        var onsetLimit = f - 60 / EnvelopeFrameMs;
        while (f >= first && f > onsetLimit && voiced[f])
        {
            f--;
        }
        if (f < first || voiced[f])
        {
            return boundary;
        }
        var gapEnd = f;
        while (f >= first && !voiced[f])
        {
            f--;
        }
        if (f < first || gapEnd - f < 2)
        {
            return boundary;
        }
        return Math.Min(boundary, (long)(f + 1) * frame);
    }
}
