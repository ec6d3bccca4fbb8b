namespace Mediagate.Models;

/// <summary>A named model: the files that must all be installed and verified for it to be used.</summary>
public sealed record Model(string Name, string Description, IReadOnlyList<ModelFile> Files)
{
    /// <summary>The bytes of all its files.</summary>
    public long Size => Files.Sum(f => f.Size);

    /// <summary>The licences of its files, each once.</summary>
    public string Licences => string.Join(", ", Files.Select(f => f.Licence).Distinct());
}
