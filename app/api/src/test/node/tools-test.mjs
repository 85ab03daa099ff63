// Function calling through the Tars local API with the official openai client. Run by OpenAiToolsNodeClientIT.
// Sends TARS_TOOL_REQUESTS requests (tool_choice required, named and auto; streamed and not; parallel on and off)
// and validates every call's arguments against the tool's own schema with Ajv. Prints one JSON line of findings;
// a failed check exits non-zero with the reason on stderr.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Ajv from 'ajv';

const client = new OpenAI({ baseURL: process.env.TARS_BASE_URL, apiKey: process.env.TARS_API_KEY, maxRetries: 0,
  timeout: 120_000 });
const requests = Number(process.env.TARS_TOOL_REQUESTS ?? '100');

const tools = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather now in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string', minLength: 1 },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] } } },
  { type: 'function', function: { name: 'create_event', description: 'Put an event in the agenda.',
    parameters: { type: 'object', properties: { title: { type: 'string' }, minutes: { type: 'integer', minimum: 1,
      maximum: 600 }, attendees: { type: 'array', items: { type: 'string' } }, online: { type: 'boolean' } },
    required: ['title', 'minutes'] } } },
  { type: 'function', function: { name: 'search_notes', description: 'Search the notes.',
    parameters: { type: 'object', properties: { query: { type: 'string' }, k: { type: 'integer' } },
      required: ['query'] } } },
];
const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(tools.map((t) => [t.function.name, ajv.compile(t.function.parameters)]));

const modes = ['required', 'named', 'auto'];
const findings = { requests: 0, calls: 0, invalid: 0, textAnswers: 0, cut: 0, byMode: {}, invalidSamples: [] };

function check(mode, name, args, parallel, count) {
  findings.calls++;
  let parsed;
  try {
    parsed = JSON.parse(args);
  } catch (e) {
    findings.invalid++;
    findings.invalidSamples.push({ mode, name, args, why: String(e) });
    return;
  }
  const validate = validators[name];
  if (!validate || !validate(parsed) || (mode === 'named' && name !== 'create_event') || (!parallel && count > 1)) {
    findings.invalid++;
    findings.invalidSamples.push({ mode, name, args, why: validate ? ajv.errorsText(validate.errors) : 'unknown tool' });
  }
}

async function once(i) {
  const mode = modes[i % 3];
  const stream = i % 2 === 1;
  const parallel = i % 4 < 2;
  const body = {
    model: 'tars',
    messages: [{ role: 'user', content: `Request ${i}: what is the weather in Lima, and book lunch with Ana.` }],
    tools,
    tool_choice: mode === 'named' ? { type: 'function', function: { name: 'create_event' } } : mode,
    parallel_tool_calls: parallel,
    max_tokens: 1000,
    temperature: 1.0,
    seed: i,
  };
  let calls = [];
  let text = '';
  let finish;
  if (stream) {
    const s = await client.chat.completions.create({ ...body, stream: true });
    const byIndex = new Map();
    for await (const chunk of s) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta?.content ?? '';
      for (const call of choice.delta?.tool_calls ?? []) {
        const seen = byIndex.get(call.index) ?? { name: '', arguments: '' };
        seen.name += call.function?.name ?? '';
        seen.arguments += call.function?.arguments ?? '';
        byIndex.set(call.index, seen);
      }
      finish = choice.finish_reason ?? finish;
    }
    calls = [...byIndex.values()];
  } else {
    const c = await client.chat.completions.create(body);
    finish = c.choices[0].finish_reason;
    text = c.choices[0].message.content ?? '';
    calls = (c.choices[0].message.tool_calls ?? []).map((t) => t.function);
  }
  findings.requests++;
  const m = (findings.byMode[mode + (stream ? '-stream' : '')] ??= { requests: 0, calls: 0, text: 0 });
  m.requests++;
  if (finish === 'length') findings.cut++;
  if (calls.length === 0) {
    findings.textAnswers++;
    m.text++;
    if (mode !== 'auto') {
      findings.invalid++;
      findings.invalidSamples.push({ mode, why: `no call (finish ${finish})`, text: text.slice(0, 200) });
    }
    return;
  }
  assert.equal(finish, 'tool_calls', `request ${i}: finish_reason`);
  m.calls += calls.length;
  for (const call of calls) check(mode, call.name, call.arguments, parallel, calls.length);
}

const started = Date.now();
for (let i = 0; i < requests; i++) await once(i);
findings.seconds = (Date.now() - started) / 1000;

// A round trip: the tool's result goes back as a role "tool" message and the model answers in text.
const first = await client.chat.completions.create({ model: 'tars', tools, tool_choice: 'required', max_tokens: 1000,
  messages: [{ role: 'user', content: 'Weather in Quito?' }] });
const asked = first.choices[0].message;
assert.ok(asked.tool_calls?.length > 0, 'no call to answer');
const second = await client.chat.completions.create({ model: 'tars', tools, tool_choice: 'none', max_tokens: 16,
  messages: [{ role: 'user', content: 'Weather in Quito?' }, asked,
    ...asked.tool_calls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: '{"celsius": 14}' }))] });
findings.afterResult = { finish: second.choices[0].finish_reason, chars: second.choices[0].message.content.length,
  calls: second.choices[0].message.tool_calls?.length ?? 0 };

findings.invalidSamples = findings.invalidSamples.slice(0, 5);
console.log(JSON.stringify(findings));
