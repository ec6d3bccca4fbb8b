namespace Mediagate.Alignment;

/// <summary>The method that timed the words.</summary>
public enum AlignmentMethod
{
    /// <summary>pocketsphinx's acoustic model of human speech forced onto the words, then boundaries refined on the signal.</summary>
    Acoustic,

    /// <summary>An eSpeak rendering of the text warped onto the audio by dynamic time warping (no acoustic model needed).</summary>
    Dtw,
}
