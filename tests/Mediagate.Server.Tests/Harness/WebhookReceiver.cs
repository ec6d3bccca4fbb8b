using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Tests.Harness;

/// <summary>One POST a receiver got: its headers and body.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A webhook receiver on 127.0.0.1: <c>/hook</c> answers 500 to the first N posts, then 200; <c>/redirect</c> answers 307 to
/// <c>/hook</c>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The receiver's root, ending in a slash.</summary>
    public string Url { get; }

    public int Port => new Uri(Url).Port;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? self = null;
        var hooks = 0;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            self!.Received.Enqueue(await ReadAsync(request));
            return Interlocked.Increment(ref hooks) <= failFirst ? Results.StatusCode(500) : Results.Ok();
        });
        app.MapPost("/redirect", async (HttpRequest request) =>
        {
            self!.Received.Enqueue(await ReadAsync(request));
            return Results.Redirect("/hook", permanent: false, preserveMethod: true);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        self = new WebhookReceiver(app, url);
        return self;
    }

    private static async Task<ReceivedWebhook> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return new ReceivedWebhook(request.Path, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), buffer.ToArray());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
