namespace Mediagate.Alignment;

/// <summary>The acoustic aligner could not run or found no path through the audio.</summary>
public sealed class AcousticAlignmentException(string message) : Exception(message);
