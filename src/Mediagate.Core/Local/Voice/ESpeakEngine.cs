using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Mediagate.Local.Voice;

/// <summary>
/// eSpeak NG called in-process. eSpeak keeps global state (one voice, one callback, one set of parameters), so every call goes
/// through one lock: synthesis in one process is serial. Parallel synthesis needs separate processes, each with its own eSpeak.
/// </summary>
internal static unsafe class ESpeakEngine
{
    private static readonly object Gate = new();
    private static int _sampleRate;
    private static Collector? _current;

    /// <summary>eSpeak's output rate (22050 Hz for its standard voices).</summary>
    public static int SampleRate
    {
        get
        {
            lock (Gate)
            {
                EnsureInitialized();
                return _sampleRate;
            }
        }
    }

    /// <summary>Synthesises one chunk of text with the voice and rate given, returning its samples and word events.</summary>
    /// <exception cref="VoiceEngineException">eSpeak is missing or refused the voice.</exception>
    public static (short[] Samples, List<ESpeakWordEvent> Words) Synthesize(string text, string voiceName, int wordsPerMinute, int pitch, bool endPause)
    {
        var utf8 = Encoding.UTF8.GetBytes(text + "\0");
        var collector = new Collector(text);
        lock (Gate)
        {
            EnsureInitialized();
            if (ESpeakNative.SetVoiceByName(voiceName) != 0)
            {
                throw new VoiceEngineException($"eSpeak NG has no voice \"{voiceName}\"");
            }
            ESpeakNative.SetParameter(ESpeakNative.ParameterRate, wordsPerMinute, 0);
            ESpeakNative.SetParameter(ESpeakNative.ParameterPitch, pitch, 0);
            _current = collector;
            try
            {
                fixed (byte* bytes = utf8)
                {
                    var flags = (uint)(ESpeakNative.CharsUtf8 | (endPause ? ESpeakNative.EndPause : 0));
                    var result = ESpeakNative.Synth(bytes, (nuint)utf8.Length, 0, ESpeakNative.PositionCharacter, 0, flags, null, null);
                    if (result != 0)
                    {
                        throw new VoiceEngineException($"eSpeak NG failed to synthesise (error {result})");
                    }
                    ESpeakNative.Synchronize();
                }
            }
            finally
            {
                _current = null;
            }
        }
        return (collector.Samples.ToArray(), collector.Words);
    }

    /// <summary>The IPA phonemes (with stress marks) eSpeak gives <paramref name="text"/> in the voice's language; clauses joined by one space, punctuation dropped.</summary>
    /// <exception cref="VoiceEngineException">eSpeak is missing or refused the voice.</exception>
    public static string Phonemize(string text, string voiceName)
    {
        var utf8 = Encoding.UTF8.GetBytes(text + "\0");
        var phonemes = new StringBuilder(text.Length * 2);
        lock (Gate)
        {
            EnsureInitialized();
            if (ESpeakNative.SetVoiceByName(voiceName) != 0)
            {
                throw new VoiceEngineException($"eSpeak NG has no voice \"{voiceName}\"");
            }
            fixed (byte* bytes = utf8)
            {
                void* cursor = bytes;
                while (cursor != null)
                {
                    var clause = Marshal.PtrToStringUTF8((nint)ESpeakNative.TextToPhonemes(&cursor, ESpeakNative.CharsUtf8, ESpeakNative.PhonemesIpa))?.Trim();
                    if (!string.IsNullOrEmpty(clause))
                    {
                        phonemes.Append(phonemes.Length > 0 ? " " : "").Append(clause);
                    }
                }
            }
        }
        return phonemes.ToString();
    }

    /// <summary>The installed voices: name, identifier, languages (in priority order) and gender.</summary>
    public static IReadOnlyList<ESpeakVoice> ListVoices()
    {
        lock (Gate)
        {
            EnsureInitialized();
            var voices = new List<ESpeakVoice>();
            for (var list = ESpeakNative.ListVoices(null); *list != null; list++)
            {
                var voice = *list;
                var languages = new List<string>();
                for (var p = voice->Languages; *p != 0;)
                {
                    p++;
                    var language = Marshal.PtrToStringUTF8((nint)p)!;
                    languages.Add(language);
                    p += Encoding.UTF8.GetByteCount(language) + 1;
                }
                voices.Add(new ESpeakVoice(
                    Marshal.PtrToStringUTF8((nint)voice->Name) ?? "",
                    Marshal.PtrToStringUTF8((nint)voice->Identifier) ?? "",
                    languages,
                    voice->Gender switch { 1 => "male", 2 => "female", _ => "unspecified" }));
            }
            return voices;
        }
    }

    private static void EnsureInitialized()
    {
        if (_sampleRate > 0)
        {
            return;
        }
        int rate;
        try
        {
            rate = ESpeakNative.Initialize(ESpeakNative.AudioOutputSynchronous, 0, null, ESpeakNative.InitializeDontExit);
        }
        catch (DllNotFoundException ex)
        {
            throw new VoiceEngineException("the eSpeak NG library (libespeak-ng.so.1) is not installed; install it with: apt-get install libespeak-ng1 espeak-ng-data", ex);
        }
        if (rate <= 0)
        {
            throw new VoiceEngineException("eSpeak NG could not start: its data is missing; install it with: apt-get install espeak-ng-data");
        }
        ESpeakNative.SetSynthCallback(&OnSynth);
        _sampleRate = rate;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnSynth(short* wav, int count, ESpeakNative.Event* events)
    {
        var collector = _current;
        if (collector is null)
        {
            return 1;
        }
        for (var e = events; e->Type != ESpeakNative.EventListTerminated; e++)
        {
            if (e->Type == ESpeakNative.EventWord)
            {
                collector.AddWord(e->TextPosition, e->Length, e->Sample > 0 ? e->Sample : (long)e->AudioPosition * _sampleRate / 1000);
            }
        }
        if (wav != null && count > 0)
        {
            collector.Samples.AddRange(new ReadOnlySpan<short>(wav, count));
        }
        return 0;
    }

    /// <summary>Collects one synthesis: its samples, and its word events mapped from code-point positions to UTF-16 indices.</summary>
    private sealed class Collector
    {
        private readonly int[] _codePointToIndex;

        public Collector(string text)
        {
            var map = new List<int>(text.Length + 1);
            for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            {
                map.Add(i);
            }
            map.Add(text.Length);
            _codePointToIndex = [.. map];
        }

        public List<short> Samples { get; } = new(1 << 16);

        public List<ESpeakWordEvent> Words { get; } = [];

        public void AddWord(int position, int length, long sample)
        {
            var start = Math.Clamp(position - 1, 0, _codePointToIndex.Length - 1);
            var end = Math.Clamp(position - 1 + length, 0, _codePointToIndex.Length - 1);
            Words.Add(new ESpeakWordEvent(_codePointToIndex[start], _codePointToIndex[end] - _codePointToIndex[start], sample));
        }
    }
}
