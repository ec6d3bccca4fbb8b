using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Mediagate.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediagate.Cli.Tests.Models;

/// <summary>
/// A file server on 127.0.0.1 for model downloads: <c>/files/NAME</c> serves generated files (with Range unless turned off),
/// <c>/redirect/NAME</c> answers 302 to it as GitHub release downloads do, anything else is 404; faults are set per test.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelServer(WebApplication app, Uri baseUrl, IReadOnlyDictionary<string, byte[]> files)
    {
        _app = app;
        BaseUrl = baseUrl;
        Files = files;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Bytes served in place of a file (a different build, a truncated copy).</summary>
    public ConcurrentDictionary<string, byte[]> Served { get; } = new();

    public bool SupportsRange { get; set; } = true;

    /// <summary>Abort the connection after this many body bytes, once.</summary>
    public long? DropOnceAfter { get; set; }

    /// <summary>Send this many body bytes, then nothing until the client gives up.</summary>
    public long? StallAfter { get; set; }

    /// <summary>Pause between 16 KiB chunks.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>Every request: its path and its Range header.</summary>
    public ConcurrentQueue<(string Path, string Range)> Requests { get; } = new();

    /// <summary>A manifest over the served files: <c>tiny</c> = model.onnx + voices.bin, <c>tiny-fp32</c> = big.onnx + voices.bin.</summary>
    public ModelManifest Manifest(string prefix = "files")
    {
        ModelFile Pin(string name) => new(name, new Uri(BaseUrl, $"{prefix}/{name}"), Files[name].Length, Convert.ToHexStringLower(SHA256.HashData(Files[name])), "Apache-2.0");
        var voices = Pin("voices.bin");
        return new ModelManifest([
            new Model("tiny", "A test model", [Pin("model.onnx"), voices]),
            new Model("tiny-fp32", "A bigger test model", [Pin("big.onnx"), voices]),
        ]);
    }

    public static async Task<ModelServer> StartAsync()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["model.onnx"] = Generated(1, 200_000),
            ["voices.bin"] = Generated(2, 50_000),
            ["big.onnx"] = Generated(3, 300_000),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ModelServer? self = null;
        app.Run(context => self!.ServeAsync(context));
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        self = new ModelServer(app, new Uri(url), files);
        return self;
    }

    public static byte[] Generated(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue((path, context.Request.Headers.Range.ToString()));
        var segments = path.Trim('/').Split('/');
        if (segments.Length != 2 || !Files.TryGetValue(segments[1], out var original))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (segments[0] == "redirect")
        {
            context.Response.Redirect($"/files/{segments[1]}");
            return;
        }
        if (segments[0] is not ("files" or "mirror"))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var body = Served.TryGetValue(segments[1], out var replaced) ? replaced : original;
        long from = 0;
        if (SupportsRange && System.Net.Http.Headers.RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range)
            && range.Ranges.Single().From is { } start)
        {
            if (start >= body.Length)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = $"bytes */{body.Length}";
                return;
            }
            from = start;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{body.Length - 1}/{body.Length}";
        }
        context.Response.ContentLength = body.Length - from;
        var sent = 0L;
        for (var offset = from; offset < body.Length; offset += 16384)
        {
            var chunk = body.AsMemory((int)offset, (int)Math.Min(16384, body.Length - offset));
            if (DropOnceAfter is { } drop && sent + chunk.Length > drop)
            {
                DropOnceAfter = null;
                await context.Response.Body.WriteAsync(chunk[..(int)(drop - sent)]);
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }
            if (StallAfter is { } stall && sent + chunk.Length > stall)
            {
                await context.Response.Body.WriteAsync(chunk[..(int)(stall - sent)]);
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            }
            await context.Response.Body.WriteAsync(chunk);
            sent += chunk.Length;
            if (ChunkDelay > TimeSpan.Zero)
            {
                await context.Response.Body.FlushAsync();
                await Task.Delay(ChunkDelay);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
