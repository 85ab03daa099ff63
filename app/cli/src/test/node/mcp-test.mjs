// Drives Tars' MCP server with the official TypeScript MCP SDK client and prints one JSON report (last line);
// McpNodeClientIT checks it. TARS_MCP_MODE=stdio starts TARS_MCP_COMMAND with the JSON array TARS_MCP_ARGS;
// TARS_MCP_MODE=http connects to TARS_MCP_URL, with TARS_API_KEY as the bearer key when set.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const env = process.env;
const message = (e) => String(e?.message ?? e);

function transport() {
  if (env.TARS_MCP_MODE === 'stdio') {
    return new StdioClientTransport({ command: env.TARS_MCP_COMMAND, args: JSON.parse(env.TARS_MCP_ARGS),
      env: { ...process.env }, stderr: 'inherit' });
  }
  const headers = env.TARS_API_KEY ? { Authorization: `Bearer ${env.TARS_API_KEY}` } : {};
  return new StreamableHTTPClientTransport(new URL(env.TARS_MCP_URL), { requestInit: { headers } });
}

const client = new Client({ name: 'tars-mcp-test', version: '1.0.0' });
const report = {};
try {
  await client.connect(transport());
} catch (e) {
  report.connectError = message(e);
  report.connectStatus = e?.code ?? null;
  console.log(JSON.stringify(report));
  process.exit(0);
}

async function call(name, args) {
  try {
    const result = await client.callTool({ name, arguments: args });
    const text = result.content?.[0]?.text ?? '';
    let json = null;
    try { json = JSON.parse(text); } catch { /* an error message is text */ }
    return { isError: result.isError === true, text, json };
  } catch (e) {
    return { rejected: message(e) };
  }
}

async function read(uri) {
  try {
    const result = await client.readResource({ uri });
    return { mimeType: result.contents[0].mimeType, text: result.contents[0].text };
  } catch (e) {
    return { rejected: message(e) };
  }
}

report.server = client.getServerVersion();
report.instructions = client.getInstructions();
report.tools = (await client.listTools()).tools.map((t) => t.name);
const calls = {};
calls.search_documents = await call('search_documents', { query: env.TARS_DOC_QUERY, k: 3 });
calls.search_documents_in_collection = await call('search_documents', { query: env.TARS_DOC_QUERY, collection: 'no such collection' });
calls.search_notes = await call('search_notes', { query: env.TARS_NOTE_QUERY });
calls.list_agenda = await call('list_agenda', { from: env.TARS_FROM, to: env.TARS_TO });
calls.search_conversations = await call('search_conversations', { query: env.TARS_CONVERSATION_QUERY });
calls.arguments_not_matching_the_schema = await call('list_agenda', { from: 'yesterday', when: 3 });
calls.date_that_does_not_exist = await call('list_agenda', { from: '2026-02-30', to: '2026-03-01' });
calls.unknown_tool = await call('delete_everything', {});
calls.create_note = await call('create_note', { text: 'Call the plumber\nabout the kitchen sink' });
calls.create_reminder = await call('create_reminder', { text: 'Water the plants', when: env.TARS_WHEN });
calls.create_event = await call('create_event', { title: 'Dentist', start: env.TARS_WHEN, location: 'Main St 4' });
calls.remember = await call('remember', { fact: 'The person prefers tea to coffee.' });
report.calls = calls;

report.resources = (await client.listResources()).resources.map((r) => r.uri);
report.templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
const notes = await read('tars://notes');
const documents = await read('tars://documents');
report.reads = { notes, documents };
const firstNote = JSON.parse(notes.text ?? '{"notes":[]}').notes[0];
const firstDocument = JSON.parse(documents.text ?? '{"documents":[]}').documents[0];
if (firstNote) report.reads.note = await read(firstNote.uri);
if (firstDocument) report.reads.document = await read(firstDocument.uri);
report.reads.missing = await read('tars://notes/999999');

await client.close();
console.log(JSON.stringify(report));
