namespace Mediagate.Models;

/// <summary>A model operation that failed, with the fix a person can act on.</summary>
public sealed class ModelException(string message, string fix, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What to do about it.</summary>
    public string Fix { get; } = fix;
}
