namespace Mediagate.Capabilities;

/// <summary>The providers this build of Mediagate has code for, as <c>capability:provider</c> (for example <c>voice:local</c>).</summary>
/// <remarks>The chains name every provider so that their explanations stay stable; a provider joins this set when its code lands,
/// and until then a present key is reported as unusable rather than claimed.</remarks>
public static class BuiltProviders
{
    /// <summary>What this build contains.</summary>
    public static IReadOnlySet<string> Current => All;

    /// <summary>Every provider of every chain.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>
    {
        "voice:heygen", "voice:elevenlabs", "voice:local", "music:heygen", "music:lyria", "music:local",
        "sfx:heygen", "sfx:local", "describe:openrouter", "describe:gemini",
    };
}
