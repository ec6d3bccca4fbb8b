namespace Mediagate.Capabilities;

/// <summary>Finds the Debian libraries and data that the local engines need, without loading them.</summary>
public sealed class LocalEngines
{
    private static readonly string[] LibraryDirectories =
        ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];

    private static readonly string[] SoundFontDirectories = ["/usr/share/sounds/sf2", "/usr/share/soundfonts"];

    private readonly Func<string, bool> _fileExists;
    private readonly Func<string, bool> _directoryExists;
    private readonly Func<string, IEnumerable<string>> _listFiles;

    /// <summary>Probes the real file system.</summary>
    public static LocalEngines System { get; } = new(File.Exists, Directory.Exists,
        dir => Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.sf2") : []);

    /// <summary>Creates a probe over the given file-system checks.</summary>
    public LocalEngines(Func<string, bool> fileExists, Func<string, bool> directoryExists, Func<string, IEnumerable<string>> listSoundFonts)
    {
        _fileExists = fileExists;
        _directoryExists = directoryExists;
        _listFiles = listSoundFonts;
    }

    /// <summary>The path of <c>libespeak-ng.so.1</c>, or null.</summary>
    public string? ESpeakLibrary => FindLibrary("libespeak-ng.so.1");

    /// <summary>True when eSpeak NG's data directory is installed.</summary>
    public bool ESpeakData => LibraryDirectories.Any(dir => _directoryExists(Path.Combine(dir, "espeak-ng-data")))
        || _directoryExists("/usr/share/espeak-ng-data");

    /// <summary>The path of <c>libfluidsynth.so.3</c>, or null.</summary>
    public string? FluidSynthLibrary => FindLibrary("libfluidsynth.so.3");

    /// <summary>The best installed General MIDI SoundFont: FluidR3 when present, else TimGM6mb, else any .sf2.</summary>
    public string? SoundFont
    {
        get
        {
            var fonts = SoundFontDirectories.SelectMany(_listFiles).ToList();
            return fonts.FirstOrDefault(f => Path.GetFileName(f).StartsWith("FluidR3", StringComparison.OrdinalIgnoreCase))
                ?? fonts.FirstOrDefault(f => Path.GetFileName(f).StartsWith("TimGM6mb", StringComparison.OrdinalIgnoreCase))
                ?? fonts.FirstOrDefault();
        }
    }

    /// <summary>The path of a shared library in the system's library directories, or null.</summary>
    public string? FindLibrary(string name) =>
        LibraryDirectories.Select(dir => Path.Combine(dir, name)).FirstOrDefault(_fileExists);
}
