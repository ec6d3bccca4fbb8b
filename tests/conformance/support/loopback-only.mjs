// Preloaded into every Node process of the suite (NODE_OPTIONS=--import=…), the SDKs' and HyperFrames' alike:
// nothing may leave this machine's loopback, and nothing is patched in the code under test.
//  - fetch() to any host but a loopback one fails at once with the TypeError a dead network gives ("fetch failed"),
//    before a socket is opened; each refused URL is appended to $CONFORMANCE_BLOCKED_LOG so a test can show it was tried.
//    Each fetch that is let through is appended to $CONFORMANCE_FETCH_LOG (when set) as "METHOD origin/path", so a test can
//    show where a client really went (the query is left out: a signed media URL's signature is not the test's business).
//  - DNS: the names in $CONFORMANCE_LOOPBACK_NAMES (comma-separated) resolve to 127.0.0.1, as an /etc/hosts line would,
//    and every other name except localhost fails with ENOTFOUND, so http.request and node-fetch cannot leave either.
// Why the names: HyperFrames refuses media from loopback literals and `localhost`, so the mock is reached by a name.
import dns from "node:dns";
import { appendFileSync } from "node:fs";

const names = new Set((process.env.CONFORMANCE_LOOPBACK_NAMES ?? "").split(",").map((n) => n.trim().toLowerCase()).filter(Boolean));
const log = process.env.CONFORMANCE_BLOCKED_LOG;
const fetchLog = process.env.CONFORMANCE_FETCH_LOG;
const loopback = (host) => {
  const h = host.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h) || names.has(h);
};

const realLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === "function") [callback, options] = [options, {}];
  if (typeof options === "number") options = { family: options };
  const h = String(hostname).toLowerCase();
  if (names.has(h)) {
    const address = { address: "127.0.0.1", family: 4 };
    return process.nextTick(() => (options?.all ? callback(null, [address]) : callback(null, address.address, 4)));
  }
  if (!loopback(h)) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (the conformance suite stays on loopback)`), { code: "ENOTFOUND", hostname });
    return process.nextTick(() => callback(error));
  }
  return realLookup.call(dns, hostname, options, callback);
};

const realFetch = globalThis.fetch;
globalThis.fetch = async function fetch(input, init) {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  if (!loopback(url.hostname)) {
    if (log) appendFileSync(log, `${url.origin}${url.pathname}\n`);
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(`${url.hostname} is off loopback; the conformance suite refuses it`), { code: "ENOTFOUND" }) });
  }
  if (fetchLog) appendFileSync(fetchLog, `${(init?.method ?? (typeof input === "object" && "method" in input ? input.method : "GET")).toUpperCase()} ${url.origin}${url.pathname}\n`);
  return realFetch(input, init);
};
