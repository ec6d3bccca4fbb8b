using System.Text.Json.Nodes;

namespace Mediagate.Tests.Alignment;

/// <summary>The suite's subset of the flite benchmark (bench/align): recordings by voices eSpeak did not make, with flite's own word timings as truth.</summary>
internal static class AlignmentFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "align");

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.truth.json").Select(p => Path.GetFileName(p)[..^".truth.json".Length]).Order();

    public static string Audio(string name) =>
        File.Exists(Path.Combine(Directory, name + ".wav")) ? Path.Combine(Directory, name + ".wav") : Path.Combine(Directory, name + ".mp3");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name + ".txt"));

    /// <summary>The truth's words: text, start, end and the pause before each, in seconds.</summary>
    public static List<(string Text, double Start, double End, double PauseBefore)> Truth(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name + ".truth.json")))!["words"]!.AsArray()
            .Select(w => ((string)w!["text"]!, (double)w["start"]!, (double)w["end"]!, (double)w["pause_before"]!)).ToList();
}
