namespace Mediagate.Capabilities.Voice;

/// <summary>Spoken audio as a provider hands it back: mono samples at <see cref="SpeechResult.SampleRate"/>, and what was spoken.</summary>
/// <param name="Samples">Mono, −1 to 1.</param>
/// <param name="Result">Who spoke, with which voice, and every word's timing.</param>
public sealed record SpeechClip(float[] Samples, SpeechResult Result);
