namespace Mediagate.Server.OpenAi;

/// <summary>What a <c>speech</c> job records as its request (GET /v1/heygen/jobs shows it).</summary>
/// <param name="input">The text.</param>
/// <param name="voice">The voice as asked for.</param>
/// <param name="response_format">mp3, wav or pcm.</param>
/// <param name="speed">0.25 to 4.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record SpeechJobRequest(string input, string voice, string response_format, double speed);

/// <summary>What a completed <c>speech</c> job records as its response.</summary>
/// <param name="audio_url">The MP3 HeyGen made.</param>
/// <param name="bytes">The size of the audio answered.</param>
internal sealed record SpeechJobResponse(string audio_url, int bytes);
#pragma warning restore IDE1006
