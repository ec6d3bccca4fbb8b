namespace Mediagate.Alignment;

/// <summary>One spoken word of a reading, lower-case; an optional one ("and" in "five hundred and two") may be left out.</summary>
internal readonly record struct SpokenWord(string Text, bool Optional);
