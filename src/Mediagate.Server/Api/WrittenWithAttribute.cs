namespace Mediagate.Server.Api;

/// <summary>Writes the property, null or not, exactly when the sibling property is not null (a scheduler entry's replyRef goes with its replyUrl).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class WrittenWithAttribute(string sibling) : Attribute
{
    public string Sibling { get; } = sibling;
}
