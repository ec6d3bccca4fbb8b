using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Http;

namespace Mediagate.Soundtrack;

/// <summary>A narration line as spoken, at offset 0, with its audio.</summary>
internal sealed record SpokenLine(LineOutcome Outcome, AudioPiece Audio);

/// <summary>Every line as spoken, and whether the voice stayed one voice.</summary>
internal sealed record NarrationResult(IReadOnlyList<SpokenLine> Lines, VoiceConsistency? Consistency);

/// <summary>
/// The narration stage: speaks the lines through the voice chain, several at once. A soundtrack speaks with one voice: when the
/// voice link falls over mid-run, the lines it already spoke are spoken again by the link that took over, unless the request
/// allows mixed voices. A line that names its own voice keeps whoever spoke it.
/// </summary>
internal sealed class Narration(SoundtrackJobContext context, SoundtrackLayout layout)
{
    private const int Rate = MixSettings.SampleRate;

    private ProviderChain<IVoiceProvider> Chain => context.Chains.Voice;

    public async Task<NarrationResult> SpeakAsync(SoundtrackRequest request, int concurrency, CancellationToken cancellationToken)
    {
        if (request.Lines.Count == 0)
        {
            return new NarrationResult([], null);
        }
        foreach (var line in request.Lines)
        {
            context.Progress?.Invoke(new PieceUpdate($"voice:{line.Id}", PieceState.Waiting));
        }
        var firstChoice = request.Provider == ChainWording.Auto ? Chain.Chosen : request.Provider;
        var spoken = new SpokenLine[request.Lines.Count];
        await SpeakEachAsync(request, Enumerable.Range(0, spoken.Length).ToList(), spoken, false, concurrency, cancellationToken).ConfigureAwait(false);
        if (request.Provider != ChainWording.Auto || request.AllowMixedVoices)
        {
            return new NarrationResult(spoken, Consistency(request, spoken, []));
        }

        var remade = new SortedSet<string>(StringComparer.Ordinal);
        // Each round either makes every shared-voice line the same provider's, or a link fell over and the target moves on: it ends.
        for (var round = 0; round <= Chain.Providers.Count; round++)
        {
            var shared = Enumerable.Range(0, spoken.Length).Where(i => request.Lines[i].Voice is null).ToList();
            var target = Chain.Chosen;
            var stale = shared.Where(i => spoken[i].Outcome.Provider != target).ToList();
            if (shared.Select(i => spoken[i].Outcome.Provider).Distinct().Count() <= 1 || stale.Count == 0)
            {
                break;
            }
            await SpeakEachAsync(request, stale, spoken, target != firstChoice, concurrency, cancellationToken).ConfigureAwait(false);
            remade.UnionWith(stale.Select(i => request.Lines[i].Id));
        }
        return new NarrationResult(spoken, Consistency(request, spoken, remade));
    }

    private VoiceConsistency Consistency(SoundtrackRequest request, SpokenLine[] spoken, IEnumerable<string> remade)
    {
        var providers = spoken.Select(s => s.Outcome.Provider).Distinct().ToList();
        return new VoiceConsistency(providers.Count == 1 ? providers[0] : null, providers.Count > 1, request.AllowMixedVoices, [.. remade],
            Chain.FellOver.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}").ToList());
    }

    private async Task SpeakEachAsync(SoundtrackRequest request, List<int> indices, SpokenLine[] spoken, bool dropRequestVoice, int concurrency, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = indices.Select(async i =>
        {
            await slots.WaitAsync(failed.Token).ConfigureAwait(false);
            try
            {
                spoken[i] = await SpeakLineAsync(request, request.Lines[i], dropRequestVoice, failed.Token).ConfigureAwait(false);
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
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Report the line that failed, not the ones it stopped (which may fail in any way once their requests are cancelled).
            var errors = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            var cause = errors.FirstOrDefault(e => e is CredentialRejectedException) ?? errors.OfType<ChainFailedException>().FirstOrDefault()
                ?? errors.FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is null)
            {
                throw;
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }
    }

    private async Task<SpokenLine> SpeakLineAsync(SoundtrackRequest request, SoundtrackLine line, bool dropRequestVoice, CancellationToken cancellationToken)
    {
        var piece = $"voice:{line.Id}";
        var speech = new SpeechRequest(line.Text, line.Voice ?? (dropRequestVoice ? null : request.Voice), request.Language, request.Speed, 50, Rate)
        {
            Style = line.Style ?? request.Style,
            Model = request.TtsModel,
        };
        var first = request.Provider == ChainWording.Auto ? Chain.Chosen : request.Provider;
        var path = layout.Voice(line.Id);
        string Key(string provider) => SoundtrackCache.Key("voice", provider, speech.Text, speech.Voice, speech.Language,
            speech.Speed.ToString("R", CultureInfo.InvariantCulture), Rate.ToString(CultureInfo.InvariantCulture), speech.Style, speech.Model);

        if (first is not null && context.Cache.Find(Key(first)) is { } hit && CachedWords(hit.Record) is { } cachedWords)
        {
            var samples = StereoAudio.ReadMono(hit.Audio, Rate);
            var provider = JsonFields.Text(hit.Record, "provider") ?? first;
            context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Cached, provider));
            return new SpokenLine(new LineOutcome(line.Id, path, 0, samples.Length / (double)Rate, cachedWords, provider,
                JsonFields.Text(hit.Record, "voice") ?? "", JsonFields.Text(hit.Record, "lang") ?? "", true, null), new AudioPiece(samples, 1, hit.Audio));
        }

        context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Working, first ?? ""));
        var outcome = await Chain.RunAsync(request.Provider, (provider, attempt, token) =>
        {
            context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Working, provider.Id));
            // A voice named for the first provider means nothing to a fallback, which uses its own default.
            return provider.SpeakAsync(attempt == 0 ? speech : speech with { Voice = null }, token);
        }, cancellationToken).ConfigureAwait(false);
        var (audio, result) = outcome.Value;
        // Stored as 16-bit, and mixed exactly as a re-run will read it back, so that a re-run makes the same mix.
        Pcm16.Quantize(audio);
        var key = Key(result.Provider);
        var stored = context.Cache.PutAudio(key, audio, Rate, 1);
        context.Cache.Finish(key, new JsonObject
        {
            ["provider"] = result.Provider,
            ["voice"] = result.Voice,
            ["lang"] = result.Language,
            ["words"] = JsonNode.Parse(SubtitleFormats.WordsJson(result.Words)),
        });
        var fellBack = outcome.Decision.Links.Any(l => l.State == LinkState.Failed) ? $"{result.Provider}, after a fallback" : result.Provider;
        context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Done, fellBack));
        return new SpokenLine(new LineOutcome(line.Id, path, 0, audio.Length / (double)Rate, result.Words,
            result.Provider, result.Voice, result.Language, false, outcome.Decision), new AudioPiece(audio, 1, stored));
    }

    /// <summary>The word timings stored with a cached voice line, or null when the record has none.</summary>
    private static List<Word>? CachedWords(JsonObject record) => record["words"] is JsonArray words
        ? words.OfType<JsonObject>().Select(w => new Word(JsonFields.Text(w, "id") ?? "", JsonFields.Text(w, "text") ?? "",
            JsonFields.Double(w, "start") ?? 0, JsonFields.Double(w, "end") ?? 0)).ToList()
        : null;
}
