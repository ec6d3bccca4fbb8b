namespace Mediagate.Mock.Faults;

/// <summary>The error envelopes each provider really sends, so clients meet the shapes they will meet in production.</summary>
internal static class ErrorBodies
{
    /// <summary>The body for a status on a route, in the shape of the provider that owns the route.</summary>
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
        if (path.StartsWith("/v1/text-to-speech", StringComparison.Ordinal) || path.StartsWith("/v1/voices", StringComparison.Ordinal) || path.StartsWith("/v1/user", StringComparison.Ordinal)
            || path.StartsWith("/v2/voices", StringComparison.Ordinal))
        {
            return status switch
            {
                401 => ElevenLabs("invalid_api_key", "Invalid API key"),
                402 => ElevenLabs("quota_exceeded", "This request exceeds your quota. You have 0 credits remaining."),
                404 => ElevenLabs("voice_not_found", "A voice with the voice_id was not found."),
                429 => ElevenLabs("too_many_concurrent_requests", "Too many concurrent requests for your subscription."),
                _ => ElevenLabs("internal_server_error", "An internal server error occurred."),
            };
        }
        if (IsGoogle(path))
        {
            return status switch
            {
                404 => Google(404, "Method not found.", "NOT_FOUND"),
                401 => Google(401, "API key not valid. Please pass a valid API key.", "UNAUTHENTICATED"),
                402 => Google(402, "Billing is not enabled or the quota is spent for this project.", "FAILED_PRECONDITION"),
                400 => Google(400, "Invalid request.", "INVALID_ARGUMENT"),
                429 => Google(429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"),
                503 => Google(503, "The model is overloaded. Please try again later.", "UNAVAILABLE"),
                _ => Google(status, "An internal error has occurred.", "INTERNAL"),
            };
        }
        if (path.StartsWith("/api/v1", StringComparison.Ordinal))
        {
            return status switch
            {
                401 => OpenRouter(401, "No auth credentials found"),
                402 => OpenRouter(402, "Insufficient credits. Add more using https://openrouter.ai/credits"),
                429 => OpenRouter(429, "Rate limit exceeded"),
                _ => OpenRouter(status, "Internal Server Error"),
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

    /// <summary>Whether a path belongs to the Gemini API, which the mock serves under <c>/v1beta</c> and <c>/v1</c>.</summary>
    public static bool IsGoogle(string path) =>
        path.StartsWith("/v1beta/", StringComparison.Ordinal) || path == "/v1beta" || path.StartsWith("/v1/models", StringComparison.Ordinal);

    /// <summary>HeyGen's error envelope.</summary>
    public static string HeyGen(string code, string message) =>
        $$$"""{"data":null,"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""";

    /// <summary>ElevenLabs' error envelope.</summary>
    public static string ElevenLabs(string status, string message) =>
        $$$"""{"detail":{"status":"{{{status}}}","message":"{{{message}}}"}}""";

    /// <summary>Google's error envelope.</summary>
    public static string Google(int code, string message, string status) =>
        $$$"""{"error":{"code":{{{code}}},"message":"{{{message}}}","status":"{{{status}}}"}}""";

    /// <summary>What the Gemini API answers a key it does not know: 400 INVALID_ARGUMENT with the reason API_KEY_INVALID, not 401.</summary>
    public static string GoogleBadKey() =>
        """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""";

    /// <summary>OpenRouter's error envelope.</summary>
    public static string OpenRouter(int code, string message) =>
        $$$"""{"error":{"code":{{{code}}},"message":"{{{message}}}"}}""";
}
