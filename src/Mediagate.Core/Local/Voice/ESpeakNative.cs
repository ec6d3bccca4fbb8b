using System.Runtime.InteropServices;

namespace Mediagate.Local.Voice;

/// <summary>The parts of eSpeak NG's C API (<c>speak_lib.h</c>, Debian <c>libespeak-ng1</c>) that Mediagate calls.</summary>
internal static unsafe partial class ESpeakNative
{
    public const string Library = "libespeak-ng.so.1";
    public const int AudioOutputSynchronous = 2;
    public const int InitializeDontExit = 0x8000;
    public const int CharsUtf8 = 1;
    public const int EndPause = 0x1000;
    public const int PositionCharacter = 1;
    public const int ParameterRate = 1;
    public const int ParameterPitch = 3;
    public const int EventListTerminated = 0;
    public const int EventWord = 1;
    public const int EventSentence = 2;
    public const int EventEnd = 5;
    public const int EventMessageTerminated = 6;

    /// <summary>espeak_TextToPhonemes's phoneme mode: IPA as UTF-8 (bit 1).</summary>
    public const int PhonemesIpa = 0x02;

    /// <summary>espeak_EVENT: six 32-bit fields, a pointer, and an 8-byte union (40 bytes on 64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Event
    {
        public int Type;
        public uint UniqueIdentifier;
        public int TextPosition;
        public int Length;
        public int AudioPosition;
        public int Sample;
        public nint UserData;
        public long Id;
    }

    /// <summary>espeak_VOICE.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Voice
    {
        public byte* Name;
        public byte* Languages;
        public byte* Identifier;
        public byte Gender;
        public byte Age;
        public byte Variant;
        public byte Xx1;
        public int Score;
        public nint Spare;
    }

    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Initialize(int output, int bufferLengthMs, string? path, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, Event*, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, void* userData);

    [LibraryImport(Library, EntryPoint = "espeak_Synchronize")]
    public static partial int Synchronize();

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    /// <summary>Phonemises one clause of <c>*textPointer</c> and advances it (to null at the end); the result lives until the next call.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    public static partial byte* TextToPhonemes(void** textPointer, int textMode, int phonemeMode);

    [LibraryImport(Library, EntryPoint = "espeak_ListVoices")]
    public static partial Voice** ListVoices(Voice* spec);
}
