namespace Mediagate.Benchmarks;

/// <summary>Plain narration of a chosen length, built from varied sentences so that eSpeak does real work on every word.</summary>
public static class Texts
{
    private static readonly string[] Sentences =
    [
        "Mediagate gives a video pipeline its sound, with narration, music, and effects.",
        "Every word carries an exact timing, so captions land on the beat.",
        "When a provider fails, the next one takes over without losing the job.",
        "The studio lights dimmed as the editor trimmed the final scene by half a second.",
        "On March 14th, 2025, the team shipped version 3.2 to forty thousand users.",
        "Quiet mornings are best for recording, before the city wakes and the traffic starts.",
        "She asked whether the chorus should come back once more before the closing shot.",
        "A gentle piano line carries the story while the voice explains each step.",
    ];

    public static string Words(int count)
    {
        var words = new List<string>(count + 20);
        for (var i = 0; words.Count < count; i++)
        {
            words.AddRange(Sentences[i % Sentences.Length].Split(' '));
        }
        var text = string.Join(' ', words.Take(count));
        return text.EndsWith('.') ? text : text + ".";
    }
}
