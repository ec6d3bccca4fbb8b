using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Captions;

namespace Mediagate.Soundtrack;

/// <summary>Everything the job made, for <c>audio_meta.json</c> and the command's report.</summary>
/// <param name="OutputDirectory">The output directory.</param>
/// <param name="Lines">Each narration line, in order.</param>
/// <param name="Music">The music, or null when there is none.</param>
/// <param name="Effects">Each cue that found a sound, in order.</param>
/// <param name="Anomalies">What was left out and why; never a failure of the run.</param>
/// <param name="Warnings">What the user should know, such as music skipped for want of a credential.</param>
/// <param name="Mix">The finished mix, or null when nothing was mixed.</param>
/// <param name="TotalSeconds">The soundtrack's length.</param>
/// <param name="Settings">The mix settings used.</param>
/// <param name="Parts">The parts that were made: tts, bgm, sfx.</param>
/// <param name="BgmMode">The music mode asked for.</param>
public sealed record SoundtrackResult(
    string OutputDirectory,
    IReadOnlyList<LineOutcome> Lines,
    MusicOutcome? Music,
    IReadOnlyList<CueOutcome> Effects,
    IReadOnlyList<Anomaly> Anomalies,
    IReadOnlyList<string> Warnings,
    MixOutcome? Mix,
    double TotalSeconds,
    MixSettings Settings,
    IReadOnlySet<string> Parts,
    BgmMode BgmMode)
{
    /// <summary>Whether the narration kept one voice; null with no lines.</summary>
    public VoiceConsistency? Voice { get; init; }

    /// <summary>Where the files went.</summary>
    public SoundtrackLayout Layout { get; init; } = SoundtrackLayout.Mediagate(OutputDirectory);
}

/// <summary>A narration line as made.</summary>
/// <param name="Id">The line's id.</param>
/// <param name="Path">Its WAV, relative to the output directory, or null when voice was not among the parts made.</param>
/// <param name="OffsetSeconds">Where it starts on the timeline.</param>
/// <param name="DurationSeconds">Its length.</param>
/// <param name="Words">Its words, relative to the line's start.</param>
/// <param name="Provider">Who spoke it.</param>
/// <param name="Voice">The voice used.</param>
/// <param name="Language">The language.</param>
/// <param name="Cached">True when it came from the cache.</param>
/// <param name="Chain">The voice chain as it played out for this line (null when cached).</param>
public sealed record LineOutcome(string Id, string? Path, double OffsetSeconds, double DurationSeconds, IReadOnlyList<Word> Words,
    string Provider, string Voice, string Language, bool Cached, ChainDecision? Chain);

/// <summary>The music as made.</summary>
/// <param name="Path">Its WAV, relative to the output directory.</param>
/// <param name="Provider">Who provided it: heygen, lyria or local.</param>
/// <param name="Source">What it came from: the library track's name, or the prompt.</param>
/// <param name="DurationSeconds">Its length (the voice timeline, or 30 s).</param>
/// <param name="Plays">How many times the source was played to fill the length.</param>
/// <param name="Cached">True when it came from the cache.</param>
/// <param name="Chain">The music chain as it played out (null when cached).</param>
/// <param name="Query">The library search.</param>
/// <param name="Prompt">The generation prompt.</param>
public sealed record MusicOutcome(string Path, string Provider, string Source, double DurationSeconds, int Plays, bool Cached, ChainDecision? Chain,
    string Query, string Prompt);

/// <summary>A sound-effect cue as placed.</summary>
/// <param name="Name">The name asked for.</param>
/// <param name="Line">The line it is cued on.</param>
/// <param name="At">Where on the line, as written.</param>
/// <param name="Path">Its WAV, relative to the output directory.</param>
/// <param name="Provider">Who provided it: heygen or local.</param>
/// <param name="Matched">The sound found: the bundled name or the library track's name.</param>
/// <param name="OffsetSeconds">Where it starts on the timeline.</param>
/// <param name="DurationSeconds">Its length.</param>
/// <param name="Volume">Its volume, as asked.</param>
/// <param name="Cached">True when it came from a cache.</param>
/// <param name="Chain">The sound-effect chain as it played out (null when cached).</param>
public sealed record CueOutcome(string Name, string Line, string At, string Path, string Provider, string Matched, double OffsetSeconds,
    double DurationSeconds, double Volume, bool Cached, ChainDecision? Chain);

/// <summary>Something left out of the soundtrack, with why.</summary>
/// <param name="Kind">A stable code: <c>sfx_not_found</c>, <c>bgm_skipped</c> or <c>bgm_failed</c>.</param>
/// <param name="Item">What it concerns, e.g. <c>sfx:laser-sword</c>.</param>
/// <param name="Message">What happened.</param>
public sealed record Anomaly(string Kind, string Item, string Message);

/// <summary>The finished mix.</summary>
/// <param name="Path">Its WAV, relative to the output directory.</param>
/// <param name="Loudness">Its measurement.</param>
/// <param name="MusicGainDb">The music's gain before ducking, or null with no music.</param>
/// <param name="LimitedDb">The deepest gain reduction the limiter applied.</param>
/// <param name="Cached">True when the same inputs had been mixed before and that mix was reused.</param>
public sealed record MixOutcome(string Path, LoudnessReport Loudness, double? MusicGainDb, double LimitedDb, bool Cached);

/// <summary>Whether the narration kept one voice.</summary>
/// <param name="Provider">The one provider that spoke every line, or null when the lines are mixed.</param>
/// <param name="Mixed">True when lines were spoken by different providers.</param>
/// <param name="Allowed">True when the request allowed mixed voices.</param>
/// <param name="Remade">The lines spoken again so that every line has one voice, after a link fell over.</param>
/// <param name="FellOver">Each voice link that fell over in the run, with why (<c>heygen: …</c>).</param>
public sealed record VoiceConsistency(string? Provider, bool Mixed, bool Allowed, IReadOnlyList<string> Remade, IReadOnlyList<string> FellOver);
