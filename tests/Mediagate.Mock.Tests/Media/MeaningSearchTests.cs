using Mediagate.Mock;

namespace Mediagate.Tests.Mock.Media;

/// <summary>Music and sound search rank by meaning, so the queries people write find something above the peer's 0.7 music floor.</summary>
public sealed class MeaningSearchTests
{
    [Theory]
    [InlineData("inspiring corporate tech", "mus_corporate_tech")]
    [InlineData("energetic electronic", "mus_electronic")]
    [InlineData("calm cinematic underscore", "mus_calm_cinematic")]
    [InlineData("uplifting motivational", "mus_inspiring")]
    [InlineData("happy upbeat background", "mus_corporate_tech")]
    [InlineData("dark suspenseful thriller", "mus_tense")]
    [InlineData("chill lo-fi study beats", "mus_lofi")]
    [InlineData("funny cartoon", "mus_playful")]
    [InlineData("dreamy meditation", "mus_ambient")]
    public async Task OrdinaryMusicQueriesFindATrackAtThePeersDefaultFloor(string query, string best)
    {
        await using var server = await MockServer.StartAsync();

        // The peer sends no min_score, so the mock's default floor of 0.7 applies.
        var hits = (await MockHttp.GetAsync(server, $"/v3/audio/sounds?query={Uri.EscapeDataString(query)}&type=music&limit=5", MockHttp.HeyGen)).Json["data"]!.AsArray();

        Assert.Equal(best, (string?)hits[0]!["id"]);
        Assert.True((double)hits[0]!["score"]! >= 0.7);
    }

    [Theory]
    [InlineData("whoosh", "whoosh")]
    [InlineData("level complete", "success")]
    [InlineData("mouse click", "click")]
    [InlineData("wrong answer buzzer", "buzzer")]
    [InlineData("cash register ka-ching", "cash-register")]
    public async Task SoundEffectsRankTheExactNameFirstAndFindSynonyms(string query, string best)
    {
        await using var server = await MockServer.StartAsync();

        var hits = (await MockHttp.GetAsync(server, $"/v3/audio/sounds?query={Uri.EscapeDataString(query)}&type=sound_effects&limit=3", MockHttp.HeyGen)).Json["data"]!.AsArray();

        Assert.Equal(best, (string?)hits[0]!["name"]);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => (double)p.First!["score"]! >= (double)p.Second!["score"]!));
    }

    [Fact]
    public void WordsThatShareNeitherStemNorSenseScoreZero()
    {
        Assert.Equal(0, Mediagate.Mock.Media.SearchLexicons.Music.Score("accordion polka", "calm cinematic underscore with soft piano"));
        Assert.Equal(1, Mediagate.Mock.Media.SearchLexicons.Music.Score("inspired", "inspiring uplifting build"));
    }
}
