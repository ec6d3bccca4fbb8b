using System.Xml.Linq;
using Mediagate.Platform;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Mediagate.Server.Security;

/// <summary>
/// The Data Protection key ring as files in <c>DATA/keys</c>: the directory at 0700 and each key at 0600, written to a temp
/// name and renamed, so another gateway process or <c>mediagate tokens</c> never reads half a key.
/// </summary>
internal sealed class PrivateKeyRepository(string directory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return [.. Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal).Select(path => XElement.Load(path))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var name = string.Concat(friendlyName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));
        using var file = AtomicFile.Create(Path.Combine(directory, name + ".xml"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        element.Save(file.Stream);
        file.Commit();
    }
}
