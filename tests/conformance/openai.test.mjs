// openai 7.59.0 (OpenAI's own SDK, unchanged) against `mediagate serve`'s POST /v1/audio/speech, with a gateway token.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import OpenAI, { APIError, AuthenticationError, BadRequestError } from "openai";
import { gatewayToken, gatewayUrl, keys } from "./support/env.mjs";
import { mp3Header, pcmRms, wavHeader } from "./support/audio.mjs";

const openai = new OpenAI({ apiKey: gatewayToken, baseURL: `${gatewayUrl}/v1`, maxRetries: 0, timeout: 30_000 });
const input = "The gateway speaks through OpenAI's client.";
const marcia = "05f19352e8f74b0392a8f411eba40de1"; // a public HeyGen voice of the mock (`GET /v3/voices`)

async function speak(body) {
  const { data, response } = await openai.audio.speech.create({ model: "gpt-4o-mini-tts", input, voice: "alloy", ...body }).withResponse();
  return { bytes: Buffer.from(await data.arrayBuffer()), provider: response.headers.get("x-mediagate-provider"), type: response.headers.get("content-type") };
}

describe("OpenAI audio.speech.create through the gateway", () => {
  test("mp3: MPEG audio bytes with audio/mpeg, from the local voice while the pool has no account", async () => {
    const { bytes, provider, type } = await speak({ response_format: "mp3" });
    assert.equal(type, "audio/mpeg");
    assert.ok(mp3Header(bytes), "the bytes are not MP3");
    assert.ok(bytes.length > 2000, `only ${bytes.length} bytes`);
    assert.ok(provider, "no X-Mediagate-Provider header");
  });

  test("wav: a RIFF/WAVE file of 16-bit mono speech", async () => {
    const { bytes, type } = await speak({ response_format: "wav" });
    assert.equal(type, "audio/wav");
    const wav = wavHeader(bytes);
    assert.ok(wav, "the bytes are not WAV");
    assert.equal(wav.channels, 1);
    assert.equal(wav.bitsPerSample, 16);
    assert.ok(wav.dataBytes / (wav.sampleRate * 2) > 1, "under a second of speech");
    assert.ok(pcmRms(bytes.subarray(44)) > 0.01, "the WAV is silent");
  });

  test("pcm: raw 24 kHz 16-bit speech, the length the wav's data has", async () => {
    const [{ bytes: pcm }, { bytes: wavBytes }] = [await speak({ response_format: "pcm" }), await speak({ response_format: "wav" })];
    const wav = wavHeader(wavBytes);
    assert.equal(wav.sampleRate, 24000, "OpenAI's pcm is 24 kHz; compare like with like");
    assert.ok(Math.abs(pcm.length - wav.dataBytes) <= 4800, `pcm ${pcm.length} bytes, wav data ${wav.dataBytes}`);
    assert.ok(pcmRms(pcm) > 0.01);
  });

  test("opus: an Ogg Opus stream (OggS pages, an OpusHead), streamed by the local voice", async () => {
    const { bytes, type } = await speak({ response_format: "opus" });
    assert.equal(type, "audio/ogg");
    assert.equal(bytes.subarray(0, 4).toString("latin1"), "OggS");
    assert.ok(bytes.includes(Buffer.from("OpusHead")), "no OpusHead packet");
    assert.ok(bytes.length > 2000, `only ${bytes.length} bytes`);
  });

  test("flac: a FLAC stream with its STREAMINFO at 24 kHz mono", async () => {
    const { bytes, type } = await speak({ response_format: "flac" });
    assert.equal(type, "audio/flac");
    assert.equal(bytes.subarray(0, 4).toString("latin1"), "fLaC");
    // STREAMINFO: 20 bits of sample rate, 3 of channels - 1, starting 18 bytes into the block after the 4-byte marker and header.
    const info = bytes.subarray(8);
    const rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
    assert.equal(rate, 24000);
    assert.equal(((info[12] >> 1) & 0x7) + 1, 1);
  });

  test("an unsupported response_format (aac) is a BadRequestError (400) whose message names the field and the formats", async () => {
    await assert.rejects(openai.audio.speech.create({ model: "tts-1", input, voice: "alloy", response_format: "aac" }), (error) => {
      assert.ok(error instanceof BadRequestError, `${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 400);
      assert.match(error.message, /response_format/);
      assert.match(error.message, /mp3, opus, flac, wav, pcm/);
      assert.equal(error.type, "invalid_request_error");
      return true;
    });
  });

  test("a token the gateway never issued is an APIError with status 401", async () => {
    const stranger = new OpenAI({ apiKey: "user:999-not-a-token", baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
    await assert.rejects(stranger.audio.speech.create({ model: "tts-1", input, voice: "alloy" }), (error) => {
      assert.ok(error instanceof AuthenticationError, `${error?.constructor?.name}: ${error?.message}`);
      assert.ok(error instanceof APIError);
      assert.equal(error.status, 401);
      assert.ok(error.message.length > 4, "no message");
      return true;
    });
  });

  test("with the mock's HeyGen key pooled, a HeyGen voice id is spoken by the pool (X-Mediagate-Provider changes)", async () => {
    const before = (await speak({ response_format: "mp3" })).provider;
    const added = await fetch(`${gatewayUrl}/v1/heygen/accounts`, {
      method: "POST",
      headers: { authorization: `Bearer ${gatewayToken}`, "content-type": "application/json" },
      body: JSON.stringify({ apiKey: keys.heygen, maxJobs: 2 }),
    });
    assert.equal(added.status, 201, await added.text());
    const { bytes, provider } = await speak({ response_format: "mp3", voice: marcia });
    assert.ok(mp3Header(bytes), "the bytes are not MP3");
    assert.notEqual(provider, before, `still served by ${before}`);
  });
});
