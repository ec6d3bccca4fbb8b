using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;
using Mediagate.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.Tests.Storage;

/// <summary>The SQLite files hold emails, prompts, replyUrls and token hashes: only their owner reads them (finding 9 of issue 15).</summary>
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempHome _home = new();

    [Fact]
    public async Task TheDatabaseItsWalAndShmAre0600AndTheDataDirectory0700WhateverModesTheyHad()
    {
        var data = Path.Combine(_home.Root, "shared");
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(data, open);
        File.SetUnixFileMode(data, open);
        var db = Path.Combine(data, "gateway.db");
        await File.WriteAllBytesAsync(db, []);
        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var mock = await MockServer.StartAsync();
        using var factory = new GatewayFactory(mock.BaseUrl, data, null, null);
        var token = await factory.Services.GetRequiredService<Mediagate.Server.Tokens.TokenStore>().CreateAsync("files", null, CancellationToken.None);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/heygen/accounts",
            new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 1 })).StatusCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        foreach (var file in new[] { db, db + "-wal", db + "-shm" })
        {
            Assert.True(File.Exists(file), file + " is missing");
            Assert.Equal(Private, File.GetUnixFileMode(file));
        }
    }

    public void Dispose() => _home.Dispose();
}
