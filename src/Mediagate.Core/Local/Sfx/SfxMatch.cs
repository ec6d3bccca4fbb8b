namespace Mediagate.Local.Sfx;

/// <summary>A search hit and its score (100 an exact name, 50 a name containing the query, else the overlap with names, tags and descriptions).</summary>
public sealed record SfxMatch(SfxRecipe Recipe, int Score);
