namespace Mediagate.Mock.Faults;

/// <summary>The error envelopes each provider really sends, so clients meet the shapes they will meet in production.</summary>
internal static class ErrorBodies
{
    /// <summary>The body for a status on a route.</summary>
    public static string For(string path, int status)
    {
        if (path.StartsWith("/oauth", StringComparison.Ordinal) || path.StartsWith("/v1/oauth", StringComparison.Ordinal))
        {
            return status switch
            {
                401 => """{"error":"invalid_client","error_description":"Client authentication failed"}""",
                429 => """{"error":"slow_down","error_description":"Too many requests"}""",
                _ => """{"error":"server_error","error_description":"The server had an error"}""",
            };
        }
        return status switch
        {
            401 => HeyGen("unauthorized", "Unauthorized: invalid or missing credential"),
            402 => HeyGen("plan_upgrade_required", "Insufficient credits; upgrade your plan"),
            403 => HeyGen("forbidden", "Forbidden"),
            404 => HeyGen("not_found", "Not found"),
            429 => HeyGen("rate_limit_exceeded", "Too many requests"),
            503 => HeyGen("service_unavailable", "Service temporarily unavailable"),
            _ => HeyGen("internal_error", "Internal server error"),
        };
    }

    /// <summary>HeyGen's error envelope.</summary>
    public static string HeyGen(string code, string message) =>
        $$$"""{"data":null,"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""";
}
