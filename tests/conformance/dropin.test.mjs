// The drop-in: HyperFrames 0.8.170's own audio.mjs and `mediagate audio` called with audio.mjs's command line, on the same
// request against the same mock, in two projects; the two audio_meta.json files are compared key by key. Where a value
// differs by design (the README's "Differences from audio.mjs" table), the test says which and checks only its type.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, test } from "node:test";
import { keys, mockUrl, work } from "./support/env.mjs";
import { audioRun, project } from "./support/peer.mjs";

const run = promisify(execFile);
const request = {
  provider: "heygen",
  lang: "en",
  lines: [
    { id: "01", text: "Meet the new way to ship.", sfx: ["whoosh"] },
    { id: "02", text: "Fast, calm and ready.", sfx: [] },
  ],
  bgm: { mode: "retrieve", query: "calm cinematic underscore" },
};

/** Keys whose values differ from the peer's by design; the README's table says why. Only their presence is compared. */
const byDesign = new Set([
  "bgm.path", // always track.wav: the track is fitted to the narration's length before it is written
  "bgm.volume", // the gain the mix measured, not a fixed 0.12
  "bgm.duration_s", // filled: the music is ready when the command ends
  "bgm_target_duration_s",
  "bgm_loop_count",
  "sfx.source", // heygen or local, never openverse (which is not called)
  "sfx.file",
  "sfx.volume", // relative to the narration's loudness
]);

async function mediagateRun() {
  const dir = project(request);
  const home = mkdtempSync(join(work, "mg-home-"));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CACHE_HOME: join(home, ".cache"),
    // The same host gateway environment the peer gets, on the loopback literal (Mediagate has no rule against it).
    HEYGEN_API_BASE: mockUrl,
    HEYGEN_ALLOW_HTTP: "1",
    HEYGEN_API_KEY: keys.heygen,
  };
  const { stdout, stderr } = await run(process.env.CONFORMANCE_MEDIAGATE_BIN,
    ["audio", "--request", "audio_request.json", "--hyperframes", ".", "--out", "audio_meta.json", "--json"], { cwd: dir, env, timeout: 120_000 });
  const metaPath = join(dir, "audio_meta.json");
  assert.ok(existsSync(metaPath), `mediagate wrote no audio_meta.json; stdout:\n${stdout}\nstderr:\n${stderr}`);
  return { project: dir, meta: JSON.parse(readFileSync(metaPath, "utf8")), stderr };
}

const kind = (value) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Every key the peer writes is in ours, with the same kind of value, recursively; arrays are compared element by element. */
function compare(peer, ours, path, problems) {
  if (kind(peer) === "array") {
    if (kind(ours) !== "array" || ours.length !== peer.length) {
      problems.push(`${path}: the peer has ${peer.length} entries, Mediagate ${kind(ours) === "array" ? ours.length : kind(ours)}`);
      return;
    }
    peer.forEach((item, i) => compare(item, ours[i], path, problems));
    return;
  }
  if (kind(peer) !== "object") {
    return;
  }
  for (const [key, value] of Object.entries(peer)) {
    const where = path ? `${path}.${key}` : key;
    if (!(ours && key in ours)) {
      problems.push(`${where}: missing from Mediagate's meta`);
      continue;
    }
    if (byDesign.has(where)) {
      continue;
    }
    if (value !== null && ours[key] !== null && kind(value) !== kind(ours[key])) {
      problems.push(`${where}: the peer writes ${kind(value)}, Mediagate ${kind(ours[key])}`);
      continue;
    }
    compare(value, ours[key], where, problems);
  }
}

describe("mediagate audio as a drop-in for HyperFrames' audio.mjs", () => {
  let both;
  const runs = async () => (both ??= await Promise.all([audioRun(request), mediagateRun()]));

  test("every key of the peer's meta is in Mediagate's, with the same kind of value", async () => {
    const [peer, ours] = await runs();
    const problems = [];
    compare(peer.meta, ours.meta, "", problems);
    assert.deepEqual(problems, [], `peer meta:\n${JSON.stringify(peer.meta, null, 1)}\nours:\n${JSON.stringify(ours.meta, null, 1)}`);
  });

  test("the values that mean the same thing are the same: providers, modes, ids, paths and words", async () => {
    const [{ meta: peer }, { meta: ours }] = await runs();
    assert.equal(ours.tts_provider, peer.tts_provider);
    assert.equal(ours.voice_id, peer.voice_id);
    assert.equal(ours.bgm_mode, peer.bgm_mode);
    assert.equal(ours.bgm_provider, peer.bgm_provider);
    assert.deepEqual(ours.voices.map((v) => [v.id, v.path]), peer.voices.map((v) => [v.id, v.path]));
    assert.deepEqual(ours.voices.map((v) => v.words.map((w) => [w.id, w.text])), peer.voices.map((v) => v.words.map((w) => [w.id, w.text])));
    assert.deepEqual(ours.sfx.map((s) => [s.id, s.name]), peer.sfx.map((s) => [s.id, s.name]));
  });

  test("the timings agree: each line's length within 60 ms, every word within 60 ms, the total within 0.15 s", async () => {
    const [{ meta: peer }, { meta: ours }] = await runs();
    peer.voices.forEach((voice, i) => {
      assert.ok(Math.abs(ours.voices[i].duration_s - voice.duration_s) <= 0.06, `${voice.id}: ${voice.duration_s} s against ${ours.voices[i].duration_s} s`);
      voice.words.forEach((word, j) => {
        const mine = ours.voices[i].words[j];
        assert.ok(Math.abs(mine.start - word.start) <= 0.06 && Math.abs(mine.end - word.end) <= 0.06, `${voice.id}/${word.text}: ${JSON.stringify(word)} against ${JSON.stringify(mine)}`);
      });
    });
    assert.ok(Math.abs(ours.total_duration_s - peer.total_duration_s) <= 0.15, `${peer.total_duration_s} s against ${ours.total_duration_s} s`);
  });

  test("every file either meta names is there in its project", async () => {
    const [peer, ours] = await runs();
    for (const { project: dir, meta } of [peer, ours]) {
      for (const path of [...meta.voices.map((v) => v.path), meta.bgm?.path, ...meta.sfx.map((s) => s.file ?? s.path)].filter(Boolean)) {
        assert.ok(existsSync(join(dir, path)), `${dir}: ${path} is named in the meta but missing`);
      }
    }
  });
});
