namespace Mediagate.Soundtrack;

/// <summary>
/// A soundtrack to make: the peer's <c>audio_request.json</c> (<c>{provider, lang, speed, lines, bgm}</c>) plus Mediagate's
/// optional extras (a voice per line, the gap between lines, and a time and volume per sound-effect cue).
/// </summary>
/// <param name="Provider">The voice provider: <c>auto</c> (the chain), <c>heygen</c>, <c>elevenlabs</c>, <c>local</c> or <c>gemini</c> (only when named).</param>
/// <param name="Language">The language code, or null for English.</param>
/// <param name="Speed">The speed multiplier: more than 0, at most 3 (the peer's range).</param>
/// <param name="Voice">The default voice for every line, or null for the provider's default.</param>
/// <param name="GapSeconds">The silence between one line and the next.</param>
/// <param name="Lines">The narration, in order.</param>
/// <param name="Bgm">The background music.</param>
public sealed record SoundtrackRequest(
    string Provider,
    string? Language,
    double Speed,
    string? Voice,
    double GapSeconds,
    IReadOnlyList<SoundtrackLine> Lines,
    BgmRequest Bgm)
{
    /// <summary>
    /// When false (the default), a voice link that falls over mid-run has the lines it already spoke made again by the next link,
    /// so every line has one provider and voice; when true, each line keeps whoever spoke it.
    /// </summary>
    public bool AllowMixedVoices { get; init; }

    /// <summary>The Gemini TTS model (the peer's <c>tts_model</c>), or null for the default.</summary>
    public string? TtsModel { get; init; }

    /// <summary>How to deliver every line without its own style, in words (the peer's <c>style</c>, Gemini TTS only), or null.</summary>
    public string? Style { get; init; }

    /// <summary>The default silence between lines, in seconds.</summary>
    public const double DefaultGapSeconds = 0.6;

    /// <summary>The peer's default music search.</summary>
    public const string DefaultMusicQuery = "calm cinematic underscore";
}

/// <summary>One line of narration.</summary>
/// <param name="Id">Its id; also the name of <c>voice/&lt;id&gt;.wav</c>.</param>
/// <param name="Text">What is said.</param>
/// <param name="Voice">A voice for this line only, or null for the request's.</param>
/// <param name="GapAfterSeconds">The silence after this line, or null for the request's gap.</param>
/// <param name="Sfx">The sound effects cued on this line.</param>
public sealed record SoundtrackLine(string Id, string Text, string? Voice, double? GapAfterSeconds, IReadOnlyList<SfxCue> Sfx)
{
    /// <summary>This line's delivery style (Gemini TTS), or null for the request's.</summary>
    public string? Style { get; init; }
}

/// <summary>A sound effect cued on a line.</summary>
/// <param name="Name">What to look for: a bundled name such as <c>whoosh</c>, or words that describe the sound.</param>
/// <param name="At">Where on the line it starts.</param>
/// <param name="Volume">Its level: 1 plays its loudest moment as loud as the narration; the peer's default is 0.35.</param>
public sealed record SfxCue(string Name, CueTime At, double Volume)
{
    /// <summary>The peer's level for every cue.</summary>
    public const double DefaultVolume = 0.35;
}

/// <summary>Where a cue starts, relative to its line.</summary>
/// <param name="Anchor">The kind of position.</param>
/// <param name="Value">The word index for <see cref="CueAnchor.Word"/>, the seconds for <see cref="CueAnchor.Seconds"/>; else 0.</param>
public readonly record struct CueTime(CueAnchor Anchor, double Value)
{
    /// <summary>At the line's first sound.</summary>
    public static CueTime Start => new(CueAnchor.Start, 0);

    /// <summary>As written in a request: <c>start</c>, <c>end</c>, <c>3</c> or <c>1.5s</c>.</summary>
    public override string ToString() => Anchor switch
    {
        CueAnchor.Start => "start",
        CueAnchor.End => "end",
        CueAnchor.Word => ((int)Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s",
    };
}

/// <summary>The kinds of cue position.</summary>
public enum CueAnchor
{
    /// <summary>When the line starts.</summary>
    Start,

    /// <summary>When the line's last word ends.</summary>
    End,

    /// <summary>When the word with this index (from 0) starts.</summary>
    Word,

    /// <summary>This many seconds after the line starts.</summary>
    Seconds,
}

/// <summary>The background music.</summary>
/// <param name="Mode">How to get it.</param>
/// <param name="Query">The library search (retrieve).</param>
/// <param name="Prompt">The description to generate from (generate); null uses the query.</param>
public sealed record BgmRequest(BgmMode Mode, string Query, string? Prompt)
{
    /// <summary>What to generate from.</summary>
    public string GenerationPrompt => string.IsNullOrWhiteSpace(Prompt) ? Query : Prompt;
}

/// <summary>
/// How the music is obtained, with the peer's semantics: only a missing <c>bgm.mode</c> is <see cref="Auto"/>; the peer runs
/// generate for any other mode that is not <c>retrieve</c> or <c>none</c>, including an explicit <c>"auto"</c>.
/// </summary>
public enum BgmMode
{
    /// <summary>Retrieve from HeyGen's library when a HeyGen credential is present, else generate.</summary>
    Auto,

    /// <summary>Retrieve from HeyGen's library; with no credential, no music (a warning, not a failure).</summary>
    Retrieve,

    /// <summary>Generate: Lyria, then the local composer.</summary>
    Generate,

    /// <summary>No music.</summary>
    None,
}
