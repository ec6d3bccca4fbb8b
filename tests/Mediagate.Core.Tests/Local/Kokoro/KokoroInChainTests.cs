using System.Security.Cryptography;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Credentials;
using Mediagate.Models;
using Mediagate.Tests.Support;
using Xunit;

namespace Mediagate.Core.Tests.Local.Kokoro;

/// <summary>Kokoro in the voice chain, between the cloud and eSpeak NG: absent, installed and verified, and corrupted after it was verified.</summary>
public sealed class KokoroInChainTests : IDisposable
{
    private readonly TempHome _home = new();
    private readonly KokoroFixtures.TempDir _downloads = new();
    private readonly ModelManifest _pins;

    public KokoroInChainTests()
    {
        _home.Variables["MEDIAGATE_MODELS_DIR"] = Path.Combine(_home.Root, "models");
        // The tiny fixture model and a generated voices file stand in for the real files, pinned as a manifest pins them.
        File.Copy(KokoroFixtures.ModelWithDurations, _downloads.File(ModelManifest.KokoroInt8.FileName));
        KokoroFixtures.WriteNpz(_downloads.File(ModelManifest.KokoroVoices.FileName), new Dictionary<string, float[]> { ["af_heart"] = KokoroFixtures.RowMarkedVoice() });
        _pins = new ModelManifest([new Model(ModelManifest.DefaultModel, "Kokoro stand-in",
            [Pin(ModelManifest.KokoroInt8.FileName), Pin(ModelManifest.KokoroVoices.FileName)])]);
    }

    public void Dispose()
    {
        _home.Dispose();
        _downloads.Dispose();
    }

    private ModelFile Pin(string name)
    {
        var bytes = File.ReadAllBytes(_downloads.File(name));
        return new ModelFile(name, new Uri("http://127.0.0.1:9/" + name), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), "Apache-2.0");
    }

    private CapabilityChains Chains() =>
        new(new ProviderSet(_home.Environment, () => throw new InvalidOperationException("no HTTP in this test"), TimeProvider.System,
            new CredentialResolution(null, [], "", null, null)), LocalEngines.System, _pins);

    private async Task InstallAsync()
    {
        var store = ModelStore.FromEnvironment(_home.Environment, _pins);
        foreach (var file in _pins.AllFiles)
        {
            await store.AddAsync(ModelManifest.DefaultModel, _downloads.File(file.FileName), CancellationToken.None);
        }
    }

    [Fact]
    public void WithoutTheModelKokoroIsSkippedWithTheCommandThatInstallsItAndESpeakServes()
    {
        var voice = Chains().Voice.Explain();

        Assert.Equal(["heygen", "elevenlabs", "kokoro", "local"], voice.Links.Select(l => l.Provider));
        Assert.Equal(new ProviderLink("kokoro", "local (Kokoro-82M)", LinkState.Skipped, "model not installed: run `mediagate models pull kokoro`"), voice.Links[2]);
        Assert.Equal("local", voice.Chosen);
    }

    [Fact]
    public async Task InstalledAndVerifiedKokoroSpeaksBeforeESpeakWithEveryWordTimed()
    {
        await InstallAsync();
        var chains = Chains();

        var outcome = await chains.Voice.RunAsync(ChainWording.Auto, (provider, _, token) => provider.SpeakAsync(new SpeechRequest("Hello, world."), token), CancellationToken.None);

        Assert.Equal("kokoro", outcome.Provider);
        Assert.Equal("no key needed; model kokoro-v1.0.int8.onnx", outcome.Decision.Links[2].Reason);
        Assert.Equal(LinkState.Standby, outcome.Decision.Links[3].State);
        Assert.Equal(["Hello,", "world."], outcome.Value.Result.Words.Select(w => w.Text));
        Assert.True(outcome.Value.Samples.Length > 0);
    }

    [Fact]
    public async Task AModelChangedAfterItWasVerifiedIsNeverUsedUntilItIsVerifiedAgain()
    {
        await InstallAsync();
        var model = Path.Combine(_home.Root, "models", ModelManifest.KokoroInt8.FileName);
        var bytes = File.ReadAllBytes(model);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddMinutes(1));

        var voice = Chains().Voice.Explain();

        Assert.Equal(LinkState.Skipped, voice.Links[2].State);
        Assert.Contains("mediagate models verify kokoro", voice.Links[2].Reason);
        Assert.Equal("local", voice.Chosen);
    }
}
