using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Http;
using Mediagate.Local.Music;
using Mediagate.Local.Sfx;
using Mediagate.Local.Voice;
using Mediagate.Platform;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Soundtrack;

/// <summary>
/// Makes a soundtrack: the narration lines through the voice chain (in parallel), the music through the music chain with the
/// peer's modes, each sound-effect cue through the effects chain, then captions, the mix and <c>audio_meta.json</c>. Finished
/// pieces come from a content-addressed cache when nothing that determines them has changed. Every file is written under a temp
/// name and renamed, and <c>audio_meta.json</c> last.
/// </summary>
public sealed partial class SoundtrackJob
{
    /// <summary>The parts a run can make.</summary>
    public static readonly IReadOnlyList<string> AllParts = ["tts", "bgm", "sfx"];

    /// <summary>The music's length with no narration, as the peer.</summary>
    public const double MusicWithoutLinesSeconds = 30;

    private const int Rate = MixSettings.SampleRate;

    private readonly SoundtrackJobContext _context;

    /// <summary>Creates a job over the chains and clients the credentials allow.</summary>
    public SoundtrackJob(SoundtrackJobContext context) => _context = context;

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();

    /// <summary>The file name the peer gives an effect: lower case, runs of other characters as '-', at most 40 characters.</summary>
    public static string Slug(string name)
    {
        var slug = NonAlphanumeric().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
        return slug.Length == 0 ? "sfx" : slug;
    }

    /// <summary>Runs the job.</summary>
    /// <exception cref="ChainFailedException">A narration line could not be spoken by any provider.</exception>
    /// <exception cref="IOException">The output directory cannot be written.</exception>
    public async Task<SoundtrackResult> RunAsync(SoundtrackRequest request, SoundtrackOptions options, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        var parts = options.Parts;
        var anomalies = new ConcurrentQueue<Anomaly>();
        var warnings = new List<string>();

        if (parts.Contains("bgm") && request.Bgm.Mode != BgmMode.None)
        {
            _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Waiting));
        }

        // Effects need no timeline to be found, so they are fetched while the voice speaks; the music needs the timeline's length.
        var effectsTask = parts.Contains("sfx") ? Task.Run(() => FetchEffectsAsync(request, output, anomalies, cancellationToken), cancellationToken) : null;
        IReadOnlyList<SpokenLine> spoken;
        try
        {
            spoken = await SpeakAllAsync(request, options, output, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (effectsTask is not null)
            {
                await Task.WhenAny(effectsTask).ConfigureAwait(false);
            }
            throw;
        }
        var lines = new List<LineOutcome>();
        var offset = 0.0;
        var timelineEnd = 0.0;
        for (var i = 0; i < spoken.Count; i++)
        {
            var line = spoken[i];
            lines.Add(line.Outcome with { OffsetSeconds = Math.Round(offset, 3) });
            timelineEnd = offset + line.Outcome.DurationSeconds;
            offset = timelineEnd + (request.Lines[i].GapAfterSeconds ?? request.GapSeconds);
        }
        var musicSeconds = lines.Count == 0 ? MusicWithoutLinesSeconds : timelineEnd;

        MusicOutcome? music = null;
        float[]? musicAudio = null;
        if (parts.Contains("bgm") && request.Bgm.Mode != BgmMode.None && musicSeconds > 0)
        {
            (music, musicAudio) = await MakeMusicAsync(request.Bgm, musicSeconds, output, anomalies, warnings, cancellationToken).ConfigureAwait(false);
        }
        var effects = effectsTask is null ? new Dictionary<string, FoundEffect>() : await effectsTask.ConfigureAwait(false);
        var cues = new List<CueOutcome>();
        var effectClips = new List<EffectClip>();
        for (var i = 0; i < request.Lines.Count && effectsTask is not null; i++)
        {
            foreach (var cue in request.Lines[i].Sfx)
            {
                if (!effects.TryGetValue(cue.Name, out var found))
                {
                    continue;
                }
                var at = Math.Round(lines[i].OffsetSeconds + CueOffset(cue.At, lines[i]), 3);
                cues.Add(new CueOutcome(cue.Name, lines[i].Id, cue.At.ToString(), found.Path, found.Provider, found.Matched, at,
                    Math.Round(found.Stereo.Length / 2.0 / Rate, 3), cue.Volume, found.Cached, found.Chain));
                effectClips.Add(new EffectClip((int)Math.Round(at * Rate), found.Stereo, cue.Volume));
            }
        }

        var total = Math.Max(lines.Count == 0 ? (music is null ? 0 : musicSeconds) : timelineEnd,
            cues.Count == 0 ? 0 : cues.Max(c => c.OffsetSeconds + c.DurationSeconds));
        if (parts.Contains("tts"))
        {
            WriteCaptions(output, lines);
        }
        MixOutcome? mix = null;
        var voiceClips = parts.Contains("tts") ? spoken.Select((s, i) => new VoiceClip((int)Math.Round(lines[i].OffsetSeconds * Rate), s.Samples)).ToList() : [];
        if (total > 0 && (voiceClips.Count > 0 || musicAudio is not null || effectClips.Count > 0))
        {
            var input = new MixInput((int)Math.Ceiling(total * Rate), voiceClips, musicAudio, effectClips);
            mix = await MixAsync(input, options.Mix, Path.Combine(output, "mix.wav"), cancellationToken).ConfigureAwait(false);
        }

        var outcome = new SoundtrackResult(output, parts.Contains("tts") ? lines : lines.Select(l => l with { Path = null }).ToList(),
            music, cues, [.. anomalies], warnings, mix, Math.Round(total, 3), options.Mix, parts, request.Bgm.Mode);
        AtomicFile.WriteAllText(Path.Combine(output, "audio_meta.json"), AudioMeta.Build(outcome).ToJsonString(AudioMeta.JsonOptions) + "\n");
        return outcome;
    }

    /// <summary>Mixes, or reuses the mix of exactly the same audio with the same settings (keyed by a hash of the samples themselves).</summary>
    private async Task<MixOutcome> MixAsync(MixInput input, MixSettings settings, string target, CancellationToken cancellationToken)
    {
        var key = MixKey(input, settings);
        if (_context.Cache.Find(key) is { } hit && JsonFields.Double(hit.Record, "integrated_lufs") is { } integrated)
        {
            CopyAtomically(hit.Audio, target);
            var cachedLoudness = new LoudnessReport(integrated, JsonFields.Double(hit.Record, "loudness_range_lu") ?? 0,
                JsonFields.Double(hit.Record, "true_peak_dbtp") ?? double.NegativeInfinity, JsonFields.Double(hit.Record, "sample_peak_dbfs") ?? double.NegativeInfinity,
                input.Frames / (double)Rate, JsonFields.Double(hit.Record, "momentary_max_lufs") ?? double.NegativeInfinity);
            _context.Progress?.Invoke(new PieceUpdate("mix", PieceState.Cached, $"{integrated:0.0} LUFS"));
            return new MixOutcome("mix.wav", cachedLoudness, JsonFields.Double(hit.Record, "music_gain_db"), JsonFields.Double(hit.Record, "limited_db") ?? 0, true);
        }
        _context.Progress?.Invoke(new PieceUpdate("mix", PieceState.Working));
        var result = await Task.Run(() => Mixer.Mix(input, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        var stored = _context.Cache.PutAudio(key, result.Stereo, Rate, 2);
        var loudness = result.Loudness;
        var record = new JsonObject
        {
            ["music_gain_db"] = result.MusicGainDb,
            ["limited_db"] = result.LimitedDb,
        };
        // Silence measures as negative infinity, which JSON cannot hold; a record without the figure is simply not reused.
        foreach (var (name, value) in new[] { ("integrated_lufs", loudness.IntegratedLufs), ("loudness_range_lu", loudness.LoudnessRangeLu),
            ("true_peak_dbtp", loudness.TruePeakDbtp), ("sample_peak_dbfs", loudness.SamplePeakDbfs), ("momentary_max_lufs", loudness.MomentaryMaxLufs) })
        {
            if (double.IsFinite(value))
            {
                record[name] = value;
            }
        }
        _context.Cache.Finish(key, record);
        CopyAtomically(stored, target);
        _context.Progress?.Invoke(new PieceUpdate("mix", PieceState.Done, $"{loudness.IntegratedLufs:0.0} LUFS, {loudness.TruePeakDbtp:0.0} dBTP"));
        return new MixOutcome("mix.wav", loudness, result.MusicGainDb, result.LimitedDb, false);
    }

    private static string MixKey(MixInput input, MixSettings settings)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<float> samples) => hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples));
        void Number(double value) => hash.AppendData(BitConverter.GetBytes(value));
        Number(input.Frames);
        foreach (var clip in input.Voice)
        {
            Number(clip.OffsetFrames);
            Number(clip.Samples.Length);
            Add(clip.Samples);
        }
        Number(input.Music?.Length ?? -1);
        Add(input.Music ?? []);
        foreach (var clip in input.Effects)
        {
            Number(clip.OffsetFrames);
            Number(clip.Volume);
            Number(clip.Stereo.Length);
            Add(clip.Stereo);
        }
        return SoundtrackCache.Key("mix", settings.ToString(), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static double CueOffset(CueTime at, LineOutcome line) => at.Anchor switch
    {
        CueAnchor.Start => 0,
        CueAnchor.End => line.Words.Count > 0 ? line.Words[^1].End : line.DurationSeconds,
        CueAnchor.Word => line.Words.Count == 0 ? 0 : line.Words[Math.Min((int)at.Value, line.Words.Count - 1)].Start,
        _ => at.Value,
    };

    // ---------------------------------------------------------------- voice

    private sealed record SpokenLine(LineOutcome Outcome, float[] Samples);

    private async Task<IReadOnlyList<SpokenLine>> SpeakAllAsync(SoundtrackRequest request, SoundtrackOptions options, string output, CancellationToken cancellationToken)
    {
        if (request.Lines.Count == 0)
        {
            return [];
        }
        var writeFiles = options.Parts.Contains("tts");
        if (writeFiles)
        {
            Directory.CreateDirectory(Path.Combine(output, "voice"));
        }
        foreach (var line in request.Lines)
        {
            _context.Progress?.Invoke(new PieceUpdate($"voice:{line.Id}", PieceState.Waiting));
        }
        using var slots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = request.Lines.Select(async line =>
        {
            await slots.WaitAsync(failed.Token).ConfigureAwait(false);
            try
            {
                return await SpeakAsync(request, line, output, writeFiles, failed.Token).ConfigureAwait(false);
            }
            catch when (!cancellationToken.IsCancellationRequested)
            {
                // One line that no provider can speak ends the run; the others stop rather than spend credits for nothing.
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Report the line that failed, not the ones it stopped (which may fail in any way once their requests are cancelled).
            var errors = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            var cause = errors.OfType<ChainFailedException>().FirstOrDefault() ?? errors.FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is null)
            {
                throw;
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }
    }

    private async Task<SpokenLine> SpeakAsync(SoundtrackRequest request, SoundtrackLine line, string output, bool writeFile, CancellationToken cancellationToken)
    {
        var piece = $"voice:{line.Id}";
        var speech = new SpeechRequest(line.Text, line.Voice ?? request.Voice, request.Language, request.Speed, 50, Rate);
        var chain = _context.VoiceChain;
        var first = request.Provider == ChainRunner.Auto ? chain.Chosen : request.Provider;
        var target = Path.Combine(output, "voice", line.Id + ".wav");
        string VoiceKey(string provider) => SoundtrackCache.Key("voice", provider, speech.Text, speech.Voice, speech.Language,
            speech.Speed.ToString("R", CultureInfo.InvariantCulture), Rate.ToString(CultureInfo.InvariantCulture));

        if (first is not null && _context.Cache.Find(VoiceKey(first)) is { } hit && CachedWords(hit.Record) is { } cachedWords)
        {
            if (writeFile)
            {
                CopyAtomically(hit.Audio, target);
            }
            var samples = StereoAudio.ReadMono(hit.Audio, Rate);
            var provider = JsonFields.Text(hit.Record, "provider") ?? first;
            _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Cached, provider));
            return new SpokenLine(new LineOutcome(line.Id, $"voice/{line.Id}.wav", 0, samples.Length / (double)Rate, cachedWords,
                provider, JsonFields.Text(hit.Record, "voice") ?? "", JsonFields.Text(hit.Record, "lang") ?? "", true, null), samples);
        }

        _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Working, first ?? ""));
        using var wav = new MemoryStream();
        var outcome = await ChainRunner.RunAsync(chain, request.Provider, async (provider, attempt, token) =>
        {
            wav.SetLength(0);
            _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Working, provider));
            return await _context.Providers.Voice(provider).SynthesizeAsync(attempt == 0 ? speech : speech with { Voice = null }, wav, token).ConfigureAwait(false);
        }, cancellationToken, ex => ex is ProviderException or VoiceEngineException).ConfigureAwait(false);
        var result = outcome.Value;

        var key = VoiceKey(result.Provider);
        var bytes = wav.GetBuffer().AsSpan(0, (int)wav.Length);
        _context.Cache.PutAudio(key, bytes);
        _context.Cache.Finish(key, new JsonObject
        {
            ["provider"] = result.Provider,
            ["voice"] = result.Voice,
            ["lang"] = result.Language,
            ["words"] = JsonNode.Parse(SubtitleFormats.WordsJson(result.Words)),
        });
        if (writeFile)
        {
            AtomicFile.WriteAllBytes(target, bytes);
        }
        wav.Position = 0;
        using var reader = WavReader.Open(wav);
        var mono = reader.ReadAll();
        var fallback = outcome.Decision.Links.Any(l => l.State == LinkState.Failed) ? $"{result.Provider}, after a fallback" : result.Provider;
        _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Done, fallback));
        return new SpokenLine(new LineOutcome(line.Id, $"voice/{line.Id}.wav", 0, mono.Length / (double)Rate, result.Words,
            result.Provider, result.Voice, result.Language, false, outcome.Decision), mono);
    }

    private static void WriteCaptions(string output, IReadOnlyList<LineOutcome> lines)
    {
        // Captions are built line by line, so that no caption spans two lines of the script, then placed on the timeline.
        var words = new List<Word>();
        var cues = new List<Cue>();
        foreach (var line in lines)
        {
            var placed = line.Words.Select(w => new Word($"w{words.Count}", w.Text, Math.Round(w.Start + line.OffsetSeconds, 3), Math.Round(w.End + line.OffsetSeconds, 3))).ToList();
            for (var i = 0; i < placed.Count; i++)
            {
                placed[i] = placed[i] with { Id = $"w{words.Count + i}" };
            }
            words.AddRange(placed);
            cues.AddRange(CaptionBuilder.Build(placed));
        }
        AtomicFile.WriteAllText(Path.Combine(output, "words.json"), SubtitleFormats.WordsJson(words));
        AtomicFile.WriteAllText(Path.Combine(output, "captions.srt"), SubtitleFormats.Srt(cues));
        AtomicFile.WriteAllText(Path.Combine(output, "captions.vtt"), SubtitleFormats.Vtt(cues));
    }

    // ---------------------------------------------------------------- music

    private async Task<(MusicOutcome?, float[]?)> MakeMusicAsync(BgmRequest bgm, double seconds, string output, ConcurrentQueue<Anomaly> anomalies,
        List<string> warnings, CancellationToken cancellationToken)
    {
        var chain = MusicChain(bgm.Mode);
        if (chain.Chosen is null)
        {
            var why = bgm.Mode == BgmMode.Retrieve
                ? $"bgm mode retrieve needs a HeyGen credential ({chain.Links[0].Reason}); no music. Use mode auto or generate to compose it instead."
                : $"no music provider is available ({string.Join("; ", chain.Links.Select(l => $"{l.Provider}: {l.Reason}"))})";
            warnings.Add(why);
            anomalies.Enqueue(new Anomaly("bgm_skipped", "bgm", why));
            _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Skipped, "no credential"));
            return (null, null);
        }
        var frames = (int)Math.Round(seconds * Rate);
        var secondsText = (frames / (double)Rate).ToString("R", CultureInfo.InvariantCulture);
        string MusicKey(string provider) => SoundtrackCache.Key("bgm", provider, provider == "heygen" ? bgm.Query : bgm.GenerationPrompt, secondsText);
        var target = Path.Combine(output, "bgm", "track.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        if (_context.Cache.Find(MusicKey(chain.Chosen)) is { } hit)
        {
            CopyAtomically(hit.Audio, target);
            _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Cached, chain.Chosen));
            var cached = StereoAudio.Read(hit.Audio, Rate);
            return (new MusicOutcome("bgm/track.wav", chain.Chosen, JsonFields.Text(hit.Record, "source") ?? "", seconds,
                (int)(JsonFields.Double(hit.Record, "plays") ?? 1), true, null, bgm.Query, bgm.GenerationPrompt), cached);
        }

        _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Working, chain.Chosen));
        ChainOutcome<(float[] Stereo, string Source, int Plays)> outcome;
        try
        {
            outcome = await ChainRunner.RunAsync(chain, ChainRunner.Auto, async (provider, _, token) =>
            {
                _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Working, provider));
                return await MusicFromAsync(provider, bgm, frames, token).ConfigureAwait(false);
            }, cancellationToken, IsPieceFailure).ConfigureAwait(false);
        }
        catch (ChainFailedException ex)
        {
            var why = $"no music: {ex.Message}";
            warnings.Add(why);
            anomalies.Enqueue(new Anomaly("bgm_failed", "bgm", ex.Message));
            _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Skipped, "every provider failed"));
            return (null, null);
        }
        var (stereo, source, plays) = outcome.Value;
        var key = MusicKey(outcome.Provider);
        var stored = _context.Cache.PutAudio(key, stereo, Rate, 2);
        _context.Cache.Finish(key, new JsonObject { ["provider"] = outcome.Provider, ["source"] = source, ["plays"] = plays });
        CopyAtomically(stored, target);
        _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Done, outcome.Provider));
        // Mixed as stored (16-bit), exactly as a re-run will read it, so that the mix of a re-run is the same mix.
        return (new MusicOutcome("bgm/track.wav", outcome.Provider, source, seconds, plays, false, outcome.Decision, bgm.Query, bgm.GenerationPrompt),
            StereoAudio.Read(target, Rate));
    }

    /// <summary>The music chain for a mode: retrieve keeps only the library; generate drops it.</summary>
    private ChainDecision MusicChain(BgmMode mode)
    {
        var links = _context.MusicChain.Links.Select(link => mode switch
        {
            BgmMode.Retrieve when link.Provider != "heygen" => link with { State = LinkState.Skipped, Reason = "bgm mode retrieve: the HeyGen library only" },
            BgmMode.Generate when link.Provider == "heygen" => link with { State = LinkState.Skipped, Reason = "bgm mode generate: not a generator" },
            _ => link,
        }).ToList();
        string? chosen = null;
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i].State is LinkState.Chosen or LinkState.Standby)
            {
                if (chosen is null)
                {
                    chosen = links[i].Provider;
                    links[i] = links[i] with { State = LinkState.Chosen };
                }
                else
                {
                    links[i] = links[i] with { State = LinkState.Standby, Reason = $"fallback if {chosen} fails" };
                }
            }
        }
        return _context.MusicChain with { Chosen = chosen, Links = links };
    }

    private async Task<(float[] Stereo, string Source, int Plays)> MusicFromAsync(string provider, BgmRequest bgm, int frames, CancellationToken cancellationToken)
    {
        switch (provider)
        {
            case "heygen":
            {
                var session = _context.Providers.HeyGenSession!;
                var client = _context.Providers.HeyGen();
                var found = await session.RunAsync((credential, token) => client.SearchSoundsAsync(credential, SoundSearch.ForMusic(bgm.Query), token), cancellationToken).ConfigureAwait(false);
                var top = found.FirstOrDefault() ?? throw new NoMatchException($"HeyGen's library has no music for \"{bgm.Query}\"");
                var audio = await client.DownloadAsync(top.AudioUrl, cancellationToken).ConfigureAwait(false);
                var (stereo, plays) = StereoAudio.Fit(Decode("HeyGen", audio), frames, Rate);
                return (stereo, top.Name.Length > 0 ? top.Name : top.Id, plays);
            }
            case "lyria":
            {
                var gemini = _context.Providers.Gemini() ?? throw new NoMatchException("no Gemini key");
                var clip = await gemini.GenerateMusicAsync(bgm.GenerationPrompt, cancellationToken).ConfigureAwait(false);
                var (stereo, plays) = StereoAudio.Fit(Decode("Lyria", clip.Bytes), frames, Rate);
                return (stereo, bgm.GenerationPrompt, plays);
            }
            default:
            {
                var request = new MusicRequest(bgm.GenerationPrompt, Math.Max(MusicRequest.MinDuration, frames / (double)Rate), SampleRate: Rate);
                var track = await Task.Run(() => Composer.Compose(request, _context.Engines, cancellationToken), cancellationToken).ConfigureAwait(false);
                var stereo = track.Stereo.Length == frames * 2 ? track.Stereo : StereoAudio.Fit(track.Stereo, frames, Rate).Stereo;
                return (stereo, $"{track.Style.Mood}, {track.Bpm:0} BPM", 1);
            }
        }
    }

    // ---------------------------------------------------------------- sound effects

    private sealed record FoundEffect(string Path, string Provider, string Matched, float[] Stereo, bool Cached, ChainDecision? Chain);

    private async Task<Dictionary<string, FoundEffect>> FetchEffectsAsync(SoundtrackRequest request, string output, ConcurrentQueue<Anomaly> anomalies, CancellationToken cancellationToken)
    {
        var names = request.Lines.SelectMany(l => l.Sfx).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, FoundEffect>(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return found;
        }
        Directory.CreateDirectory(Path.Combine(output, "sfx"));
        foreach (var name in names)
        {
            _context.Progress?.Invoke(new PieceUpdate($"sfx:{name}", PieceState.Waiting));
        }
        // Two names may share a slug ("Whoosh" and "whoosh!"); each keeps its own file.
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var slug = Slug(name);
            var unique = slug;
            for (var n = 2; files.ContainsValue(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
            files[name] = unique;
        }
        var results = await Task.WhenAll(names.Select(name => Task.Run(() => FetchEffectAsync(name, output, $"sfx/{files[name]}.wav", anomalies, cancellationToken), cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < names.Count; i++)
        {
            if (results[i] is { } effect)
            {
                found[names[i]] = effect;
            }
        }
        return found;
    }

    private async Task<FoundEffect?> FetchEffectAsync(string name, string output, string file, ConcurrentQueue<Anomaly> anomalies, CancellationToken cancellationToken)
    {
        var target = Path.Combine(output, file);
        var piece = $"sfx:{name}";
        var chain = _context.EffectsChain;
        if (chain.Chosen == "heygen" && _context.Cache.Find(SoundtrackCache.Key("sfx", "heygen", name)) is { } hit)
        {
            CopyAtomically(hit.Audio, target);
            _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Cached, "heygen"));
            return new FoundEffect(file, "heygen", JsonFields.Text(hit.Record, "matched") ?? name, StereoAudio.Read(hit.Audio, Rate), true, null);
        }
        _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Working, chain.Chosen ?? ""));
        try
        {
            var outcome = await ChainRunner.RunAsync(chain, ChainRunner.Auto, (provider, _, token) => EffectFromAsync(provider, name, token), cancellationToken, IsPieceFailure).ConfigureAwait(false);
            var (source, matched, cached) = outcome.Value;
            CopyAtomically(source, target);
            _context.Progress?.Invoke(new PieceUpdate(piece, cached ? PieceState.Cached : PieceState.Done, outcome.Provider));
            return new FoundEffect(file, outcome.Provider, matched, StereoAudio.Read(source, Rate), cached, outcome.Decision);
        }
        catch (ChainFailedException ex)
        {
            anomalies.Enqueue(new Anomaly("sfx_not_found", piece, $"no sound found for \"{name}\" ({string.Join("; ", ex.Decision.Links.Select(l => $"{l.Provider}: {l.Reason}"))}); the cue was left out. See mediagate sfx search."));
            _context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Skipped, "not found"));
            return null;
        }
    }

    /// <summary>Finds one effect: its WAV path (in a cache), the sound matched, and whether it was already cached.</summary>
    private async Task<(string Path, string Matched, bool Cached)> EffectFromAsync(string provider, string name, CancellationToken cancellationToken)
    {
        if (provider == "heygen")
        {
            var session = _context.Providers.HeyGenSession!;
            var client = _context.Providers.HeyGen();
            var found = await session.RunAsync((credential, token) => client.SearchSoundsAsync(credential, SoundSearch.ForEffect(name), token), cancellationToken).ConfigureAwait(false);
            var top = found.FirstOrDefault() ?? throw new NoMatchException($"HeyGen's library has no sound for \"{name}\"");
            var audio = await client.DownloadAsync(top.AudioUrl, cancellationToken).ConfigureAwait(false);
            var stereo = Decode("HeyGen", audio);
            var key = SoundtrackCache.Key("sfx", "heygen", name);
            var stored = _context.Cache.PutAudio(key, stereo, Rate, 2);
            var matched = top.Name.Length > 0 ? top.Name : top.Id;
            _context.Cache.Finish(key, new JsonObject { ["provider"] = "heygen", ["matched"] = matched });
            return (stored, matched, false);
        }
        var recipe = SfxLibrary.Find(name)
            ?? SfxLibrary.Search(name).FirstOrDefault(m => m.Score >= MinimumLocalScore)?.Recipe
            ?? throw new NoMatchException($"the bundled library has nothing like \"{name}\"");
        var cachedBefore = File.Exists(SfxLibrary.CachePath(recipe, 1, _context.Environment));
        return (SfxLibrary.Cached(recipe, 1, _context.Environment), recipe.Name, cachedBefore);
    }

    /// <summary>The lowest search score that counts as a match in the bundled library: a word of the name, or a tag and a description word.</summary>
    public const int MinimumLocalScore = 3;

    // ---------------------------------------------------------------- helpers

    private static bool IsPieceFailure(Exception ex) => ex is ProviderException or NoMatchException or MusicEngineException;

    private static float[] Decode(string provider, ReadOnlySpan<byte> audio)
    {
        try
        {
            return AudioDecode.ToStereo(audio, Rate);
        }
        catch (WavFormatException ex)
        {
            throw new ProviderException(provider, ProviderFailure.BadResponse, $"{provider}'s audio could not be decoded: {ex.Message}", inner: ex);
        }
    }

    private static void CopyAtomically(string source, string target)
    {
        using var file = AtomicFile.Create(target);
        using (var input = File.OpenRead(source))
        {
            input.CopyTo(file.Stream);
        }
        file.Commit();
    }

    /// <summary>The word timings stored with a cached voice line, or null when the record has none.</summary>
    private static List<Word>? CachedWords(JsonObject record) => record["words"] is JsonArray words
        ? words.OfType<JsonObject>().Select(w => new Word(JsonFields.Text(w, "id") ?? "", JsonFields.Text(w, "text") ?? "",
            JsonFields.Double(w, "start") ?? 0, JsonFields.Double(w, "end") ?? 0)).ToList()
        : null;
}

/// <summary>A provider had nothing that matches; the chain tries the next one.</summary>
public sealed class NoMatchException(string message) : Exception(message);

/// <summary>What a soundtrack job works with.</summary>
/// <param name="VoiceChain">The voice chain as the credentials decide it.</param>
/// <param name="MusicChain">The music chain.</param>
/// <param name="EffectsChain">The sound-effects chain.</param>
/// <param name="Providers">The provider clients.</param>
/// <param name="Engines">The local engines' probe.</param>
/// <param name="Environment">For the caches' location.</param>
/// <param name="Cache">The content-addressed cache.</param>
/// <param name="Progress">Told of every change of state, from any thread; null for none.</param>
public sealed record SoundtrackJobContext(ChainDecision VoiceChain, ChainDecision MusicChain, ChainDecision EffectsChain, ProviderSet Providers,
    LocalEngines Engines, EnvironmentVariables Environment, SoundtrackCache Cache, Action<PieceUpdate>? Progress);

/// <summary>How to run a job.</summary>
/// <param name="OutputDirectory">Where the files go.</param>
/// <param name="Parts">Which parts to make: tts, bgm, sfx.</param>
/// <param name="Concurrency">How many lines are spoken at once.</param>
/// <param name="Mix">The mix settings.</param>
public sealed record SoundtrackOptions(string OutputDirectory, IReadOnlySet<string> Parts, int Concurrency, MixSettings Mix);
