// @google/genai 3.3.0 (Google's own SDK, unchanged) against `mediagate mock`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError, GoogleGenAI } from "@google/genai";
import { keys, mockUrl } from "./support/env.mjs";

const model = "gemini-2.5-flash";
const prompt = "Describe a calm product video in one line.";
const client = (apiVersion, apiKey = keys.gemini) =>
  new GoogleGenAI({ apiKey, httpOptions: { baseUrl: mockUrl, ...(apiVersion ? { apiVersion } : {}) } });

function assertAnswer(response) {
  assert.match(response.text ?? "", /calm product video/, `text: ${JSON.stringify(response.text)}`);
  assert.equal(response.candidates?.[0]?.finishReason, "STOP");
  assert.equal(typeof response.modelVersion, "string", "modelVersion");
}

function assertMetadata(response) {
  const usage = response.usageMetadata;
  assert.equal(typeof usage?.promptTokenCount, "number", "usageMetadata.promptTokenCount");
  assert.equal(typeof usage.candidatesTokenCount, "number", "usageMetadata.candidatesTokenCount");
  assert.equal(usage.totalTokenCount, usage.promptTokenCount + usage.candidatesTokenCount, "usageMetadata.totalTokenCount");
  assert.equal(typeof response.responseId, "string", "responseId");
  assert.ok(response.responseId.length > 0, "an empty responseId");
}

describe("Gemini models.generateContent", () => {
  test("on v1beta: the answer's text, finishReason and modelVersion", async () => {
    assertAnswer(await client("v1beta").models.generateContent({ model, contents: prompt }));
  });

  test("on v1beta: usageMetadata with totalTokenCount, and a responseId", async () => {
    assertMetadata(await client("v1beta").models.generateContent({ model, contents: prompt }));
  });

  test("on the SDK's default API version (/v1): the same answer and metadata", async () => {
    const response = await client().models.generateContent({ model, contents: prompt });
    assertAnswer(response);
    assertMetadata(response);
  });

  test("generateContentStream (:streamGenerateContent?alt=sse): chunks that add up to the answer", async () => {
    const chunks = [];
    for await (const chunk of await client("v1beta").models.generateContentStream({ model, contents: prompt })) chunks.push(chunk);
    assert.ok(chunks.length > 0, "no chunk");
    assert.match(chunks.map((c) => c.text ?? "").join(""), /calm product video/);
    assert.equal(chunks.at(-1).candidates?.[0]?.finishReason, "STOP");
  });
});

describe("Gemini errors", () => {
  test("a bad API key is the SDK's ApiError with 400 INVALID_ARGUMENT (API_KEY_INVALID), as Google answers", async () => {
    await assert.rejects(client("v1beta", "not-a-key").models.generateContent({ model, contents: prompt }), (error) => {
      assert.ok(error instanceof ApiError, `${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 400);
      assert.match(error.message, /INVALID_ARGUMENT/);
      assert.match(error.message, /API_KEY_INVALID/);
      return true;
    });
  });

  test("an unknown model is Google's 404 shape, status NOT_FOUND", async () => {
    await assert.rejects(client("v1beta").models.generateContent({ model: "no-such-model", contents: prompt }), (error) => {
      assert.ok(error instanceof ApiError, `${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 404);
      assert.match(error.message, /"NOT_FOUND"/);
      return true;
    });
  });
});
