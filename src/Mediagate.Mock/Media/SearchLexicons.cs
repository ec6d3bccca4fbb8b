namespace Mediagate.Mock.Media;

/// <summary>The sense groups the mock's music and sound-effect searches rank by.</summary>
public static class SearchLexicons
{
    /// <summary>Moods, genres and instruments of library music.</summary>
    public static MeaningSearch Music { get; } = new(
    [
        ["calm", "relaxed", "relaxing", "peaceful", "gentle", "soft", "mellow", "serene", "quiet", "soothing", "tranquil", "chill", "chilled", "still", "easy"],
        ["cinematic", "film", "movie", "epic", "trailer", "score", "dramatic", "documentary", "grand"],
        ["inspiring", "inspirational", "uplifting", "motivational", "motivating", "hopeful", "positive", "optimistic", "triumphant", "aspirational", "rising", "reveal", "success"],
        ["happy", "bright", "cheerful", "joyful", "sunny", "feel-good", "fun", "positive", "upbeat"],
        ["energetic", "upbeat", "lively", "driving", "dynamic", "energy", "fast", "pumping", "exciting", "powerful", "party", "workout", "sport", "sports", "action", "intense"],
        ["corporate", "business", "professional", "presentation", "commercial", "office", "startup", "brand", "advert", "promo", "promotional", "marketing", "explainer", "product", "launch"],
        ["tech", "technology", "digital", "futuristic", "modern", "innovation", "innovative", "software", "saas", "app", "ai", "data", "future"],
        ["electronic", "electro", "synth", "synthesizer", "edm", "techno", "house", "electronica", "synthwave", "dance"],
        ["lofi", "hiphop", "beat", "beats", "study", "jazzy", "jazz", "coffee", "cafe"],
        ["tense", "suspense", "suspenseful", "dark", "ominous", "thriller", "mystery", "mysterious", "tension", "horror", "scary", "anxious", "problem", "urgent", "danger"],
        ["playful", "quirky", "fun", "funny", "whimsical", "cartoon", "comedic", "comedy", "silly", "kids", "children", "bouncy", "pizzicato"],
        ["ambient", "atmospheric", "pad", "spacious", "dreamy", "ethereal", "drone", "meditation", "meditative", "space", "airy", "nature"],
        ["piano", "keys", "keyboard"],
        ["strings", "violin", "cello", "orchestra", "orchestral", "classical"],
        ["percussion", "drums", "drum", "rhythm", "rhythmic"],
        ["sad", "melancholy", "melancholic", "emotional", "sentimental", "reflective", "nostalgic", "touching", "heartfelt"],
        ["background", "underscore", "bed", "backdrop", "subtle", "minimal", "light", "unobtrusive"],
        ["warm", "cozy", "intimate", "mellow", "acoustic"],
    ]);

    /// <summary>What sound effects sound like and are used for.</summary>
    public static MeaningSearch Effects { get; } = new(
    [
        ["whoosh", "swoosh", "swish", "woosh", "swipe", "air", "wind", "fly", "pass", "sweep", "wipe", "slide", "transition", "fast"],
        ["impact", "hit", "boom", "bang", "slam", "thud", "punch", "explosion", "drop", "bass", "sub", "trailer", "low"],
        ["click", "tap", "button", "press", "mouse", "select", "ui", "interface", "cursor"],
        ["notification", "ding", "ping", "chime", "bell", "alert", "message", "ring", "ready", "inbox"],
        ["success", "win", "complete", "completed", "achievement", "correct", "positive", "victory", "tada", "level", "reward"],
        ["error", "fail", "failure", "wrong", "buzzer", "denied", "negative", "incorrect", "warning", "alarm"],
        ["riser", "rise", "build", "buildup", "swell", "tension", "uplifter", "crescendo"],
        ["glitch", "digital", "distortion", "static", "noise", "data", "corrupt", "corrupted", "stutter", "tech", "broken", "signal"],
        ["sparkle", "magic", "magical", "shine", "twinkle", "glitter", "shimmer", "fairy", "star", "stars"],
        ["typing", "keyboard", "keys", "key", "type", "keystroke", "typewriter", "office"],
        ["camera", "shutter", "photo", "snapshot", "picture", "screenshot"],
        ["cash", "money", "register", "coin", "coins", "sale", "payment", "purchase", "buy", "checkout", "price"],
        ["heartbeat", "heart", "pulse", "body"],
        ["drumroll", "drum", "roll", "snare", "reveal", "suspense", "announcement"],
        ["countdown", "beep", "timer", "clock", "count", "start", "tick"],
        ["paper", "page", "book", "turn", "flip", "document", "sheet"],
        ["pop", "bubble", "blip", "appear", "plop", "water", "cartoon"],
    ]);
}
