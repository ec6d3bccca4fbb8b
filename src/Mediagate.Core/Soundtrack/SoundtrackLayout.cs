namespace Mediagate.Soundtrack;

/// <summary>
/// Where a soundtrack's files go. Every path in <c>audio_meta.json</c> is relative to <see cref="Root"/>. Mediagate's own layout
/// puts everything in one output directory; the HyperFrames layout is the peer's (<c>assets/voice</c>, <c>assets/bgm</c>,
/// <c>assets/sfx</c> under the project), with Mediagate's extras (the mix and the captions) in <c>assets/mediagate/</c>.
/// </summary>
/// <param name="Root">The directory the paths are relative to: the output directory, or the HyperFrames project.</param>
/// <param name="MetaFile">The full path of <c>audio_meta.json</c>.</param>
/// <param name="Assets">The folder under <see cref="Root"/> that holds voice/, bgm/ and sfx/: empty, or <c>assets</c>.</param>
/// <param name="Extras">The folder under <see cref="Root"/> for the mix and the captions.</param>
/// <param name="HyperFrames">True for the peer's layout.</param>
public sealed record SoundtrackLayout(string Root, string MetaFile, string Assets, string Extras, bool HyperFrames)
{
    /// <summary>Mediagate's layout: everything in <paramref name="output"/>, the meta beside it.</summary>
    public static SoundtrackLayout Mediagate(string output)
    {
        var root = Path.GetFullPath(output);
        return new SoundtrackLayout(root, Path.Combine(root, "audio_meta.json"), string.Empty, string.Empty, false);
    }

    /// <summary>The peer's layout under a HyperFrames project, with the meta at <paramref name="metaFile"/> (default <c>&lt;project&gt;/audio_meta.json</c>).</summary>
    public static SoundtrackLayout HyperFramesProject(string project, string? metaFile)
    {
        var root = Path.GetFullPath(project);
        return new SoundtrackLayout(root, Path.GetFullPath(metaFile ?? Path.Combine(root, "audio_meta.json")), "assets", "assets/mediagate", true);
    }

    /// <summary>A line's WAV: <c>voice/&lt;id&gt;.wav</c> or <c>assets/voice/&lt;id&gt;.wav</c>.</summary>
    public string Voice(string id) => Join(Assets, "voice", id + ".wav");

    /// <summary>The music's WAV.</summary>
    public string Music => Join(Assets, "bgm", "track.wav");

    /// <summary>An effect's WAV, by its slug.</summary>
    public string Effect(string slug) => Join(Assets, "sfx", slug + ".wav");

    /// <summary>The finished mix.</summary>
    public string Mix => Join(Extras, "mix.wav");

    /// <summary>The captions and word files: <c>captions.srt</c>, <c>captions.vtt</c>, <c>words.json</c>.</summary>
    public (string Srt, string Vtt, string Words) Captions => (Join(Extras, "captions.srt"), Join(Extras, "captions.vtt"), Join(Extras, "words.json"));

    /// <summary>A relative path made absolute under <see cref="Root"/>.</summary>
    public string Full(string relative) => Path.Combine(Root, relative);

    private static string Join(params string[] parts) => string.Join('/', parts.Where(p => p.Length > 0));
}
