// The second gateway run.sh starts for gateway-v3.test.mjs: `mediagate serve` with --public-url on gateway.mediagate.test
// (the preload resolves it to 127.0.0.1), its own `mediagate mock` upstream, and three tenants' tokens: team-a (the pool the
// clients use), team-b (no account) and team-c (its own configuration of the same upstream account).
import assert from "node:assert/strict";

function need(name) {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run the suite with tests/conformance/run.sh, which starts the /v3 gateway`);
  return value;
}

/** The gateway on 127.0.0.1 (for our own calls) and under its public name (what clients that refuse loopback are given). */
export const v3 = {
  local: need("CONFORMANCE_V3_URL"),
  public: need("CONFORMANCE_V3_PUBLIC_URL"),
  mock: need("CONFORMANCE_V3_MOCK_URL"),
  tokenA: need("CONFORMANCE_V3_TOKEN_A"),
  tokenB: need("CONFORMANCE_V3_TOKEN_B"),
  tokenC: need("CONFORMANCE_V3_TOKEN_C"),
};

/** A third gateway on the same mock with Gateway__SlotWaitSeconds=0 (429 at once when busy), and its one tenant, team-d. */
export const noWait = {
  local: need("CONFORMANCE_V3_NOWAIT_URL"),
  public: need("CONFORMANCE_V3_NOWAIT_PUBLIC_URL"),
  tokenD: need("CONFORMANCE_V3_TOKEN_D"),
};

/** A call to the gateway with a token, as HyperFrames sends it (X-Api-Key); the answer's status, headers and parsed body. */
export async function call(token, method, path, body, base = v3.local) {
  const headers = { "x-api-key": token };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the test sees text.
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** The same call with `Authorization: Bearer`, as the gateway's /v1 routes and HeyGen's OAuth clients send it. */
export async function bearer(token, method, path, body, base = v3.local) {
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null, text };
}

/** What the v3 mock saw: its recorded requests and its most requests in flight per credential. */
export async function upstream() {
  const [requests, inflight] = await Promise.all([
    fetch(`${v3.mock}/_mock/requests`).then((r) => r.json()),
    fetch(`${v3.mock}/_mock/inflight`).then((r) => r.json()),
  ]);
  return { requests, inflight };
}

/** Polls a tenant's scheduler and users/me while `work` runs: the most jobs seen running, their ids and kinds, and the capacity seen. */
export async function watch(token, work) {
  const seen = { maxRunning: 0, maxCapacityRunning: 0, jobs: new Map(), polls: 0 };
  let done = false;
  const poller = (async () => {
    while (!done) {
      const [scheduler, me] = await Promise.all([bearer(token, "GET", "/v1/heygen/scheduler"), call(token, "GET", "/v3/users/me")]);
      seen.polls++;
      if (scheduler.status === 200) {
        seen.maxRunning = Math.max(seen.maxRunning, scheduler.json.total ?? 0);
        for (const jobs of Object.values(scheduler.json.executing ?? {})) {
          for (const job of jobs) seen.jobs.set(job.jobid, job.verb);
        }
      }
      const running = me.json?.data?.mediagate?.capacity?.running;
      if (Number.isFinite(running)) seen.maxCapacityRunning = Math.max(seen.maxCapacityRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { result: await work(), seen };
  } finally {
    done = true;
    await poller;
  }
}
