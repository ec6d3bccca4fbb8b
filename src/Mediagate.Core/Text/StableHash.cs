namespace Mediagate.Text;

/// <summary>A string hash that is the same in every process and on every machine (FNV-1a), unlike <see cref="string.GetHashCode()"/>.</summary>
public static class StableHash
{
    /// <summary>The non-negative FNV-1a hash of <paramref name="text"/>'s UTF-16 units.</summary>
    public static int Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash & 0x7FFFFFFF);
    }
}
