// Drives a running Tars local API with the official openai client. Run by OpenAiNodeClientIT, which starts the
// servers and passes their addresses and key in the environment. Prints one JSON line of findings; any failed
// check exits non-zero with the reason on stderr.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.TARS_BASE_URL;
const embedURL = process.env.TARS_EMBED_BASE_URL;
const apiKey = process.env.TARS_API_KEY;
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const findings = {};

const models = await client.models.list();
const ids = models.data.map((m) => m.id);
assert.ok(ids.length >= 1, 'models.list returned no models');
findings.models = ids;
const model = ids[0];

const completion = await client.chat.completions.create({
  model,
  messages: [
    { role: 'system', content: 'You are brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
  max_tokens: 8,
  temperature: 0.3,
  top_p: 0.9,
  stop: ['zzzz'],
});
assert.equal(completion.object, 'chat.completion');
assert.equal(completion.choices[0].message.role, 'assistant');
assert.ok(completion.choices[0].message.content.length > 0, 'empty non-streamed answer');
assert.equal(completion.usage.completion_tokens, 8);
findings.nonStreamed = { finish: completion.choices[0].finish_reason, chars: completion.choices[0].message.content.length };

const stream = await client.chat.completions.create({
  model,
  messages: [{ role: 'user', content: 'Tell me a story.' }],
  max_tokens: 16,
  stream: true,
  stream_options: { include_usage: true },
});
let streamedText = '';
let chunks = 0;
let finish = null;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  const choice = chunk.choices[0];
  if (choice) {
    streamedText += choice.delta?.content ?? '';
    finish = choice.finish_reason ?? finish;
  }
  usage = chunk.usage ?? usage;
}
assert.ok(chunks > 2, `only ${chunks} chunks streamed`);
assert.ok(streamedText.length > 0, 'empty streamed answer');
assert.equal(finish, 'length');
assert.equal(usage?.completion_tokens, 16);
findings.streamed = { chunks, finish, chars: streamedText.length };

// Embeddings: the client asks for base64 by default and decodes it; the second server has no embedder.
const embedClient = new OpenAI({ baseURL: embedURL, apiKey, maxRetries: 0 });
const embeddings = await embedClient.embeddings.create({ model: 'tars', input: ['hello world', 'good night'] });
assert.equal(embeddings.data.length, 2);
const vector = embeddings.data[0].embedding;
const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
assert.ok(Math.abs(norm - 1) < 1e-3, `embedding is not unit length: ${norm}`);
const floats = await embedClient.embeddings.create({ model: 'tars', input: 'hello world', encoding_format: 'float' });
assert.deepEqual(floats.data[0].embedding.map((v) => v.toFixed(5)), vector.map((v) => v.toFixed(5)));
findings.embeddings = { count: embeddings.data.length, dimension: vector.length };

try {
  await client.embeddings.create({ model: 'tars', input: 'hello' });
  assert.fail('embeddings without an embedder should fail');
} catch (e) {
  assert.ok(e instanceof OpenAI.APIError, `unexpected error ${e}`);
  assert.equal(e.status, 501);
  findings.noEmbedder = { status: e.status, code: e.code, message: e.message };
}

try {
  await new OpenAI({ baseURL, apiKey: 'not-the-key', maxRetries: 0 }).models.list();
  assert.fail('a wrong key should be refused');
} catch (e) {
  assert.ok(e instanceof OpenAI.AuthenticationError, `expected AuthenticationError, got ${e}`);
  findings.wrongKey = { status: e.status, code: e.code };
}

try {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  assert.fail('an unknown model should be refused');
} catch (e) {
  assert.ok(e instanceof OpenAI.NotFoundError, `expected NotFoundError, got ${e}`);
  findings.unknownModel = { status: e.status, code: e.code };
}

console.log(JSON.stringify(findings));
