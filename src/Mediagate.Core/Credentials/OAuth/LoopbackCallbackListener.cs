using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mediagate.Credentials.OAuth;

/// <summary>
/// Receives the OAuth redirect on <c>http://127.0.0.1:&lt;ephemeral port&gt;/oauth/callback</c> (RFC 8252 §7.3),
/// answers the browser with a clear page, and hands back the authorization code.
/// </summary>
public sealed class LoopbackCallbackListener : IDisposable
{
    /// <summary>The path the redirect URI points at.</summary>
    public const string CallbackPath = "/oauth/callback";

    private readonly HttpListener _listener;

    private LoopbackCallbackListener(HttpListener listener, int port)
    {
        _listener = listener;
        RedirectUri = new Uri($"http://127.0.0.1:{port}{CallbackPath}");
    }

    /// <summary>The redirect URI, built once and sent byte for byte in both the authorize request and the token exchange.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Starts listening on 127.0.0.1 on a port the OS chooses.</summary>
    public static LoopbackCallbackListener Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackCallbackListener(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between probing and binding; take another.
                listener.Close();
            }
        }
    }

    /// <summary>Waits for the browser's redirect and returns the code, after checking <paramref name="expectedState"/> in constant time.</summary>
    /// <exception cref="OAuthException">The callback carried an error, a wrong state or no code, or none came within <paramref name="timeout"/>.</exception>
    public async Task<string> WaitForCodeAsync(string expectedState, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(timeout, time, stop.Token);
        try
        {
            while (true)
            {
                var next = _listener.GetContextAsync();
                var finished = await Task.WhenAny(next, deadline).ConfigureAwait(false);
                if (finished == deadline)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new OAuthException(OAuthErrorKind.Timeout,
                        $"no browser callback arrived within {timeout.TotalSeconds:0} s; run `mediagate auth login` again, or use `mediagate auth login --device`");
                }
                var context = await next.ConfigureAwait(false);
                if (Handle(context, expectedState) is { } code)
                {
                    return code;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private static string? Handle(HttpListenerContext context, string expectedState)
    {
        var request = context.Request;
        if (request.HttpMethod != "GET")
        {
            Respond(context, HttpStatusCode.MethodNotAllowed, "Method not allowed", "This address only accepts the sign-in redirect.");
            return null;
        }
        if (request.Url?.AbsolutePath != CallbackPath)
        {
            Respond(context, HttpStatusCode.NotFound, "Not found", "This address only accepts the sign-in redirect.");
            return null;
        }
        var query = request.QueryString;
        if (query["error"] is { Length: > 0 } error)
        {
            var description = query["error_description"];
            Respond(context, HttpStatusCode.BadRequest, "Sign-in failed", $"HeyGen reported: {WebUtility.HtmlEncode(error)}. You can close this tab and try again.");
            throw new OAuthException(OAuthErrorKind.BadCallback, $"the sign-in was not completed: {error}{(description is null ? "" : $" ({Http.SecretScrubber.Scrub(description)})")}");
        }
        if (!Pkce.StateMatches(expectedState, query["state"]))
        {
            Respond(context, HttpStatusCode.BadRequest, "Sign-in failed", "The response did not match this sign-in attempt. Close this tab and run the command again.");
            throw new OAuthException(OAuthErrorKind.BadCallback, "the browser callback's state did not match this sign-in attempt; run `mediagate auth login` again");
        }
        if (query["code"] is not { Length: > 0 } code)
        {
            Respond(context, HttpStatusCode.BadRequest, "Sign-in failed", "The response carried no authorization code. Close this tab and try again.");
            throw new OAuthException(OAuthErrorKind.BadCallback, "the browser callback carried no authorization code; run `mediagate auth login` again");
        }
        Respond(context, HttpStatusCode.OK, "You're signed in.", "Mediagate has your HeyGen sign-in. You can close this tab and return to the terminal.");
        return code;
    }

    /// <summary>Sends a small HTML page; <paramref name="title"/> and <paramref name="message"/> must already be HTML-safe.</summary>
    private static void Respond(HttpListenerContext context, HttpStatusCode status, string title, string message)
    {
        var html = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Mediagate: {title}</title></head>" +
                   $"<body style=\"font-family:sans-serif;margin:4em\"><h1>{title}</h1><p>{message}</p></body></html>";
        var bytes = Encoding.UTF8.GetBytes(html);
        var response = context.Response;
        response.StatusCode = (int)status;
        response.ContentType = "text/html; charset=utf-8";
        response.KeepAlive = false;
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Close();
}
