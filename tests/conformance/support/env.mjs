// What run.sh started, for the tests: the mock's and the gateway's URLs on 127.0.0.1, and the gateway's token.
// A test run without run.sh fails here with the reason, instead of testing nothing.
import assert from "node:assert/strict";

function need(name) {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run the suite with tests/conformance/run.sh, which starts the mock and the gateway`);
  return value;
}

export const mockUrl = need("CONFORMANCE_MOCK_URL");
export const gatewayUrl = need("CONFORMANCE_GATEWAY_URL");
export const gatewayToken = need("CONFORMANCE_GATEWAY_TOKEN");
export const work = need("CONFORMANCE_WORK");
export const node22 = need("CONFORMANCE_NODE");
/** The mock under a host name (resolved to 127.0.0.1 by the preload), for HyperFrames, which refuses loopback literals. */
export const mockNamedUrl = mockUrl.replace("127.0.0.1", need("CONFORMANCE_LOOPBACK_NAMES").split(",")[0]);

// The mock's documented default keys (docs/mock.md); not secrets.
export const keys = {
  heygen: "mock-heygen-key",
  elevenlabs: "mock-elevenlabs-key",
  gemini: "mock-gemini-key",
};
