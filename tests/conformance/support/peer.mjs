// Runs HyperFrames 0.8.170's own scripts (dist/skills/media-use/audio/scripts/*.mjs, unchanged) the way a host gateway does:
// in a throw-away project, with only node, ffmpeg and ffprobe on PATH, and nothing off loopback (support/loopback-only.mjs).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { keys, mockNamedUrl, node22, work } from "./env.mjs";

const run = promisify(execFile);
const scripts = fileURLToPath(new URL("../node_modules/hyperframes/dist/skills/media-use/audio/scripts/", import.meta.url));

/** A directory holding only node, ffmpeg and ffprobe: the peer's whole PATH. */
export function toolDir() {
  const dir = mkdtempSync(join(work, "path-"));
  for (const [name, target] of [["node", node22], ["ffmpeg", process.env.CONFORMANCE_FFMPEG], ["ffprobe", process.env.CONFORMANCE_FFPROBE]]) {
    assert.ok(target, `${name} not found`);
    symlinkSync(target, join(dir, name));
  }
  return dir;
}

/** Runs one of the peer's scripts in `cwd` with the environment a host gateway gives it, and nothing else. */
export async function peer(script, args, cwd, extraEnv = {}) {
  const blocked = join(cwd, "blocked.log");
  const fetched = join(cwd, "fetched.log");
  const env = {
    PATH: toolDir(),
    HOME: mkdtempSync(join(work, "home-")),
    HEYGEN_API_BASE: mockNamedUrl,
    HEYGEN_ALLOW_HTTP: "1",
    HEYGEN_API_KEY: keys.heygen,
    NODE_OPTIONS: process.env.NODE_OPTIONS,
    CONFORMANCE_LOOPBACK_NAMES: process.env.CONFORMANCE_LOOPBACK_NAMES,
    CONFORMANCE_BLOCKED_LOG: blocked,
    CONFORMANCE_FETCH_LOG: fetched,
    ...extraEnv,
  };
  const { stdout, stderr } = await run(node22, [join(scripts, script), ...args], { cwd, env, timeout: 90_000 });
  const lines = (path) => (existsSync(path) ? readFileSync(path, "utf8").trim().split("\n").filter(Boolean) : []);
  return { stdout, stderr, blocked: lines(blocked), fetched: lines(fetched) };
}

/** A new HyperFrames project folder holding an index.html and the request as audio_request.json. */
export function project(request) {
  const dir = mkdtempSync(join(work, "project-"));
  writeFileSync(join(dir, "index.html"), '<!doctype html><div id="root" data-composition-id="main" data-width="1920" data-height="1080"></div>\n');
  writeFileSync(join(dir, "audio_request.json"), JSON.stringify(request, null, 2));
  return dir;
}

/** A new HyperFrames project folder with an audio_request.json, and the peer's audio.mjs run on it (with `extraEnv` over the host-gateway environment). */
export async function audioRun(request, extraEnv = {}) {
  const dir = project(request);
  const result = await peer("audio.mjs", ["--request", "audio_request.json", "--hyperframes", ".", "--out", "audio_meta.json"], dir, extraEnv);
  const metaPath = join(dir, "audio_meta.json");
  assert.ok(existsSync(metaPath), `no audio_meta.json; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  return { project: dir, meta: JSON.parse(readFileSync(metaPath, "utf8")), ...result };
}
