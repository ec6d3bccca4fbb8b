namespace Mediagate.Alignment;

/// <summary>What pocketsphinx decoded: for each token of the text its frames (null when it is not spoken), the silences and noises between words, and the audio's length.</summary>
internal sealed record AcousticSegments(IReadOnlyList<AcousticWord?> Words, IReadOnlyList<(int Start, int End)> Fillers, double Duration);

/// <summary>One token's frames, [start, end) at 100 frames a second, its summed acoustic score (pocketsphinx's log units),
/// and the first and last phones (ARPAbet) of the pronunciation the decoder chose.</summary>
internal readonly record struct AcousticWord(int StartFrame, int EndFrame, int AcousticScore, string FirstPhone = "", string LastPhone = "");
