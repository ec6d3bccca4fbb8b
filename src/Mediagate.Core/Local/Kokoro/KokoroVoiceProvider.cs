using Mediagate.Alignment;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Voice;

namespace Mediagate.Local.Kokoro;

/// <summary>The local neural voice: Kokoro-82M in-process through ONNX Runtime on the CPU, with eSpeak NG's phonemes. Needs no key and no network once its files are installed.</summary>
/// <remarks>
/// The model is loaded on first use and kept; one synthesis runs at a time (eSpeak is serial, and one model call already uses
/// every core ONNX Runtime gives it).
/// </remarks>
public sealed class KokoroVoiceProvider : IVoiceProvider, IDisposable
{
    /// <summary>Why the provider cannot serve without its files, and the fix.</summary>
    public const string NotInstalled = "model not installed: run `mediagate models pull kokoro`";

    /// <summary>The voice used when the request names none (the peer's default).</summary>
    public const string DefaultVoice = "af_heart";

    private readonly Func<KokoroFiles?> _locate;
    private readonly Func<string, string, string>? _espeak;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Path, KokoroModel Model)? _model;
    private (string Path, KokoroVoiceFile File)? _voices;
    private readonly Dictionary<string, KokoroVoiceTable> _tables = new(StringComparer.Ordinal);

    /// <summary>Creates the provider over a function that finds the installed files (null when they are not installed); it is asked again on every use.</summary>
    /// <param name="locate">Finds the model and voices, e.g. from the model store.</param>
    /// <param name="espeak">Replaces in-process eSpeak's phonemiser (text, language → IPA); for tests.</param>
    public KokoroVoiceProvider(Func<KokoroFiles?> locate, Func<string, string, string>? espeak = null)
    {
        _locate = locate;
        _espeak = espeak;
    }

    /// <summary>Creates the provider over fixed paths.</summary>
    public KokoroVoiceProvider(KokoroFiles files)
        : this(() => files)
    {
    }

    /// <inheritdoc />
    public string Id => "kokoro";

    /// <inheritdoc />
    public string Label => "local (Kokoro-82M)";

    /// <summary>Why the files are not there, when they are not (the model store's own words); <see cref="NotInstalled"/> by default.</summary>
    public Func<string>? WhyNotInstalled { get; init; }

    /// <inheritdoc />
    public Availability Availability => _locate() is { Exist: true } files
        ? Availability.Ready(ChainWording.NoKeyNeededWith($"model {Path.GetFileName(files.Model)}"))
        : Availability.Unavailable(WhyNotInstalled?.Invoke() ?? NotInstalled);

    /// <inheritdoc />
    public async Task<SpeechClip> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        if (request.Problem() is { } problem)
        {
            throw new UsageException(problem, "see mediagate tts --help");
        }
        var files = _locate() is { Exist: true } found ? found : throw new ProviderUnavailableException($"Kokoro: {NotInstalled}");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Speak(request, files, cancellationToken, progress), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        IEnumerable<string> ids = _locate() is { Exist: true } files ? VoiceFile(files).Names : VoiceCatalog.KokoroVoices.Order(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<VoiceInfo>>(ids
            .Select(id => new VoiceInfo(id, id, KokoroLanguages.For(id, null), KokoroLanguages.Gender(id), "Kokoro-82M"))
            .ToList());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model?.Model.Dispose();
        _gate.Dispose();
    }

    private SpeechClip Speak(SpeechRequest request, KokoroFiles files, CancellationToken cancellationToken, IProgress<double>? progress)
    {
        var voiceId = request.Voice ?? DefaultVoice;
        var voice = Voice(files, voiceId);
        var language = KokoroLanguages.For(voiceId, request.Language);
        var synthesizer = new KokoroSynthesizer(Model(files), new KokoroPhonemizer(_espeak), new ForcedAligner());
        var (audio, words) = synthesizer.Speak(request.Text, voice, language, request.Speed, cancellationToken, progress);
        var samples = request.SampleRate == KokoroModel.SampleRate ? audio : Resampler.Convert(audio, KokoroModel.SampleRate, request.SampleRate);
        var duration = (double)samples.Length / request.SampleRate;
        var clamped = words.Select(w => w with { Start = Math.Min(w.Start, duration), End = Math.Min(w.End, duration) }).ToList();
        return new SpeechClip(samples, new SpeechResult(Id, voiceId, language, request.Speed, request.SampleRate, duration, clamped));
    }

    private KokoroModel Model(KokoroFiles files)
    {
        if (_model is not { } cached || cached.Path != files.Model)
        {
            _model?.Model.Dispose();
            _model = null;
            try
            {
                _model = (files.Model, new KokoroModel(files.Model));
            }
            catch (Exception ex) when (ex is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or IOException)
            {
                throw new VoiceEngineException($"Kokoro: the model {files.Model} cannot be loaded ({ex.Message}); check it with `mediagate models verify`, or pull it again with `mediagate models pull kokoro`", ex);
            }
        }
        return _model.Value.Model;
    }

    private KokoroVoiceFile VoiceFile(KokoroFiles files)
    {
        lock (_tables)
        {
            if (_voices is not { } cached || cached.Path != files.Voices)
            {
                try
                {
                    _voices = (files.Voices, KokoroVoiceFile.Open(files.Voices));
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException)
                {
                    throw new VoiceEngineException($"Kokoro: the voices {files.Voices} cannot be read ({ex.Message}); pull them again with `mediagate models pull kokoro`", ex);
                }
                _tables.Clear();
            }
            return _voices.Value.File;
        }
    }

    private KokoroVoiceTable Voice(KokoroFiles files, string id)
    {
        var file = VoiceFile(files);
        lock (_tables)
        {
            if (_tables.TryGetValue(id, out var table))
            {
                return table;
            }
            if (!file.Names.Contains(id, StringComparer.Ordinal))
            {
                var near = file.Names.Where(n => n[..Math.Min(2, n.Length)] == id[..Math.Min(2, id.Length)]).Take(5).ToList();
                throw new UnknownVoiceException($"unknown Kokoro voice \"{id}\"; {(near.Count > 0 ? "try " + string.Join(", ", near) : "the installed voices file has " + file.Names.Count + " voices")} (list them with: mediagate voices --provider kokoro)");
            }
            return _tables[id] = file.Load(id);
        }
    }
}
