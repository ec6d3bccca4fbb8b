using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task MissingRequiredEnginesExitOneAndEachSaysWhichPackageFixesIt()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, "doctor", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.False((bool)json["ok"]!);
        var espeak = json["checks"]!.AsArray().Single(c => (string?)c!["name"] == "eSpeak NG (voice)")!;
        Assert.False((bool)espeak["ok"]!);
        Assert.True((bool)espeak["required"]!);
        Assert.Equal("apt-get install libespeak-ng1 espeak-ng-data", (string?)espeak["hint"]);
    }

    [Fact]
    public async Task WithTheEnginesInstalledItPassesAndAbsentKeysAreNotFailures()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { Engines = Mediagate.Capabilities.LocalEngines.System }, "doctor");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  ! ElevenLabs key         not set\n      fix: set ELEVENLABS_API_KEY to use it\n", run.Out);
        Assert.Contains("  ✓ eSpeak NG (voice)      /", run.Out);
        Assert.EndsWith("◇  All required checks passed\n", run.Out);
    }

    [Fact]
    public async Task TheAcousticModelIsShownAndWhenMissingIsNotAFailureButGetsTheAptFix()
    {
        using var home = new TempHome();
        var found = await CliRunner.RunAsync(home.Environment, new CliOptions { Engines = Mediagate.Capabilities.LocalEngines.System }, "doctor");
        home.Variables["MEDIAGATE_ACOUSTIC_MODEL"] = Path.Combine(home.Root, "no-model");

        var missing = await CliRunner.RunAsync(home.Environment, new CliOptions { Engines = Mediagate.Capabilities.LocalEngines.System }, "doctor");

        Assert.Contains("  ✓ acoustic model (align) /usr/share/pocketsphinx/model/en-us/en-us and cmudict-en-us.dict\n", found.Out);
        Assert.Equal(0, missing.ExitCode);
        Assert.Contains($"  ! acoustic model (align) the pocketsphinx acoustic model is missing (no {home.Root}/no-model/en-us/mdef); align falls back to eSpeak + DTW\n"
            + "      fix: apt-get install libpocketsphinx3 pocketsphinx-en-us\n", missing.Out);
    }

    [Fact]
    public async Task CredentialsAreReportedByWhereTheyComeFromNeverByValue()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_KEY"] = "sk_V2_secret_value_123";
        home.Variables["GOOGLE_API_KEY"] = "google-secret-value";

        var run = await CliRunner.RunAsync(home.Environment, "doctor");

        Assert.Contains("  ✓ HeyGen credential      api_key from env (HEYGEN_API_KEY)", run.Out);
        Assert.Contains("  ✓ Gemini key             set in GOOGLE_API_KEY", run.Out);
        Assert.DoesNotContain("secret_value", run.Out + run.Error);
        Assert.DoesNotContain("google-secret", run.Out + run.Error);
    }

    [Fact]
    public async Task AnOpenConfigDirectoryAndABrokenFileAreFlaggedWithFixes()
    {
        using var home = new TempHome();
        home.WriteCredentials("{ broken");
        File.SetUnixFileMode(home.ConfigDirectory, (UnixFileMode)0b111_101_101);

        var run = await CliRunner.RunAsync(home.Environment, "doctor", "--json");

        var checks = JsonNode.Parse(run.Out)!["checks"]!.AsArray();
        var directory = checks.Single(c => (string?)c!["name"] == "config directory")!;
        Assert.False((bool)directory["ok"]!);
        Assert.StartsWith("chmod 700", (string?)directory["hint"]);
        var credential = checks.Single(c => (string?)c!["name"] == "HeyGen credential")!;
        Assert.Contains("not valid JSON", (string?)credential["detail"]);
    }

    [Fact]
    public async Task EveryHeyGenSourceIsListedUsedOrSkippedWithItsReasonAndTheKeyMasked()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_BASE"] = "http://gw:5100";
        home.Variables["HEYGEN_ALLOW_HTTP"] = "1";
        home.Variables["HEYGEN_API_KEY"] = "sk_V2_secret_value_123";

        var run = await CliRunner.RunAsync(home.Environment, "doctor");
        var json = JsonNode.Parse((await CliRunner.RunAsync(home.Environment, "doctor", "--json")).Out)!;

        Assert.Contains("""
              ✓ HeyGen base URL        http://gw:5100 (from HEYGEN_API_BASE)
              ✓ HeyGen credential      api_key from host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY)
                  ✓ HEYGEN_API_BASE: http://gw:5100 (host gateway; key from HEYGEN_API_KEY)
                  · .env: not searched (no project directory)
                  · HEYGEN_ACCESS_TOKEN: not set
                  · HEYGEN_API_KEY: set (sk_V2_******); it is the host gateway's key (HEYGEN_API_BASE above)
                  · HYPERFRAMES_API_KEY: not set
                  · ~/.heygen/credentials: no file
            """, run.Out);
        var credential = json["checks"]!.AsArray().Single(c => (string?)c!["name"] == "HeyGen credential")!;
        Assert.Equal(6, credential["sources"]!.AsArray().Count);
        Assert.Equal("HEYGEN_API_BASE", (string?)credential["sources"]![0]!["name"]);
        Assert.True((bool)credential["sources"]![0]!["used"]!);
        Assert.DoesNotContain("secret_value", run.Out + run.Error + json.ToJsonString());
    }

    [Fact]
    public async Task AnHttpGatewayWithoutHeyGenAllowHttpIsFlaggedWithTheVariableToSet()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_BASE"] = "http://gw:5100";

        var run = await CliRunner.RunAsync(home.Environment, "doctor");

        Assert.Contains("  ! HeyGen credential      HEYGEN_API_BASE: http://gw:5100 uses HTTP, which sends the key in plaintext\n      fix: set HEYGEN_ALLOW_HTTP=1 to allow it", run.Out);
    }
}
