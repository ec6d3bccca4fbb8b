namespace Mediagate.Captions;

/// <summary>
/// Groups timed words into subtitle cues. A cue closes at a sentence end once it has been on screen for the minimum time, at a pause longer than <see cref="CaptionOptions.MaxGap"/>,
/// and otherwise when the next word would not fit in its lines or its time. It then splits at the best break it holds:
/// a sentence end, then a clause break (a comma, semicolon, colon or dash, or before a conjunction). A lone word at the end
/// is merged back rather than left as an orphan.
/// </summary>
public static class CaptionBuilder
{
    private static readonly HashSet<string> Conjunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "but", "or", "so", "because", "which", "that", "while", "when", "where", "although", "if", "then", "with",
    };

    /// <summary>Builds the cues for <paramref name="words"/>.</summary>
    public static IReadOnlyList<Cue> Build(IReadOnlyList<Word> words, CaptionOptions? options = null)
    {
        options ??= new CaptionOptions();
        var groups = new List<List<Word>>();
        var current = new List<Word>();
        foreach (var word in words)
        {
            if (current.Count > 0 && !Fits(current, word, options))
            {
                var split = BestSplit(current);
                groups.Add(current[..split]);
                current = current[split..];
                if (current.Count > 0 && !Fits(current, word, options))
                {
                    groups.Add(current);
                    current = [];
                }
            }
            current.Add(word);
            if (EndsSentence(word.Text) && word.End - current[0].Start >= options.MinDuration)
            {
                groups.Add(current);
                current = [];
            }
        }
        if (current.Count > 0)
        {
            groups.Add(current);
        }
        MergeOrphans(groups, options);

        var cues = new List<Cue>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var start = groups[i][0].Start;
            var end = groups[i][^1].End;
            var next = i + 1 < groups.Count ? groups[i + 1][0].Start : double.MaxValue;
            if (end - start < options.MinDuration)
            {
                end = Math.Max(end, Math.Min(start + options.MinDuration, next));
            }
            cues.Add(new Cue(start, end, Lines(groups[i].Select(w => w.Text).ToList(), options)));
        }
        return cues;
    }

    /// <summary>Breaks a cue's words into at most <see cref="CaptionOptions.MaxLines"/> lines, balanced, preferring a break after punctuation and avoiding one-word lines.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<string> words, CaptionOptions options)
    {
        var whole = string.Join(' ', words);
        if (whole.Length <= options.MaxLineLength || words.Count < 2)
        {
            return [whole];
        }
        var best = -1;
        var bestScore = double.MaxValue;
        for (var k = 1; k < words.Count; k++)
        {
            var first = string.Join(' ', words.Take(k));
            var second = string.Join(' ', words.Skip(k));
            if (first.Length > options.MaxLineLength || second.Length > options.MaxLineLength)
            {
                continue;
            }
            double score = Math.Abs(first.Length - second.Length);
            if (IsClauseBreak(words[k - 1], words[k]))
            {
                score -= 12;
            }
            if (words.Count >= 3 && (k == 1 || k == words.Count - 1))
            {
                score += 25;
            }
            if (score < bestScore)
            {
                bestScore = score;
                best = k;
            }
        }
        return best < 0 ? [whole] : [string.Join(' ', words.Take(best)), string.Join(' ', words.Skip(best))];
    }

    private static bool Fits(List<Word> current, Word next, CaptionOptions options)
    {
        if (next.End - current[0].Start > options.MaxDuration || next.Start - current[^1].End > options.MaxGap)
        {
            return false;
        }
        var texts = current.Select(w => w.Text).Append(next.Text).ToList();
        var length = texts.Sum(t => t.Length) + texts.Count - 1;
        return length <= options.MaxLineLength || (options.MaxLines >= 2 && length <= options.MaxLineLength * options.MaxLines && Lines(texts, options).Count <= options.MaxLines && Lines(texts, options).All(l => l.Length <= options.MaxLineLength));
    }

    /// <summary>Where to close a full cue: after its last sentence end, else after its last punctuation break, else before its last conjunction, else after its last word.</summary>
    private static int BestSplit(List<Word> current)
    {
        foreach (var isBreak in new Func<string, string, bool>[] { (before, _) => EndsSentence(before), IsPunctuationBreak, (_, after) => Conjunctions.Contains(after.Trim(',', '.')) })
        {
            for (var i = current.Count - 1; i >= 2; i--)
            {
                if (isBreak(current[i - 1].Text, current[i].Text))
                {
                    return i;
                }
            }
        }
        return current.Count;
    }

    private static void MergeOrphans(List<List<Word>> groups, CaptionOptions options)
    {
        for (var i = groups.Count - 1; i >= 1; i--)
        {
            if (groups[i].Count != 1)
            {
                continue;
            }
            var previous = groups[i - 1];
            if (previous.Count > 0 && Fits(previous, groups[i][0], options))
            {
                previous.Add(groups[i][0]);
                groups.RemoveAt(i);
            }
            else if (previous.Count >= 3)
            {
                var moved = previous[^1];
                var candidate = new List<Word> { moved };
                if (Fits(candidate, groups[i][0], options))
                {
                    previous.RemoveAt(previous.Count - 1);
                    groups[i].Insert(0, moved);
                }
            }
        }
    }

    private static bool EndsSentence(string text) =>
        text.TrimEnd('"', '\'', '”', '’', ')', ']') is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or '…';

    private static bool IsPunctuationBreak(string before, string after) =>
        before.EndsWith(',') || before.EndsWith(';') || before.EndsWith(':') || before is "—" or "–" || after is "—" or "–";

    private static bool IsClauseBreak(string before, string after) =>
        IsPunctuationBreak(before, after) || Conjunctions.Contains(after.Trim(',', '.'));
}
