using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Mediagate.Cli.Output;
using Mediagate.Credentials;
using Mediagate.Local.Sfx;

namespace Mediagate.Cli;

/// <summary><c>mediagate doctor [--json]</c>: checks the runtime, credentials (presence only), local engines, disk and directories.</summary>
internal static class DoctorCommand
{
    private const long MinimumFreeBytes = 500L * 1024 * 1024;

    private sealed record Check(string Name, bool Ok, bool Required, string Detail, string? Hint = null)
    {
        /// <summary>For the HeyGen credential: every source the resolver looked at, used or skipped, with why.</summary>
        public IReadOnlyList<SourceCheck>? Sources { get; init; }
    }

    public static Command Create(CliHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print {ok, checks:[{name, ok, required, detail, hint}]}." };
        var command = new Command("doctor", "Check that Mediagate can run here: runtime, credentials, local engines, disk and directories.") { json };
        command.SetAction(parse =>
        {
            var checks = Run(host);
            var ok = checks.All(c => c.Ok || !c.Required);
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject
                {
                    ["ok"] = ok,
                    ["checks"] = new JsonArray(checks.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.Name, ["ok"] = c.Ok, ["required"] = c.Required, ["detail"] = c.Detail, ["hint"] = c.Hint,
                        ["sources"] = c.Sources is null ? null : Json.Sources(c.Sources),
                    }).ToArray()),
                });
            }
            else
            {
                foreach (var c in checks)
                {
                    var mark = c.Ok ? "✓" : c.Required ? "✗" : "!";
                    host.Out.WriteLine($"  {mark} {c.Name,-22} {c.Detail}");
                    if (!c.Ok && c.Hint is not null)
                    {
                        host.Out.WriteLine($"      fix: {c.Hint}");
                    }
                    foreach (var source in c.Sources ?? [])
                    {
                        host.Out.WriteLine($"      {(source.Used ? "✓" : "·")} {source.Name}: {source.Reason}");
                    }
                }
                host.Out.WriteLine(ok ? "◇  All required checks passed" : "◇  Some required checks failed — see the fixes above (docs/troubleshooting.md)");
            }
            return ok ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static List<Check> Run(CliHost host)
    {
        var env = host.Environment;
        var engines = host.Engines;
        var checks = new List<Check> { new(".NET runtime", true, true, RuntimeInformation.FrameworkDescription) };

        var store = CredentialFileStore.ForEnvironment(env);
        if (!Directory.Exists(store.DirectoryPath))
        {
            checks.Add(new("config directory", true, false, $"{store.DirectoryPath} (not created yet; sign-in creates it at 0700)"));
        }
        else
        {
            var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(store.DirectoryPath);
            var open = (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;
            checks.Add(new("config directory", !open, false, $"{store.DirectoryPath} (mode 0{Convert.ToString((int)mode, 8)})", open ? $"chmod 700 '{store.DirectoryPath}'" : null));
        }

        try
        {
            var resolution = new HeyGenCredentialResolver(env, store, host.Time).Resolve();
            if (resolution.Base is { } heygenBase)
            {
                checks.Add(new("HeyGen base URL", true, false, $"{heygenBase.Display} ({heygenBase.Reason})"));
            }
            var found = resolution.Credential is { } credential
                ? new Check("HeyGen credential", true, false, $"{credential.Type.ToWire()} from {credential.SourceLabel}")
                : new Check("HeyGen credential", false, false, "none (local engines are used)", "mediagate auth login, or set HEYGEN_API_KEY");
            checks.Add(found with { Sources = resolution.Checks });
            if (resolution.PermissionWarning is { } warning)
            {
                checks.Add(new("credentials file mode", false, false, warning, $"chmod 600 '{store.FilePath}'"));
            }
        }
        catch (CredentialException ex)
        {
            checks.Add(new("HeyGen credential", false, false, ex.Message, ex.Fix));
        }
        foreach (var (name, variables) in new[] { ("ElevenLabs key", new[] { "ELEVENLABS_API_KEY" }), ("Gemini key", ["GEMINI_API_KEY", "GOOGLE_API_KEY"]), ("OpenRouter key", ["OPENROUTER_API_KEY"]) })
        {
            var found = env.FirstSet(variables);
            checks.Add(new(name, found is not null, false, found is { } f ? $"set in {f.Name}" : "not set", found is null ? $"set {string.Join(" or ", variables)} to use it" : null));
        }

        Library(checks, engines, "eSpeak NG (voice)", "libespeak-ng.so.1", true, "apt-get install libespeak-ng1 espeak-ng-data", engines.ESpeakData ? null : "its data (espeak-ng-data) is missing");
        Library(checks, engines, "libsoxr (resampling)", "libsoxr.so.0", true, "apt-get install libsoxr0");
        Library(checks, engines, "FluidSynth (music)", "libfluidsynth.so.3", true, "apt-get install libfluidsynth3");
        checks.Add(engines.SoundFont is { } font
            ? new("SoundFont (music)", true, true, font)
            : new("SoundFont (music)", false, true, "no General MIDI SoundFont in /usr/share/sounds/sf2", "apt-get install timgm6mb-soundfont (or fluid-soundfont-gm)"));
        var (kokoro, whyNot) = Mediagate.Local.Kokoro.KokoroInstall.Find(Mediagate.Models.ModelStore.FromEnvironment(env, host.Models));
        checks.Add(kokoro is not null
            ? new("Kokoro-82M (voice)", true, false, $"{kokoro.Model} and {Path.GetFileName(kokoro.Voices)}, verified")
            : new("Kokoro-82M (voice)", false, false, whyNot, "mediagate models pull kokoro (or mediagate models add kokoro FILE… without internet)"));
        string? noModel = $"{Mediagate.Alignment.AcousticModel.LibraryFile} not found";
        var acoustic = engines.FindLibrary(Mediagate.Alignment.AcousticModel.LibraryFile) is null ? null
            : Mediagate.Alignment.AcousticModel.Find(env.Get(Mediagate.Alignment.AcousticModel.EnvironmentVariable), out noModel);
        checks.Add(acoustic is not null
            ? new("acoustic model (align)", true, false, $"{acoustic.HmmDirectory} and {Path.GetFileName(acoustic.DictionaryPath)}")
            : new("acoustic model (align)", false, false, $"{noModel}; align falls back to eSpeak + DTW", Mediagate.Alignment.AcousticModel.AptFix));
        Library(checks, engines, "LAME (MP3 encoding)", "libmp3lame.so.0", false, "apt-get install libmp3lame0");
        Library(checks, engines, "mpg123 (MP3 decoding)", "libmpg123.so.0", false, "apt-get install libmpg123-0");

        var cache = SfxLibrary.CacheDirectoryFor(env);
        checks.Add(Writable("cache directory", Path.GetDirectoryName(cache)!));
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(env.HomeDirectory));
            var free = drive.AvailableFreeSpace;
            checks.Add(new("disk space", free >= MinimumFreeBytes, true, $"{free / (1024 * 1024 * 1024.0):0.0} GiB free where HOME is ({env.HomeDirectory})",
                free >= MinimumFreeBytes ? null : "free at least 500 MB: narration and music write large WAV files"));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            checks.Add(new("disk space", false, false, $"could not be read: {ex.Message}"));
        }
        return checks;
    }

    private static void Library(List<Check> checks, Mediagate.Capabilities.LocalEngines engines, string name, string file, bool required, string hint, string? extraProblem = null)
    {
        var path = engines.FindLibrary(file);
        var ok = path is not null && extraProblem is null;
        checks.Add(new(name, ok, required, path is null ? $"{file} not found" : extraProblem ?? path, ok ? null : hint));
    }

    private static Check Writable(string name, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".doctor-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return new(name, true, true, $"{directory} (writable)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(name, false, true, $"{directory} is not writable", $"fix its permissions, or set XDG_CACHE_HOME to a writable directory");
        }
    }
}
