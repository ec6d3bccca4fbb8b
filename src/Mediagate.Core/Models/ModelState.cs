namespace Mediagate.Models;

/// <summary>Whether a model can be used: its files' paths when all are installed and verified, or why not and the fix.</summary>
/// <param name="Model">The model.</param>
/// <param name="Files">Each of its files.</param>
/// <param name="Reason">Null when ready; otherwise one line, e.g. "model not installed: run `mediagate models pull kokoro`".</param>
public sealed record ModelState(Model Model, IReadOnlyList<ModelFileState> Files, string? Reason)
{
    /// <summary>True when every file is installed and verified.</summary>
    public bool IsReady => Reason is null;

    /// <summary>True when any of its files (or a part of one) is on disk.</summary>
    public bool AnyInstalled => Files.Any(f => f.Status != ModelFileStatus.Missing);

    /// <summary>The verified path of <paramref name="fileName"/>, or null when the model is not ready.</summary>
    public string? PathOf(string fileName) =>
        IsReady ? Files.FirstOrDefault(f => f.File.FileName == fileName)?.Path : null;

    internal static string? Explain(Model model, IReadOnlyList<ModelFileState> files)
    {
        var pull = $"run `mediagate models pull {model.Name}`";
        if (files.All(f => f.Status == ModelFileStatus.Missing))
        {
            return $"model not installed: {pull}";
        }
        var problems = files.Where(f => !f.IsUsable).Select(f => f.Status switch
        {
            ModelFileStatus.Missing => $"{f.File.FileName} is missing",
            ModelFileStatus.Partial => $"{f.File.FileName} is partly downloaded ({f.BytesOnDisk:N0} of {f.File.Size:N0} bytes)",
            ModelFileStatus.WrongSize => $"{f.File.FileName} is {f.BytesOnDisk:N0} bytes, not {f.File.Size:N0}",
            ModelFileStatus.Corrupt => $"{f.File.FileName} does not match its SHA-256",
            _ => $"{f.File.FileName} is not verified",
        }).ToList();
        if (problems.Count == 0)
        {
            return null;
        }
        var fix = files.All(f => f.Status is ModelFileStatus.Verified or ModelFileStatus.Unverified)
            ? $"run `mediagate models verify {model.Name}`"
            : pull;
        return $"model {model.Name} is not usable ({string.Join("; ", problems)}): {fix}";
    }
}
