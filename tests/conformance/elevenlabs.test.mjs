// @elevenlabs/elevenlabs-js 2.73.0 (ElevenLabs' own SDK, unchanged) against `mediagate mock`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ElevenLabsClient, ElevenLabsError } from "@elevenlabs/elevenlabs-js";
import { keys, mockUrl } from "./support/env.mjs";
import { mp3Header, pcmRms, readAll } from "./support/audio.mjs";

const client = new ElevenLabsClient({ apiKey: keys.elevenlabs, baseUrl: mockUrl, maxRetries: 0, timeoutInSeconds: 30 });
const rachel = "21m00Tcm4TlvDq8ikWAM";
const text = "Conformance checks speak plainly.";

describe("ElevenLabs textToSpeech.convert", () => {
  for (const [format, sampleRate, kbps] of [
    ["mp3_44100_128", 44100, 128],
    ["mp3_22050_32", 22050, 32],
    ["mp3_44100_64", 44100, 64],
  ]) {
    test(`output_format ${format} gives MP3 at ${sampleRate} Hz, ${kbps} kbps`, async () => {
      const audio = await readAll(await client.textToSpeech.convert(rachel, { text, outputFormat: format, modelId: "eleven_multilingual_v2" }));
      assert.deepEqual(mp3Header(audio), { sampleRate, kbps });
    });
  }

  test("without output_format the answer is the documented default, mp3_44100_128", async () => {
    const audio = await readAll(await client.textToSpeech.convert(rachel, { text }));
    assert.deepEqual(mp3Header(audio), { sampleRate: 44100, kbps: 128 });
  });

  test("output_format pcm_16000 is raw 16-bit little-endian PCM at 16 kHz, as long as the speech", async () => {
    const audio = await readAll(await client.textToSpeech.convert(rachel, { text, outputFormat: "pcm_16000" }));
    const timed = await client.textToSpeech.convertWithTimestamps(rachel, { text });
    const spoken = timed.alignment.characterEndTimesSeconds.at(-1);
    assert.notEqual(audio.toString("latin1", 0, 3), "ID3", "an ID3 tag: MP3, not raw PCM");
    assert.ok(!(audio[0] === 0xff && (audio[1] & 0xe0) === 0xe0), "an MPEG frame sync at byte 0: MP3, not raw PCM");
    assert.equal(audio.length % 2, 0, "16-bit samples come in whole pairs of bytes");
    const seconds = audio.length / (16000 * 2);
    assert.ok(seconds >= spoken * 0.8 && seconds <= spoken + 1.5, `${seconds.toFixed(2)} s of PCM for ${spoken.toFixed(2)} s of speech`);
    assert.ok(pcmRms(audio) > 0.01, "the PCM is silent");
  });

  test("an unknown voice is the SDK's NotFoundError carrying ElevenLabs' detail", async () => {
    await assert.rejects(client.textToSpeech.convert("no-such-voice", { text }), (error) => {
      assert.ok(error instanceof ElevenLabsError, `${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.statusCode, 404);
      assert.equal(error.body?.detail?.status, "voice_not_found");
      return true;
    });
  });

  test("a wrong key is a 401 ElevenLabsError", async () => {
    const stranger = new ElevenLabsClient({ apiKey: "not-a-key", baseUrl: mockUrl, maxRetries: 0 });
    await assert.rejects(stranger.textToSpeech.convert(rachel, { text }), (error) => error instanceof ElevenLabsError && error.statusCode === 401);
  });
});

describe("ElevenLabs timestamps and streaming", () => {
  test("convertWithTimestamps: MP3 audio and a character alignment that spells the text, in time order", async () => {
    const timed = await client.textToSpeech.convertWithTimestamps(rachel, { text });
    assert.ok(mp3Header(Buffer.from(timed.audioBase64, "base64")), "audio_base64 is not MP3");
    const { characters, characterStartTimesSeconds: starts, characterEndTimesSeconds: ends } = timed.alignment;
    assert.equal(characters.join(""), text);
    assert.equal(starts.length, characters.length);
    assert.equal(ends.length, characters.length);
    for (let i = 0; i < characters.length; i++) {
      assert.ok(ends[i] >= starts[i], `character ${i} ends before it starts`);
      if (i > 0) assert.ok(starts[i] >= starts[i - 1], `character ${i} starts before the one ahead of it`);
    }
    assert.ok(ends.at(-1) > 0.5, "the speech lasts under half a second");
  });

  test("convertWithTimestamps honours output_format (mp3_22050_32)", async () => {
    const timed = await client.textToSpeech.convertWithTimestamps(rachel, { text, outputFormat: "mp3_22050_32" });
    assert.deepEqual(mp3Header(Buffer.from(timed.audioBase64, "base64")), { sampleRate: 22050, kbps: 32 });
  });

  test("stream: /v1/text-to-speech/{voice}/stream gives MP3 bytes", async () => {
    const audio = await readAll(await client.textToSpeech.stream(rachel, { text, outputFormat: "mp3_44100_128" }));
    assert.deepEqual(mp3Header(audio), { sampleRate: 44100, kbps: 128 });
  });

  test("streamWithTimestamps: chunks whose audio and alignment add up to the text", async () => {
    const chunks = [];
    for await (const chunk of await client.textToSpeech.streamWithTimestamps(rachel, { text })) chunks.push(chunk);
    assert.ok(chunks.length > 0, "no chunk");
    const audio = Buffer.concat(chunks.map((c) => Buffer.from(c.audioBase64 ?? "", "base64")));
    assert.ok(mp3Header(audio), "the chunks' audio is not MP3");
    assert.equal(chunks.flatMap((c) => c.alignment?.characters ?? []).join(""), text);
  });
});

describe("ElevenLabs voices and user", () => {
  test("voices.getAll (/v1/voices) lists Rachel with her labels", async () => {
    const { voices } = await client.voices.getAll();
    const found = voices.find((v) => v.voiceId === rachel);
    assert.equal(found?.name, "Rachel");
    assert.equal(found.category, "premade");
  });

  test("voices.search (/v2/voices) finds Rachel by name, with the v2 paging fields", async () => {
    const page = await client.voices.search({ search: "Rachel", pageSize: 10 });
    assert.ok(page.voices.some((v) => v.voiceId === rachel && v.name === "Rachel"), JSON.stringify(page.voices));
    assert.equal(typeof page.hasMore, "boolean");
    assert.equal(typeof page.totalCount, "number");
  });

  test("user.get parses against the SDK's schema and reports the subscription", async () => {
    const user = await client.user.get();
    assert.equal(typeof user.userId, "string");
    assert.equal(typeof user.subscription.characterCount, "number");
    assert.ok(user.subscription.characterLimit >= user.subscription.characterCount);
  });
});
