namespace Mediagate.Soundtrack;

/// <summary>Where a piece of the soundtrack stands.</summary>
public enum PieceState
{
    /// <summary>Not started.</summary>
    Waiting,

    /// <summary>Being made.</summary>
    Working,

    /// <summary>Taken from the cache.</summary>
    Cached,

    /// <summary>Made.</summary>
    Done,

    /// <summary>Left out: skipped by the request, or a miss recorded as an anomaly.</summary>
    Skipped,
}

/// <summary>One change of state: <paramref name="Piece"/> is <c>voice:&lt;id&gt;</c>, <c>bgm</c>, <c>sfx:&lt;name&gt;</c> or <c>mix</c>.</summary>
public sealed record PieceUpdate(string Piece, PieceState State, string Detail = "");
