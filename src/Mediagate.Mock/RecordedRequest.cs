namespace Mediagate.Mock;

/// <summary>A request the mock received, with its headers and body, for tests to assert on.</summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
