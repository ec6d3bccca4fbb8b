using System.Runtime.InteropServices;

namespace Mediagate.Local.Music;

/// <summary>Renders note events to stereo float with FluidSynth (Debian <c>libfluidsynth3</c>) and a General MIDI SoundFont, in-process.</summary>
public sealed unsafe partial class FluidSynth : IDisposable
{
    private const string Library = "libfluidsynth.so.3";
    private static readonly object LogGate = new();
    private static bool _logsSilenced;
    private nint _settings;
    private nint _synth;

    /// <summary>Loads <paramref name="soundFont"/> into a synthesiser at <paramref name="sampleRate"/>.</summary>
    /// <exception cref="DllNotFoundException">libfluidsynth3 is not installed.</exception>
    /// <exception cref="InvalidOperationException">The SoundFont could not be loaded.</exception>
    public FluidSynth(string soundFont, int sampleRate)
    {
        lock (LogGate)
        {
            if (!_logsSilenced)
            {
                for (var level = 0; level <= 4; level++)
                {
                    fluid_set_log_function(level, null, null);
                }
                _logsSilenced = true;
            }
        }
        _settings = new_fluid_settings();
        fluid_settings_setnum(_settings, "synth.sample-rate", sampleRate);
        fluid_settings_setint(_settings, "synth.polyphony", 256);
        _synth = new_fluid_synth(_settings);
        if (_synth == 0 || fluid_synth_sfload(_synth, soundFont, 1) < 0)
        {
            Dispose();
            throw new InvalidOperationException($"FluidSynth could not load the SoundFont {soundFont}");
        }
        fluid_synth_set_gain(_synth, 0.5f);
        SampleRate = sampleRate;
    }

    /// <summary>The output rate.</summary>
    public int SampleRate { get; }

    /// <summary>Sets a channel's General MIDI program.</summary>
    public void Program(int channel, int program) => fluid_synth_program_change(_synth, channel, program);

    /// <summary>Starts a note.</summary>
    public void NoteOn(int channel, int key, int velocity) => fluid_synth_noteon(_synth, channel, key, velocity);

    /// <summary>Releases a note.</summary>
    public void NoteOff(int channel, int key) => fluid_synth_noteoff(_synth, channel, key);

    /// <summary>Sets a controller (e.g. 7 volume, 10 pan, 91 reverb send).</summary>
    public void Controller(int channel, int number, int value) => fluid_synth_cc(_synth, channel, number, value);

    /// <summary>Renders <paramref name="frames"/> frames into <paramref name="interleaved"/> (stereo) from <paramref name="offsetFrames"/>.</summary>
    public void Render(float[] interleaved, int offsetFrames, int frames)
    {
        fixed (float* output = interleaved)
        {
            fluid_synth_write_float(_synth, frames, output, 2 * offsetFrames, 2, output, 2 * offsetFrames + 1, 2);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_synth != 0)
        {
            delete_fluid_synth(_synth);
            _synth = 0;
        }
        if (_settings != 0)
        {
            delete_fluid_settings(_settings);
            _settings = 0;
        }
    }

    [LibraryImport(Library)] private static partial nint new_fluid_settings();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] private static partial int fluid_settings_setnum(nint settings, string name, double value);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] private static partial int fluid_settings_setint(nint settings, string name, int value);
    [LibraryImport(Library)] private static partial nint new_fluid_synth(nint settings);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] private static partial int fluid_synth_sfload(nint synth, string path, int resetPresets);
    [LibraryImport(Library)] private static partial int fluid_synth_program_change(nint synth, int channel, int program);
    [LibraryImport(Library)] private static partial int fluid_synth_noteon(nint synth, int channel, int key, int velocity);
    [LibraryImport(Library)] private static partial int fluid_synth_noteoff(nint synth, int channel, int key);
    [LibraryImport(Library)] private static partial int fluid_synth_cc(nint synth, int channel, int number, int value);
    [LibraryImport(Library)] private static partial void fluid_synth_set_gain(nint synth, float gain);
    [LibraryImport(Library)] private static partial int fluid_synth_write_float(nint synth, int length, float* left, int leftOffset, int leftIncrement, float* right, int rightOffset, int rightIncrement);
    [LibraryImport(Library)] private static partial void delete_fluid_synth(nint synth);
    [LibraryImport(Library)] private static partial void delete_fluid_settings(nint settings);
    [LibraryImport(Library)] private static partial nint fluid_set_log_function(int level, void* function, void* data);
}
