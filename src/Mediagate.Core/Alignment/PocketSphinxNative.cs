using System.Runtime.InteropServices;

namespace Mediagate.Alignment;

/// <summary>The parts of pocketsphinx's and sphinxbase's C API (Debian <c>libpocketsphinx3</c>, 5prealpha) that the acoustic aligner calls.</summary>
/// <remarks>Configuration goes through <c>cmd_ln_parse_r</c> with an argv array, which avoids calling C varargs from .NET.</remarks>
internal static unsafe partial class PocketSphinxNative
{
    public const string Library = "libpocketsphinx.so.3";
    public const string BaseLibrary = "libsphinxbase.so.3";

    [LibraryImport(BaseLibrary, EntryPoint = "cmd_ln_parse_r")]
    public static partial nint ParseArguments(nint config, nint definitions, int argc, byte** argv, int strict);

    [LibraryImport(BaseLibrary, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeArguments(nint config);

    /// <summary>err_set_logfp: NULL turns sphinxbase's logging off.</summary>
    [LibraryImport(BaseLibrary, EntryPoint = "err_set_logfp")]
    public static partial void SetLogFile(nint stream);

    [LibraryImport(Library, EntryPoint = "ps_args")]
    public static partial nint Arguments();

    [LibraryImport(Library, EntryPoint = "ps_init")]
    public static partial nint Init(nint config);

    [LibraryImport(Library, EntryPoint = "ps_free")]
    public static partial int Free(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetJsgfString(nint decoder, string name, string jsgf);

    [LibraryImport(Library, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetSearch(nint decoder, string name);

    [LibraryImport(Library, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_process_raw")]
    public static partial int ProcessRaw(nint decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(Library, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_get_hyp")]
    public static partial nint Hypothesis(nint decoder, int* bestScore);

    [LibraryImport(Library, EntryPoint = "ps_seg_iter")]
    public static partial nint SegmentIterator(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_seg_next")]
    public static partial nint SegmentNext(nint segment);

    [LibraryImport(Library, EntryPoint = "ps_seg_word")]
    public static partial nint SegmentWord(nint segment);

    [LibraryImport(Library, EntryPoint = "ps_seg_frames")]
    public static partial void SegmentFrames(nint segment, int* startFrame, int* endFrame);

    [LibraryImport(Library, EntryPoint = "ps_seg_prob")]
    public static partial int SegmentProbability(nint segment, int* acousticScore, int* languageScore, int* backoff);

    [LibraryImport(Library, EntryPoint = "ps_seg_free")]
    public static partial void SegmentFree(nint segment);
}
