// HyperFrames 0.8.170's own media pipeline (audio.mjs, heygen-tts.mjs, heygen-voice.mjs, unchanged from the npm package) and
// `mediagate audio`, pointed at `mediagate serve`'s HeyGen /v3 with nothing but environment variables: HEYGEN_API_BASE (the
// gateway's public name), HEYGEN_ALLOW_HTTP=1 and a gateway token as HEYGEN_API_KEY. The gateway pools the mock's HeyGen
// account for tenant A with maxJobs 2; tenant B has no account; tenant C pools the same upstream account on its own (so the
// upstream lists every clone to both, and only the gateway keeps them apart). run.sh starts this gateway and its mock for
// this file alone, so the mock's records and its in-flight high-water mark are this file's.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { before, describe, test } from "node:test";
import { keys, work } from "./support/env.mjs";
import { mp3Header, wavHeader } from "./support/audio.mjs";
import { audioRun, peer, project } from "./support/peer.mjs";
import { bearer, call, noWait, upstream, v3, watch } from "./support/gateway-v3.mjs";

const run = promisify(execFile);
const maxJobs = 2;
const marcia = "05f19352e8f74b0392a8f411eba40de1"; // the peer's pinned English voice, a public voice of the mock
/** The host-gateway environment for the peer: only the gateway's name resolves, so every download it makes is the gateway's. */
const gatewayEnv = (token = v3.tokenA) => ({
  HEYGEN_API_BASE: v3.public,
  HEYGEN_ALLOW_HTTP: "1",
  HEYGEN_API_KEY: token,
  CONFORMANCE_LOOPBACK_NAMES: new URL(v3.public).hostname,
});
const usage = async (token) => {
  const answer = await bearer(token, "GET", "/v1/heygen/usage");
  assert.equal(answer.status, 200, answer.text);
  return answer.json;
};
const kind = (counts, name) => counts?.kinds?.[name] ?? 0;
const words = (text) => text.split(/\s+/).map((w) => w.replace(/[^\w]/g, "").toLowerCase());

before(async () => {
  for (const token of [v3.tokenA, v3.tokenC]) {
    const added = await bearer(token, "POST", "/v1/heygen/accounts", { apiKey: keys.heygen, maxJobs });
    assert.equal(added.status, 201, added.text);
  }
  // Each upstream speech call takes 300 ms, so four of the peer's calls at once really meet two slots.
  const slow = await fetch(`${v3.mock}/_mock/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pathPrefix: "/v3/voices/speech", kind: "Latency", delayMs: 300, times: null }),
  });
  assert.equal(slow.status, 201, await slow.text());
});

describe("HeyGen's /v3 on the gateway: auth, the tenant's view and the media URLs", () => {
  test("users/me answers HeyGen's shape plus data.mediagate: tenant A, its one account and its capacity", async () => {
    for (const ask of [call, bearer]) {
      const me = await ask(v3.tokenA, "GET", "/v3/users/me");
      assert.equal(me.status, 200, me.text);
      const gateway = me.json.data.mediagate;
      assert.equal(gateway.gateway, "mediagate");
      assert.match(gateway.version, /^\d+\.\d+\.\d+/);
      assert.equal(gateway.tenant, "team-a");
      assert.equal(gateway.accounts.length, 1, me.text);
      assert.deepEqual([gateway.accounts[0].max_jobs, gateway.accounts[0].state], [maxJobs, "ready"]);
      assert.equal(gateway.capacity.max_jobs, maxJobs);
      assert.equal(gateway.capacity.free + gateway.capacity.running, maxJobs);
      assert.ok(!me.text.includes(keys.heygen), "the upstream key is in the answer");
    }
  });

  test("a token the gateway never issued gets 401 in HeyGen's error shape", async () => {
    const me = await call("user:999-not-a-token", "GET", "/v3/users/me");
    assert.equal(me.status, 401);
    assert.equal(me.json?.data ?? null, null, me.text);
    assert.equal(typeof me.json?.error?.message, "string", me.text);
    assert.ok(me.json.error.message.length > 0);
  });

  test("speech and sounds answer with signed media URLs on the gateway's public address, and never the upstream's", async () => {
    const speech = await call(v3.tokenA, "POST", "/v3/voices/speech", { text: "Signed and cached.", voice_id: marcia, speed: 1 });
    assert.equal(speech.status, 200, speech.text);
    const sounds = await call(v3.tokenA, "GET", "/v3/audio/sounds?query=calm%20cinematic%20underscore&type=music&limit=5");
    assert.equal(sounds.status, 200, sounds.text);
    const urls = [speech.json.data.audio_url, ...Object.values(sounds.json.data).map((s) => s.audio_url)];
    assert.ok(urls.length > 1, sounds.text);
    for (const text of [speech.text, sounds.text]) {
      assert.ok(!text.includes(new URL(v3.mock).host), `an upstream URL leaked: ${text}`);
    }
    for (const url of urls) {
      const parsed = new URL(url);
      assert.equal(parsed.origin, v3.public, url);
      assert.match(parsed.pathname, /^\/v3\/media\/[^/]+$/, url);
      assert.match(parsed.searchParams.get("expires") ?? "", /^\d+$/, url);
      assert.ok(parsed.searchParams.get("sig"), url);
    }
    // No auth header on the download, as HyperFrames sends none; the bytes are the upstream's audio.
    const local = new URL(speech.json.data.audio_url.replace(v3.public, v3.local));
    const bytes = Buffer.from(await (await fetch(local)).arrayBuffer());
    assert.ok(mp3Header(bytes), "the media URL did not give MP3");
    const forged = new URL(local);
    forged.searchParams.set("sig", "0".repeat(forged.searchParams.get("sig").length));
    assert.ok([403, 410].includes((await fetch(forged)).status), "a forged signature was accepted");
    const stale = new URL(local);
    stale.searchParams.set("expires", "1000000000");
    assert.ok([403, 410].includes((await fetch(stale)).status), "a changed expiry was accepted");
  });
});

describe("HyperFrames audio.mjs through the gateway (HYPERFRAMES_TTS_CONCURRENCY=4, maxJobs 2)", () => {
  const lines = [
    { id: "01", text: "Meet the new way to ship.", sfx: ["whoosh"] },
    { id: "02", text: "Fast, calm and ready.", sfx: [] },
    { id: "03", text: "Two slots, four voices at once.", sfx: [] },
    { id: "04", text: "And the meter counts it all.", sfx: [] },
  ];
  let first;
  const once = async () => (first ??= await (async () => {
    const usageBefore = await usage(v3.tokenA);
    const requestsBefore = (await upstream()).requests.length;
    const { result, seen } = await watch(v3.tokenA, () => audioRun(
      { provider: "heygen", lang: "en", lines, bgm: { mode: "retrieve", query: "calm cinematic underscore" } },
      { ...gatewayEnv(), HYPERFRAMES_TTS_CONCURRENCY: "4" }));
    const mock = await upstream();
    return { ...result, seen, usageBefore, usageAfter: await usage(v3.tokenA), mock, newRequests: mock.requests.slice(requestsBefore) };
  })());

  test("every line is spoken by HeyGen through the pool: a valid 44.1 kHz WAV with its words, none failed", async () => {
    const { project: dir, meta, stdout } = await once();
    assert.equal(meta.tts_provider, "heygen", stdout);
    assert.equal(meta.voice_id, marcia);
    assert.deepEqual(meta.voices.map((v) => v.id), lines.map((l) => l.id), `lines were dropped; the peer said:\n${stdout}`);
    for (const [index, voice] of meta.voices.entries()) {
      const wav = wavHeader(readFileSync(join(dir, voice.path)));
      assert.deepEqual([wav?.sampleRate, wav?.channels], [44100, 1], voice.path);
      assert.ok(Math.abs(wav.dataBytes / (44100 * 2) - voice.duration_s) < 0.05, voice.path);
      assert.deepEqual(voice.words.map((w) => words(w.text)[0]), words(lines[index].text));
    }
  });

  test("the music is retrieved through the gateway into assets/bgm/track.mp3", async () => {
    const { project: dir, meta, stdout } = await once();
    assert.ok(meta.bgm, `no music; the peer said:\n${stdout}`);
    assert.deepEqual([meta.bgm.path, meta.bgm.mode, meta.bgm_provider], ["assets/bgm/track.mp3", "retrieve", "heygen"]);
    assert.ok(mp3Header(readFileSync(join(dir, meta.bgm.path))), "track.mp3 is not MP3");
  });

  test("the peer talked only to the gateway's public name, and downloaded every file from its /v3/media", async () => {
    const { fetched, blocked } = await once();
    const heygen = fetched.filter((line) => !line.includes("api.openverse.org"));
    assert.ok(heygen.every((line) => line.split(" ")[1].startsWith(`${v3.public}/v3/`)), heygen.join("\n"));
    assert.equal(heygen.filter((line) => line === `POST ${v3.public}/v3/voices/speech`).length, lines.length, heygen.join("\n"));
    assert.equal(heygen.filter((line) => line.startsWith(`GET ${v3.public}/v3/media/`)).length, lines.length + 1, heygen.join("\n"));
    assert.ok(blocked.every((url) => url.startsWith("https://api.openverse.org/")), `other hosts were asked: ${blocked}`);
  });

  test("upstream, every call carried the pooled account's key, never the token, and at most maxJobs speech calls ran at once", async () => {
    const { newRequests, mock } = await once();
    const speech = newRequests.filter((r) => r.path === "/v3/voices/speech");
    assert.equal(speech.length, lines.length);
    const header = (r, name) => Object.entries(r.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    assert.ok(speech.every((r) => header(r, "X-Api-Key") === keys.heygen), "a speech call upstream did not use the pooled key");
    assert.ok(newRequests.every((r) => !JSON.stringify(r).includes(v3.tokenA)), "the gateway token reached the upstream");
    assert.ok(newRequests.some((r) => r.path === "/v3/audio/sounds"), "no music search upstream");
    assert.ok(mock.inflight[keys.heygen] <= maxJobs, `the upstream saw ${mock.inflight[keys.heygen]} calls at once on a maxJobs ${maxJobs} account`);
  });

  test("the scheduler and users/me showed the run's jobs while it ran, never more than maxJobs", async () => {
    const { seen } = await once();
    assert.ok([...seen.jobs.values()].includes("v3-speech"), `no speech job was seen in ${seen.polls} polls of the scheduler: ${[...seen.jobs.values()]}`);
    assert.ok(seen.maxRunning >= 1 && seen.maxRunning <= maxJobs, `the scheduler showed ${seen.maxRunning} running`);
    assert.ok(seen.maxCapacityRunning <= maxJobs, `users/me showed ${seen.maxCapacityRunning} running`);
  });

  test("metering counts the run: one speech job per line with its characters, and the music search", async () => {
    const { usageBefore, usageAfter } = await once();
    const spoken = lines.reduce((sum, l) => sum + l.text.length, 0);
    assert.equal(usageAfter.total.characters - usageBefore.total.characters, spoken, JSON.stringify(usageAfter));
    assert.equal(kind(usageAfter.total, "v3-speech") - kind(usageBefore.total, "v3-speech"), lines.length, JSON.stringify(usageAfter));
    assert.ok(kind(usageAfter.total, "v3-sounds") > kind(usageBefore.total, "v3-sounds"), JSON.stringify(usageAfter));
    assert.ok(usageAfter.total.seconds > usageBefore.total.seconds, JSON.stringify(usageAfter));
    assert.equal(Object.keys(usageAfter.accounts).length, 1, JSON.stringify(usageAfter));
  });
});

describe("HyperFrames heygen-tts.mjs and heygen-voice.mjs through the gateway", () => {
  test("--list prints the pool's public voices", async () => {
    const cwd = mkdtempSync(join(work, "v3-list-"));
    const { stdout } = await peer("heygen-tts.mjs", ["--list"], cwd, gatewayEnv());
    const rows = stdout.trim().split("\n").map((line) => line.split("\t"));
    assert.ok(rows.length > 1 && rows.every((row) => row.length === 3), stdout);
    assert.ok(rows.some((row) => row[0] === marcia && row[2] === "English"), stdout);
  });

  test("heygen-tts.mjs speaks a sentence to narration.wav and its words file", async () => {
    const cwd = mkdtempSync(join(work, "v3-tts-"));
    await peer("heygen-tts.mjs", ["Hello through the gateway.", "-o", "narration.wav", "--words", "words.json"], cwd, gatewayEnv());
    assert.ok(wavHeader(readFileSync(join(cwd, "narration.wav")))?.dataBytes > 0, "narration.wav is not WAV");
    assert.deepEqual(JSON.parse(readFileSync(join(cwd, "words.json"), "utf8")).map((w) => w.text.replace(/\W/g, "")), ["Hello", "through", "the", "gateway"]);
  });

  test("heygen-voice.mjs clones, lists and deletes a voice as tenant A's; tenants B and C never see it", async () => {
    const cwd = mkdtempSync(join(work, "v3-clone-"));
    await peer("heygen-tts.mjs", ["A sample for the clone.", "-o", "sample.wav"], cwd, gatewayEnv());
    const cloned = JSON.parse((await peer("heygen-voice.mjs", ["clone", "sample.wav", "--name", "gw-clone"], cwd, gatewayEnv())).stdout);
    assert.equal(typeof cloned.voice_id, "string", JSON.stringify(cloned));
    const listed = JSON.parse((await peer("heygen-voice.mjs", ["list", "--prefix", "gw-"], cwd, gatewayEnv())).stdout);
    assert.equal(listed.find((v) => v.voice_id === cloned.voice_id)?.name, "gw-clone", JSON.stringify(listed));

    // Tenant C pools the very account the clone lives on, and still neither lists, reads nor deletes it.
    const theirs = await call(v3.tokenC, "GET", "/v3/voices?type=private&limit=100");
    assert.equal(theirs.status, 200, theirs.text);
    assert.ok(!theirs.text.includes(cloned.voice_id), `tenant C sees A's clone: ${theirs.text}`);
    assert.equal((await call(v3.tokenC, "GET", `/v3/voices/${cloned.voice_id}`)).status, 404);
    assert.equal((await call(v3.tokenC, "DELETE", `/v3/voices/${cloned.voice_id}`)).status, 404);
    // Tenant B has no account: its list is refused, in HeyGen's error shape, with the fix.
    const none = await call(v3.tokenB, "GET", "/v3/voices?type=private&limit=100");
    assert.ok(none.status >= 400 && none.status < 500 && !none.text.includes(cloned.voice_id), `${none.status} ${none.text}`);
    assert.match(none.json?.error?.message ?? "", /add one/, none.text);

    await peer("heygen-voice.mjs", ["delete", cloned.voice_id], cwd, gatewayEnv());
    const after = await call(v3.tokenA, "GET", "/v3/voices?type=private&limit=100");
    assert.equal(after.status, 200, after.text);
    assert.ok(!after.text.includes(cloned.voice_id), "the deleted clone is still listed");
    assert.equal((await call(v3.tokenA, "GET", `/v3/voices/${cloned.voice_id}`)).status, 404);
  });
});

describe("mediagate audio through the gateway (HEYGEN_API_BASE and a gateway token)", () => {
  const request = {
    provider: "heygen",
    lang: "en",
    lines: [
      { id: "01", text: "Mediagate runs through the pool too.", sfx: [] },
      { id: "02", text: "The same meter counts it.", sfx: [] },
    ],
    bgm: { mode: "retrieve", query: "calm cinematic underscore" },
  };

  test("its audio_meta.json says HeyGen spoke every line, and the gateway metered its characters", async () => {
    const dir = project(request);
    const home = mkdtempSync(join(work, "v3-mg-home-"));
    const before = await usage(v3.tokenA);
    // The gateway's public name, as HyperFrames gets it. Mediagate is .NET, out of the Node preload's reach, so the name is
    // made to reach 127.0.0.1 the way .NET allows: HTTP_PROXY names the gateway itself, which Kestrel serves in absolute
    // form. Every call, media downloads included, still goes to the gateway by its public name.
    const env = {
      PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, ".cache"),
      HEYGEN_API_BASE: v3.public, HEYGEN_ALLOW_HTTP: "1", HEYGEN_API_KEY: v3.tokenA, HTTP_PROXY: v3.local,
    };
    const { stdout, stderr } = await run(process.env.CONFORMANCE_MEDIAGATE_BIN,
      ["audio", "--request", "audio_request.json", "--hyperframes", ".", "--out", "audio_meta.json", "--json"], { cwd: dir, env, timeout: 120_000 });
    const metaPath = join(dir, "audio_meta.json");
    assert.ok(existsSync(metaPath), `no audio_meta.json; stdout:\n${stdout}\nstderr:\n${stderr}`);
    const meta = JSON.parse(readFileSync(metaPath, "utf8"));
    assert.equal(meta.tts_provider, "heygen", stdout);
    assert.equal(meta.bgm_provider, "heygen", stdout);
    assert.deepEqual(meta.voices.map((v) => v.id), ["01", "02"]);
    meta.voices.forEach((voice, i) => assert.deepEqual(voice.words.map((w) => words(w.text)[0]), words(request.lines[i].text)));
    const after = await usage(v3.tokenA);
    const spoken = request.lines.reduce((sum, l) => sum + l.text.length, 0);
    assert.equal(after.total.characters - before.total.characters, spoken, JSON.stringify(after));
    assert.equal(kind(after.total, "v3-speech") - kind(before.total, "v3-speech"), request.lines.length, JSON.stringify(after));
    assert.ok(!stdout.includes(v3.tokenA) && !stderr.includes(v3.tokenA), "the token was printed");
  });
});

describe("tenant B sees none of tenant A's work", () => {
  test("users/me shows an empty pool, the scheduler nothing running, and metering nothing", async () => {
    const me = await call(v3.tokenB, "GET", "/v3/users/me");
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.data.mediagate.tenant, "team-b");
    assert.deepEqual(me.json.data.mediagate.accounts, []);
    assert.deepEqual(me.json.data.mediagate.capacity, { max_jobs: 0, running: 0, free: 0 });
    const scheduler = await bearer(v3.tokenB, "GET", "/v1/heygen/scheduler");
    assert.equal(scheduler.status, 200, scheduler.text);
    assert.equal(scheduler.json.total, 0);
    assert.deepEqual(scheduler.json.accounts, {});
    const metered = await usage(v3.tokenB);
    assert.equal(metered.total.jobs, 0, JSON.stringify(metered));
    assert.equal(metered.total.characters, 0);
    assert.deepEqual(metered.accounts, {});
  });

  test("its speech call is refused with a 4xx in HeyGen's error shape that says to add an account, and spends nothing upstream", async () => {
    const before = (await upstream()).requests.length;
    const speech = await call(v3.tokenB, "POST", "/v3/voices/speech", { text: "Nobody home.", voice_id: marcia, speed: 1 });
    assert.ok(speech.status >= 400 && speech.status < 500, `${speech.status} ${speech.text}`);
    assert.match(speech.json?.error?.message ?? "", /account/i, speech.text);
    assert.equal((await upstream()).requests.length, before, "the refused call reached the upstream");
  });
});

describe("when the wait for a slot runs out (a gateway with Gateway__SlotWaitSeconds=0): HyperFrames 0.8.170 has no retry", () => {
  const lines = ["One line at a time.", "Two would be too many.", "Three is a queue.", "Four is a crowd."].map((text, i) => ({ id: `0${i + 1}`, text, sfx: [] }));
  const env = (concurrency) => ({
    HEYGEN_API_BASE: noWait.public,
    HEYGEN_ALLOW_HTTP: "1",
    HEYGEN_API_KEY: noWait.tokenD,
    CONFORMANCE_LOOPBACK_NAMES: new URL(noWait.public).hostname,
    HYPERFRAMES_TTS_CONCURRENCY: String(concurrency),
  });

  test("a call that finds the one slot busy gets 429 with Retry-After in HeyGen's shape", async () => {
    const added = await bearer(noWait.tokenD, "POST", "/v1/heygen/accounts", { apiKey: keys.heygen, maxJobs: 1 }, noWait.local);
    assert.equal(added.status, 201, added.text);
    // The upstream holds each speech call 300 ms, so the second of two calls sent together finds the slot taken.
    const body = { text: "Only one fits.", voice_id: marcia, speed: 1 };
    const answers = await Promise.all([1, 2].map(() => call(noWait.tokenD, "POST", "/v3/voices/speech", body, noWait.local)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 429], answers.map((a) => a.text).join("\n"));
    const busy = answers.find((a) => a.status === 429);
    assert.match(busy.headers.get("retry-after") ?? "", /^\d+$/);
    assert.equal(typeof busy.json?.error?.message, "string", busy.text);
  });

  test("at HYPERFRAMES_TTS_CONCURRENCY=4 on one slot the peer drops the lines that met a 429, and exits 0 all the same", async () => {
    const { meta, stdout } = await audioRun({ provider: "heygen", lang: "en", lines, bgm: { mode: "none" } }, env(4));
    assert.ok(meta.voices.length >= 1 && meta.voices.length < lines.length, `${meta.voices.length} of ${lines.length} lines spoken:\n${stdout}`);
    // The peer shows the gateway's 429 message (HeyGen's error.message) as the reason each line was omitted.
    const omitted = stdout.split("\n").filter((line) => /TTS failed — omitted \(every HeyGen account is running its maximum of jobs/.test(line));
    assert.equal(omitted.length, lines.length - meta.voices.length, stdout);
  });

  test("at HYPERFRAMES_TTS_CONCURRENCY=1, within the tenant's capacity as the README advises, every line is spoken", async () => {
    const { meta, stdout } = await audioRun({ provider: "heygen", lang: "en", lines: lines.slice(0, 2), bgm: { mode: "none" } }, env(1));
    assert.deepEqual(meta.voices.map((v) => v.id), ["01", "02"], stdout);
  });
});
