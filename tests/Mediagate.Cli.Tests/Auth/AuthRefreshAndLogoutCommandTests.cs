using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Auth;

public sealed class AuthRefreshAndLogoutCommandTests
{
    private static async Task SignInAsync(MockFixture mock)
    {
        mock.Home.Variables["DISPLAY"] = ":0";
        var follow = Browser.Follow(mock.Http);
        var login = await CliRunner.RunAsync(mock.Home.Environment,
            new CliOptions { Http = mock.Http, OutputIsTerminal = true, OpenBrowser = url => { follow(url, url); return true; } }, "auth", "login");
        Assert.Equal(0, login.ExitCode);
    }

    [Fact]
    public async Task RefreshWithoutARefreshTokenExitsOneAndSaysHowToSignIn()
    {
        using var home = new TempHome();
        home.WriteCredentials("""{"api_key":"sk_V2_key_only"}""");

        var run = await CliRunner.RunAsync(home.Environment, "auth", "refresh");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: No OAuth refresh token to use in {home.CredentialsPath}. Sign in again with `mediagate auth login`", run.Error);
    }

    [Fact]
    public async Task RefreshReplacesTheAccessToken()
    {
        await using var mock = await MockFixture.StartAsync();
        await SignInAsync(mock);
        var before = mock.Home.ReadCredentials();

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "refresh");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("✓ Refreshed OAuth access token. It expires at ", run.Out);
        Assert.NotEqual(before, mock.Home.ReadCredentials());
    }

    [Fact]
    public async Task LogoutWithoutATerminalOrYesAbortsAndKeepsTheFile()
    {
        using var home = new TempHome();
        home.WriteCredentials("""{"api_key":"sk_V2_stays"}""");

        var run = await CliRunner.RunAsync(home.Environment, "auth", "logout");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Aborted.\n", run.Error);
        Assert.True(File.Exists(home.CredentialsPath));
    }

    [Theory]
    [InlineData("n\n", 1)]
    [InlineData("\n", 1)]
    [InlineData("y\n", 0)]
    public async Task LogoutOnATerminalAsksFirst(string answer, int exitCode)
    {
        using var home = new TempHome();
        home.WriteCredentials("""{"api_key":"sk_V2_maybe"}""");

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { InputIsTerminal = true, Stdin = answer }, "auth", "logout");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith($"This will sign out of HeyGen on this machine (~/.heygen lives at {home.ConfigDirectory}). Continue? [y/N] ", run.Error);
        Assert.Equal(exitCode == 1, File.Exists(home.CredentialsPath));
    }

    [Fact]
    public async Task LogoutWithYesRevokesAndRemovesTheFile()
    {
        await using var mock = await MockFixture.StartAsync();
        await SignInAsync(mock);

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "logout", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"✓ Signed out. Removed {mock.Home.CredentialsPath}.\n", run.Out);
        Assert.Equal(2, mock.State.RevokedTokens.Count);
        Assert.False(File.Exists(mock.Home.CredentialsPath));
    }

    [Fact]
    public async Task LogoutKeepingTheApiKeySaysSo()
    {
        using var home = new TempHome();
        home.WriteCredentials("""{"api_key":"sk_V2_kept","oauth":{"access_token":"a"}}""");

        var run = await CliRunner.RunAsync(home.Environment, "auth", "logout", "--keep-api-key", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("✓ OAuth session removed. API key retained.\n", run.Out);
    }

    [Fact]
    public async Task LogoutWarnsThatAnEnvironmentCredentialStaysActive()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_KEY"] = "sk_V2_env";

        var run = await CliRunner.RunAsync(home.Environment, "auth", "logout", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("warning: HEYGEN_API_KEY is set in the environment; it stays active after logout. Unset it to sign out fully: unset HEYGEN_API_KEY", run.Error);
        Assert.StartsWith("Nothing to sign out of", run.Out);
    }
}
