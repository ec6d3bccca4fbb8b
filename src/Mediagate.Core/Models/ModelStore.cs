using System.Globalization;
using System.Security.Cryptography;
using Mediagate.Platform;

namespace Mediagate.Models;

/// <summary>The installed model files in one directory: their state, their verified paths, import, verify and remove.</summary>
/// <remarks>
/// Verification is remembered in a sidecar <c>FILE.verified</c> (hash, size, mtime), so that <see cref="Check"/> and
/// <see cref="VerifiedPath"/> are cheap enough for a provider's availability probe; a file whose size or mtime has changed
/// since is unverified again until <c>mediagate models verify</c> re-hashes it.
/// </remarks>
public sealed class ModelStore(ModelsDirectory directory, ModelManifest manifest)
{
    private const string SidecarSuffix = ".verified";
    internal const string PartSuffix = ".part";

    /// <summary>The store the environment names, over the built-in manifest unless one is given.</summary>
    public static ModelStore FromEnvironment(EnvironmentVariables environment, ModelManifest? manifest = null) =>
        new(ModelsDirectory.From(environment), manifest ?? ModelManifest.BuiltIn);

    /// <summary>The directory and what chose it.</summary>
    public ModelsDirectory Directory { get; } = directory;

    /// <summary>The pins.</summary>
    public ModelManifest Manifest { get; } = manifest;

    /// <summary>Where <paramref name="file"/> is installed.</summary>
    public string PathOf(ModelFile file) => Path.Combine(Directory.Path, file.FileName);

    internal string PartPathOf(ModelFile file) => PathOf(file) + PartSuffix;

    private static string SidecarOf(string path) => path + SidecarSuffix;

    /// <summary>The model called <paramref name="name"/>.</summary>
    /// <exception cref="ModelException">No such model; the message lists the known ones.</exception>
    public Model Require(string name) => Manifest.Find(name) ?? throw new ModelException(
        $"there is no model \"{name}\"; known models: {string.Join(", ", Manifest.Models.Select(m => m.Name))}",
        "see them with: mediagate models list");

    /// <summary>Whether the model can be used, without hashing anything.</summary>
    /// <exception cref="ModelException">No such model.</exception>
    public ModelState Check(string modelName)
    {
        var model = Require(modelName);
        var files = model.Files.Select(State).ToList();
        return new ModelState(model, files, ModelState.Explain(model, files));
    }

    /// <summary>The path of a pinned file when it is installed and verified, else null; never hashes.</summary>
    public string? VerifiedPath(string fileName) =>
        Manifest.FindFile(fileName) is { } file && State(file) is { IsUsable: true } state ? state.Path : null;

    /// <summary>Where one file stands, from its size, mtime and sidecar.</summary>
    public ModelFileState State(ModelFile file)
    {
        var path = PathOf(file);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            var part = new FileInfo(PartPathOf(file));
            return part.Exists
                ? new ModelFileState(file, path, ModelFileStatus.Partial, part.Length)
                : new ModelFileState(file, path, ModelFileStatus.Missing, 0);
        }
        if (info.Length != file.Size)
        {
            return new ModelFileState(file, path, ModelFileStatus.WrongSize, info.Length);
        }
        var status = ReadSidecar(info) switch
        {
            null => ModelFileStatus.Unverified,
            var hash when string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase) => ModelFileStatus.Verified,
            _ => ModelFileStatus.Corrupt,
        };
        return new ModelFileState(file, path, status, info.Length);
    }

    /// <summary>Re-hashes an installed file and records the result; the state says whether it matched.</summary>
    public async Task<ModelFileState> VerifyAsync(ModelFile file, CancellationToken cancellationToken)
    {
        var path = PathOf(file);
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != file.Size)
        {
            return State(file);
        }
        var hash = await HashAsync(path, cancellationToken);
        WriteSidecar(path, hash);
        return State(file);
    }

    /// <summary>Copies a file fetched by hand into place after checking it against its pin; a file that fails is not kept.</summary>
    /// <param name="modelOrFileName">A model name (the file is matched to one of its files by name, then by size) or a pinned file name.</param>
    /// <param name="source">The file to import.</param>
    /// <exception cref="ModelException">Unknown model, no file of that size, a wrong hash, or a full disk.</exception>
    public async Task<ModelFileState> AddAsync(string modelOrFileName, string source, CancellationToken cancellationToken)
    {
        var input = new FileInfo(source);
        if (!input.Exists)
        {
            throw new ModelException($"{source} does not exist", "give the path of the file you downloaded");
        }
        var candidates = Manifest.FindFile(modelOrFileName) is { } named ? [named] : Require(modelOrFileName).Files;
        var file = candidates.FirstOrDefault(f => f.FileName == input.Name && f.Size == input.Length)
            ?? candidates.FirstOrDefault(f => f.Size == input.Length)
            ?? throw new ModelException(
                $"{source} is {input.Length:N0} bytes, which is none of {modelOrFileName}'s files: {string.Join(", ", candidates.Select(f => $"{f.FileName} ({f.Size:N0} bytes)"))}",
                $"download the file again from its URL (mediagate models list --json shows them); a size that is close means the copy was cut short");
        System.IO.Directory.CreateDirectory(Directory.Path);
        var target = PathOf(file);
        string hash;
        try
        {
            using var atomic = AtomicFile.Create(target);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var reader = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await atomic.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (!string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw WrongHash(file, source, hash);
            }
            atomic.Commit();
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            throw DiskFull.Explain(Directory.Path, file.Size, ex);
        }
        WriteSidecar(target, hash);
        return State(file);
    }

    /// <summary>Deletes a model's files (and parts and sidecars), keeping any file another installed model still uses.</summary>
    /// <returns>The files deleted, and the ones kept with the model that keeps each.</returns>
    public (IReadOnlyList<string> Removed, IReadOnlyList<(string File, string KeptFor)> Kept) Remove(string modelName)
    {
        var model = Require(modelName);
        var removed = new List<string>();
        var kept = new List<(string, string)>();
        foreach (var file in model.Files)
        {
            var user = Manifest.Models.FirstOrDefault(other => other != model && other.Files.Contains(file)
                && other.Files.Any(f => f != file && State(f).Status != ModelFileStatus.Missing));
            if (user is not null)
            {
                if (File.Exists(PathOf(file)))
                {
                    kept.Add((file.FileName, user.Name));
                }
                continue;
            }
            foreach (var path in new[] { PathOf(file), PartPathOf(file), SidecarOf(PathOf(file)) })
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    if (path == PathOf(file) || path == PartPathOf(file))
                    {
                        removed.Add(path);
                    }
                }
            }
        }
        return (removed, kept);
    }

    internal static ModelException WrongHash(ModelFile file, string source, string actual) =>
        new($"{file.FileName} from {source} has SHA-256 {actual}, not the pinned {file.Sha256}; it was not installed",
            "download it again; if a mirror (MEDIAGATE_MODELS_URL) serves it, ask its owner to replace the file with the upstream release's");

    internal static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Records that <paramref name="path"/>, as it is now, hashes to <paramref name="sha256"/>.</summary>
    internal static void WriteSidecar(string path, string sha256)
    {
        var info = new FileInfo(path);
        AtomicFile.WriteAllText(SidecarOf(path), string.Create(CultureInfo.InvariantCulture, $"{sha256} {info.Length} {info.LastWriteTimeUtc.Ticks}\n"));
    }

    private static string? ReadSidecar(FileInfo info)
    {
        try
        {
            var parts = File.ReadAllText(SidecarOf(info.FullName)).Split(' ', StringSplitOptions.TrimEntries);
            return parts.Length == 3
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var size) && size == info.Length
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks) && ticks == info.LastWriteTimeUtc.Ticks
                ? parts[0]
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
