using Mediagate.Credentials;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Credentials;

public sealed class CredentialFileStoreTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private CredentialFileStore Store() => CredentialFileStore.ForEnvironment(_home.Environment);

    [Fact]
    public void TheFileIsWrittenAt0600InsideA0700Directory()
    {
        Store().Update(d =>
        {
            d.ApiKey = "sk_V2_permissions";
            return true;
        });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_home.CredentialsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_home.ConfigDirectory));
    }

    [Fact]
    public void AnExistingDirectoryIsTightenedTo0700OnWrite()
    {
        Directory.CreateDirectory(_home.ConfigDirectory);
        File.SetUnixFileMode(_home.ConfigDirectory, (UnixFileMode)0b111_101_101);

        Store().Update(d =>
        {
            d.ApiKey = "sk_V2_permissions";
            return true;
        });

        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(_home.ConfigDirectory));
    }

    [Fact]
    public void AGroupReadableFileIsReportedAndFixedOnTheNextWrite()
    {
        _home.WriteCredentials("{\n  \"api_key\": \"sk_V2_loose\"\n}\n");
        File.SetUnixFileMode(_home.CredentialsPath, (UnixFileMode)0b110_100_100);
        var store = Store();

        var warning = store.PermissionWarning();

        Assert.NotNull(warning);
        Assert.Contains("mode 0644", warning);
        Assert.Contains($"chmod 600 '{_home.CredentialsPath}'", warning);
        store.Update(d =>
        {
            d.SetUser(new StoredUser("a@example.com", null, null, null));
            return true;
        });
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(_home.CredentialsPath));
        Assert.Null(store.PermissionWarning());
    }

    [Fact]
    public void AWriteLeavesNoTempFileBehind()
    {
        var store = Store();
        for (var i = 0; i < 5; i++)
        {
            store.Update(d =>
            {
                d.ApiKey = $"sk_V2_round_{i}";
                return true;
            });
        }

        Assert.Equal(["credentials", "credentials.lock"], Directory.GetFiles(_home.ConfigDirectory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AMalformedFileIsNeverOverwritten()
    {
        _home.WriteCredentials("{ not json");

        Assert.Throws<CredentialException>(() => Store().Update(d =>
        {
            d.ApiKey = "sk_V2_would_clobber";
            return true;
        }));

        Assert.Equal("{ not json", _home.ReadCredentials());
    }

    [Fact]
    public void RollbackRestoresThePreviousBytesExactly()
    {
        const string original = "{\"api_key\":\"sk_V2_old_key\",   \"x\": 1}";
        _home.WriteCredentials(original);
        var store = Store();
        var update = store.Update(d =>
        {
            d.ApiKey = "sk_V2_new_key";
            return true;
        });

        store.Rollback(update, (current, previous) => current.ApiKey = previous?.ApiKey);

        Assert.Equal(original, _home.ReadCredentials());
    }

    [Fact]
    public void RollbackOfAFirstWriteRemovesTheFile()
    {
        var store = Store();
        var update = store.Update(d =>
        {
            d.ApiKey = "sk_V2_new_key";
            return true;
        });

        store.Rollback(update, (current, previous) => current.ApiKey = previous?.ApiKey);

        Assert.False(File.Exists(_home.CredentialsPath));
    }

    [Fact]
    public void RollbackAfterAnotherWriterRevertsOnlyItsOwnFieldAndKeepsTheOtherChange()
    {
        _home.WriteCredentials("{\"api_key\":\"sk_V2_old_key\"}");
        var store = Store();
        var update = store.Update(d =>
        {
            d.ApiKey = "sk_V2_new_key";
            return true;
        });
        store.Update(d =>
        {
            d.ReplaceOAuth(new OAuthTokens("someone-elses-login"));
            return true;
        });

        store.Rollback(update, (current, previous) => current.ApiKey = previous?.ApiKey);

        var after = store.Read()!;
        Assert.Equal("sk_V2_old_key", after.ApiKey);
        Assert.Equal("someone-elses-login", after.OAuth!.AccessToken);
    }

    [Fact]
    public async Task SeveralProcessesUpdatingAtOnceLoseNoUpdate()
    {
        const int processes = 4;
        const int updatesEach = 40;
        Directory.CreateDirectory(_home.ConfigDirectory);

        var writers = Enumerable.Range(0, processes)
            .Select(p => HelperProcess.Start("add-keys", _home.CredentialsPath, $"p{p}", updatesEach.ToString()))
            .ToList();
        foreach (var writer in writers)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await writer.WaitForExitAsync(cancel.Token);
            Assert.True(writer.ExitCode == 0, await writer.StandardError.ReadToEndAsync());
        }

        var text = _home.ReadCredentials();
        for (var p = 0; p < processes; p++)
        {
            for (var i = 0; i < updatesEach; i++)
            {
                Assert.Contains($"\"p{p}-{i}\": \"v\"", text);
            }
        }
    }

    [Fact]
    public async Task AWriterKilledMidWriteLeavesAWholeFileNeverATruncatedOne()
    {
        Directory.CreateDirectory(_home.ConfigDirectory);
        var store = Store();
        for (var round = 0; round < 5; round++)
        {
            using var writer = HelperProcess.Start("rewrite-forever", _home.CredentialsPath);
            Assert.Equal("ready", await writer.StandardOutput.ReadLineAsync());
            await Task.Delay(20 + round * 15);

            writer.Kill();
            await writer.WaitForExitAsync();

            var document = store.Read();
            Assert.NotNull(document);
            Assert.StartsWith("sk_V2_round_", document.ApiKey);
            Assert.EndsWith("x", document.ApiKey);
        }
    }
}
