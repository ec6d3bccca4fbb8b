namespace Mediagate.Captions;

/// <summary>One subtitle: when it shows and its lines.</summary>
public sealed record Cue(double Start, double End, IReadOnlyList<string> Lines);
