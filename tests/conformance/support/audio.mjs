// Small, independent checks of audio bytes: enough to tell MP3 from WAV from raw PCM, and to read their rates.
const MP3_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }; // by MPEG version id
const MP3_KBPS = {
  3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 layer III
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2/2.5 layer III
};

/** The first MPEG audio frame header after any ID3v2 tag: {sampleRate, kbps}, or null when the bytes are not MP3. */
export function mp3Header(bytes) {
  let i = 0;
  if (bytes.length > 10 && bytes.toString("latin1", 0, 3) === "ID3") {
    i = 10 + ((bytes[6] & 0x7f) << 21 | (bytes[7] & 0x7f) << 14 | (bytes[8] & 0x7f) << 7 | (bytes[9] & 0x7f));
  }
  for (; i + 4 <= bytes.length; i++) {
    if (bytes[i] !== 0xff || (bytes[i + 1] & 0xe0) !== 0xe0) continue;
    const version = (bytes[i + 1] >> 3) & 3;
    const layer = (bytes[i + 1] >> 1) & 3;
    const bitrate = bytes[i + 2] >> 4;
    const rate = (bytes[i + 2] >> 2) & 3;
    if (version === 1 || layer !== 1 || bitrate === 0 || bitrate === 15 || rate === 3) continue;
    return { sampleRate: MP3_RATES[version][rate], kbps: MP3_KBPS[version === 3 ? 3 : 2][bitrate] };
  }
  return null;
}

/** A RIFF/WAVE header: {sampleRate, channels, bitsPerSample, dataBytes}, or null. */
export function wavHeader(bytes) {
  if (bytes.length < 44 || bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WAVE") return null;
  let format = null;
  for (let i = 12; i + 8 <= bytes.length;) {
    const id = bytes.toString("latin1", i, i + 4);
    const size = bytes.readUInt32LE(i + 4);
    if (id === "fmt ") format = { channels: bytes.readUInt16LE(i + 10), sampleRate: bytes.readUInt32LE(i + 12), bitsPerSample: bytes.readUInt16LE(i + 22) };
    if (id === "data" && format) return { ...format, dataBytes: Math.min(size, bytes.length - i - 8) };
    i += 8 + size + (size & 1);
  }
  return null;
}

/** Reads a web ReadableStream (what the SDKs return for audio) to one Buffer. */
export async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** RMS of 16-bit little-endian PCM, 0..1: raw PCM that is really speech is well above 0; MP3 bytes read as PCM look like noise. */
export function pcmRms(bytes) {
  let sum = 0;
  const n = Math.floor(bytes.length / 2);
  for (let i = 0; i < n; i++) sum += (bytes.readInt16LE(i * 2) / 32768) ** 2;
  return Math.sqrt(sum / Math.max(1, n));
}
