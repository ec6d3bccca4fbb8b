namespace Mediagate.Tests.Support;

/// <summary>Plays the user's browser over real HTTP: opens the authorize URL and follows its redirect to the loopback callback.</summary>
public static class Browser
{
    /// <summary>A browser opener that follows the authorize redirect in the background, as a real browser would after the user approves.</summary>
    public static Func<Uri, Uri, Task> Follow(HttpClient http, Func<Uri, Uri>? rewrite = null, Action<HttpResponseMessage, string>? callbackPage = null)
    {
        return Open;

        Task Open(Uri authorize, Uri redirect)
        {
            _ = Task.Run(async () =>
            {
                var target = rewrite is null ? authorize : rewrite(authorize);
                using var approval = await http.GetAsync(target);
                var location = approval.Headers.Location ?? throw new InvalidOperationException($"authorize answered {(int)approval.StatusCode} without a redirect");
                using var callback = await http.GetAsync(location);
                callbackPage?.Invoke(callback, await callback.Content.ReadAsStringAsync());
            });
            return Task.CompletedTask;
        }
    }
}
