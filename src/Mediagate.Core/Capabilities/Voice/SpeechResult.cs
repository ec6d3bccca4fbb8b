using Mediagate.Captions;

namespace Mediagate.Capabilities.Voice;

/// <summary>What a voice provider produced: who served it, with which voice, and every word's timing.</summary>
/// <param name="Provider">The provider id, e.g. <c>local</c>.</param>
/// <param name="Voice">The voice actually used.</param>
/// <param name="Language">The language applied.</param>
/// <param name="Speed">The speed multiplier requested.</param>
/// <param name="SampleRate">The output rate.</param>
/// <param name="DurationSeconds">The audio's length.</param>
/// <param name="Words">Every word of the input, in order, monotonic and non-overlapping.</param>
public sealed record SpeechResult(string Provider, string Voice, string Language, double Speed, int SampleRate, double DurationSeconds, IReadOnlyList<Word> Words);
