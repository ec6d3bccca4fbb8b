// HyperFrames 0.8.170's own media pipeline (dist/skills/media-use/audio/scripts/*.mjs, unchanged) against `mediagate mock`,
// in a throw-away HyperFrames project, with only node, ffmpeg and ffprobe on its PATH (no Python, no pip, no shell),
// and nothing off loopback: Openverse is refused by the preload (support/loopback-only.mjs) and the peer falls back to
// its bundled library. The mock is reached as mock.mediagate.test (the preload resolves it to 127.0.0.1) because the
// peer refuses media from loopback literals and `localhost`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, test } from "node:test";
import { keys, mockNamedUrl, node22, work } from "./support/env.mjs";
import { mp3Header, wavHeader } from "./support/audio.mjs";

import { audioRun, peer } from "./support/peer.mjs";

describe("HyperFrames audio.mjs against the mock", () => {
  const lines = [
    { id: "01", text: "Meet the new way to ship.", sfx: ["whoosh"] },
    { id: "02", text: "Fast, calm and ready.", sfx: [] },
  ];
  let first;
  const once = async () => (first ??= await audioRun({ provider: "heygen", lang: "en", lines, bgm: { mode: "retrieve", query: "calm cinematic underscore" } }));

  test("every line is spoken by HeyGen (the mock) into assets/voice/<id>.wav, 44.1 kHz mono, with its words", async () => {
    const { project, meta, stdout } = await once();
    assert.equal(meta.tts_provider, "heygen", stdout);
    assert.equal(typeof meta.voice_id, "string");
    assert.deepEqual(meta.voices.map((v) => [v.id, v.path]), [["01", "assets/voice/01.wav"], ["02", "assets/voice/02.wav"]], stdout);
    for (const [index, voice] of meta.voices.entries()) {
      const wav = wavHeader(readFileSync(join(project, voice.path)));
      assert.deepEqual([wav?.sampleRate, wav?.channels], [44100, 1], voice.path);
      assert.ok(Math.abs(wav.dataBytes / (44100 * 2) - voice.duration_s) < 0.05, `${voice.path}: ffprobe said ${voice.duration_s} s`);
      assert.deepEqual(voice.words.map((w) => w.text.replace(/[^\w]/g, "").toLowerCase()),
        lines[index].text.split(/\s+/).map((w) => w.replace(/[^\w]/g, "").toLowerCase()));
      voice.words.forEach((w, i) => assert.equal(w.id, `w${i}`));
    }
    const total = meta.voices.reduce((sum, v) => sum + v.duration_s, 0);
    assert.ok(Math.abs(meta.total_duration_s - total) < 0.01);
  });

  test("word timings are in order, inside the clip, and no word has zero length", async () => {
    const { meta } = await once();
    for (const voice of meta.voices) {
      let previousEnd = 0;
      for (const word of voice.words) {
        assert.ok(word.start >= previousEnd - 1e-6, `${voice.id} ${word.id} "${word.text}" starts before the word ahead of it ends`);
        assert.ok(word.end > word.start, `${voice.id} ${word.id} "${word.text}" lasts ${word.end - word.start} s`);
        assert.ok(word.end <= voice.duration_s + 0.05, `${voice.id} ${word.id} ends after the clip`);
        previousEnd = word.end;
      }
    }
  });

  test("the music is retrieved from the mock's library into assets/bgm/track.mp3 (bgm_mode retrieve, ducked under voice)", async () => {
    const { project, meta, stdout } = await once();
    assert.ok(meta.bgm, `no music; the peer said:\n${stdout}`);
    assert.equal(meta.bgm.path, "assets/bgm/track.mp3");
    assert.equal(meta.bgm.mode, "retrieve");
    assert.equal(meta.bgm_mode, "retrieve");
    assert.equal(meta.bgm_provider, "heygen");
    assert.equal(meta.bgm.volume, 0.12);
    assert.equal(meta.bgm_pending, false);
    assert.ok(mp3Header(readFileSync(join(project, meta.bgm.path))), "track.mp3 is not MP3");
    assert.equal(typeof meta.bgm.duration_s, "number");
  });

  test("Openverse is tried, refused without touching the network, and the cue comes from the bundled library", async () => {
    const { project, meta, blocked, stdout } = await once();
    assert.ok(blocked.some((url) => url.startsWith("https://api.openverse.org/")), `Openverse was never asked: ${blocked}`);
    assert.ok(blocked.every((url) => url.startsWith("https://api.openverse.org/")), `other hosts were asked: ${blocked}`);
    assert.match(stdout, /Openverse unreachable/);
    assert.equal(meta.sfx.length, 1);
    const [cue] = meta.sfx;
    assert.deepEqual([cue.id, cue.name, cue.source, cue.volume, cue.offset_s], ["01", "whoosh", "local", 0.35, 0]);
    assert.match(cue.file, /^assets\/sfx\//);
    assert.ok(existsSync(join(project, cue.file)), cue.file);
  });

  test("the run records its files in the project's .media/ manifest", async () => {
    const { project, meta } = await once();
    const manifest = readFileSync(join(project, ".media/manifest.jsonl"), "utf8");
    for (const path of [...meta.voices.map((v) => v.path), meta.bgm?.path].filter(Boolean)) {
      assert.ok(manifest.includes(path), `${path} is not in .media/manifest.jsonl`);
    }
  });

  test("the README's music query, 'inspiring corporate tech', finds a track (search by meaning, not every word)", async () => {
    const { meta, stdout } = await audioRun({ provider: "heygen", lines: [lines[1]], bgm: { mode: "retrieve", query: "inspiring corporate tech" } });
    assert.ok(meta.bgm, `no music; the peer said:\n${stdout}`);
    assert.equal(meta.bgm.query, "inspiring corporate tech");
  });
});

describe("HyperFrames heygen-tts.mjs and heygen-voice.mjs against the mock", () => {
  test("--list prints voice_id, name and language, with languages named as the peer expects ('English')", async () => {
    const cwd = mkdtempSync(join(work, "list-"));
    const { stdout } = await peer("heygen-tts.mjs", ["--list"], cwd);
    const rows = stdout.trim().split("\n").map((line) => line.split("\t"));
    assert.ok(rows.length > 1, stdout);
    assert.ok(rows.every((row) => row.length === 3 && /^[0-9a-f]{32}$/.test(row[0])), stdout);
    assert.ok(rows.some((row) => row[2] === "English"), `no voice in "English":\n${stdout}`);
  });

  test("heygen-tts.mjs speaks a sentence to narration.wav and its words file", async () => {
    const cwd = mkdtempSync(join(work, "tts-"));
    await peer("heygen-tts.mjs", ["Hello from the peer.", "-o", "narration.wav", "--words", "words.json"], cwd);
    const wav = wavHeader(readFileSync(join(cwd, "narration.wav")));
    assert.ok(wav && wav.dataBytes > 0, "narration.wav is not WAV");
    const words = JSON.parse(readFileSync(join(cwd, "words.json"), "utf8"));
    assert.deepEqual(words.map((w) => w.text.replace(/\W/g, "")), ["Hello", "from", "the", "peer"]);
  });

  test("heygen-voice.mjs clones a voice from a WAV, lists it by prefix, and deletes it", async () => {
    const cwd = mkdtempSync(join(work, "clone-"));
    await peer("heygen-tts.mjs", ["A sample for the clone.", "-o", "sample.wav"], cwd);
    const cloned = JSON.parse((await peer("heygen-voice.mjs", ["clone", "sample.wav", "--name", "conformance-clone"], cwd)).stdout);
    assert.equal(typeof cloned.voice_id, "string", JSON.stringify(cloned));
    const listed = JSON.parse((await peer("heygen-voice.mjs", ["list", "--prefix", "conformance-"], cwd)).stdout);
    const mine = listed.find((v) => v.voice_id === cloned.voice_id);
    assert.equal(mine?.name, "conformance-clone", JSON.stringify(listed));
    // HeyGen gives Unix seconds; the peer passes the value through.
    assert.ok(Number.isFinite(mine.created_at) ? mine.created_at > 0 : !Number.isNaN(Date.parse(mine.created_at)), `created_at ${mine.created_at}`);
    await peer("heygen-voice.mjs", ["delete", cloned.voice_id], cwd);
    const after = JSON.parse((await peer("heygen-voice.mjs", ["list", "--prefix", "conformance-"], cwd)).stdout);
    assert.ok(!after.some((v) => v.voice_id === cloned.voice_id), "the deleted clone is still listed");
  });
});
