namespace Mediagate.Captions;

/// <summary>A word of the original text and when it is spoken, in seconds; the peer's transcript shape <c>{id:"w0", text, start, end}</c>.</summary>
public sealed record Word(string Id, string Text, double Start, double End);
