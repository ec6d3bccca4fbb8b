using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Signs and checks media URLs: <c>sig</c> = base64url(HMAC-SHA256(key, "{id}.{expires}")), with a 32-byte key kept in the data
/// directory (<c>media-signing.key</c>, 0600), made once and shared by every process on that directory.
/// </summary>
internal sealed class MediaSigner
{
    /// <summary>The key file's name in the data directory.</summary>
    public const string KeyFile = "media-signing.key";

    private readonly byte[] _key;

    public MediaSigner(GatewayOptions options) => _key = LoadOrCreate(Path.Combine(options.DataDirectory, KeyFile));

    /// <summary>The signature of <paramref name="id"/> valid until <paramref name="expires"/> (Unix seconds).</summary>
    public string Sign(string id, long expires)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id + "." + expires.ToString(CultureInfo.InvariantCulture)), mac);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>True when <paramref name="sig"/> is the signature of <paramref name="id"/> and <paramref name="expires"/>, compared in constant time.</summary>
    public bool Verify(string id, long expires, string sig)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(id, expires));
        var given = Encoding.ASCII.GetBytes(sig);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Reads the key, or writes a new one to a 0600 temporary file and renames it into place; a process that loses the race reads the winner's.</summary>
    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temp, options))
        {
            file.Write(RandomNumberGenerator.GetBytes(32));
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
        return Read(path);
    }

    private static byte[] Read(string path)
    {
        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new GatewayConfigurationException(
            $"{path} is not a 32-byte media signing key; delete it and restart the gateway (media URLs already handed out stop working)");
    }
}
