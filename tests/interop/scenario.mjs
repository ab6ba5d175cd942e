// One interop scenario, in three steps run by tests/ci/interop.test.sh:
//   node scenario.mjs create <dir>   a development token and a new document (written to <dir>)
//   node scenario.mjs clients <dir>  the TypeScript client and the ot.js 0.0.15 client edit it at once
//   node scenario.mjs check <dir>    every participant's text is the server's, each (clientId, seq) once
// The .NET participant (tests/interop/dotnet) runs beside `clients` with the same <dir>.
// Environment: INTEROP_URL (the server), INTEROP_SEED, INTEROP_EDITS (per client), INTEROP_PARTICIPANTS.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arriveAndWait, until } from './lib/barrier.mjs';
import { api, devToken } from './lib/http.mjs';
import { OtJsParticipant } from './lib/otjs-participant.mjs';
import { randomSplice, rng, spliceJson } from './lib/random-edits.mjs';
import { TsParticipant } from './lib/ts-participant.mjs';

const [command, dir] = process.argv.slice(2);
const server = process.env.INTEROP_URL;
const seed = Number(process.env.INTEROP_SEED ?? 1);
const edits = Number(process.env.INTEROP_EDITS ?? 80);
const participants = Number(process.env.INTEROP_PARTICIPANTS ?? 3);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function create() {
  const token = await devToken(server, 'interop');
  const documentId = `interop-${seed}-${Date.now().toString(36)}`;
  await api(server, token).create(documentId, 'Start 😀 here, 𝄞 there.\n');
  writeFileSync(join(dir, 'token'), token);
  writeFileSync(join(dir, 'document'), documentId);
}

/** Random edits, random drops, then: acknowledged, everyone done, caught up to the server's revision. */
async function run(name, participant, random) {
  try {
    await edit(name, participant, random);
  } catch (error) {
    throw new Error(`${name}: ${error.message} (${participant.describe?.()})`);
  }
}

async function edit(name, participant, random) {
  const http = api(server, readFileSync(join(dir, 'token'), 'utf8'));
  await participant.open();
  for (let i = 0; i < edits; i++) {
    participant.edit(spliceJson(participant.text.length, randomSplice(random, participant.text)));
    const roll = random.int(12);
    if (roll === 0 || i === edits >> 1) participant.drop(); // at least one drop per client
    else if (roll <= 2) await until(() => participant.synchronized, `${name} to be synchronized`);
    else await sleep(random.int(30));
  }
  await until(() => participant.synchronized, `${name} to be synchronized after its edits`, 60_000);
  await arriveAndWait(dir, name, participants);
  const { revision } = await http.document(participant.documentId);
  await until(async () => {
    if (participant.revision < revision && participant.fill) await participant.fill().catch(() => undefined);
    return participant.revision === revision && participant.synchronized;
  }, `${name} to reach revision ${revision}`);
  const result = {
    name,
    clientId: participant.clientId,
    revision: participant.revision,
    text: participant.text,
    editorText: participant.editor ?? participant.text,
    lastSeq: participant.lastSeq ?? null,
    connects: participant.network.connects,
    errors: participant.errors,
  };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(result));
  await participant.close();
  console.log(`${name}: revision ${result.revision}, ${result.connects} connects, ${result.errors.length} errors`);
}

async function clients() {
  const options = {
    url: `${server}/hubs/docs`,
    token: readFileSync(join(dir, 'token'), 'utf8'),
    documentId: readFileSync(join(dir, 'document'), 'utf8'),
  };
  await Promise.all([
    run('typescript', new TsParticipant(options), rng(seed * 3 + 1)),
    run('otjs', new OtJsParticipant(options), rng(seed * 3 + 2)),
  ]);
}

async function check() {
  const documentId = readFileSync(join(dir, 'document'), 'utf8');
  const http = api(server, readFileSync(join(dir, 'token'), 'utf8'));
  const failures = [];
  const { revision, text } = await http.document(documentId);
  const at = await http.textAt(documentId, revision);
  if (at.text !== text) failures.push(`GET /text?revision=${revision} differs from GET /api/documents/{id}`);
  const results = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  if (results.length !== participants) failures.push(`${results.length} participants reported, expected ${participants}`);
  for (const r of results) {
    if (r.revision !== revision) failures.push(`${r.name} is at revision ${r.revision}, the server at ${revision}`);
    if (r.text !== text) failures.push(`${r.name}'s text differs from the server's:\n  ${JSON.stringify(r.text)}\n  ${JSON.stringify(text)}`);
    if (r.editorText !== r.text) failures.push(`${r.name}'s editor (built from its change events) differs from its text`);
    if (r.errors.length > 0) failures.push(`${r.name} reported errors: ${r.errors.join('; ')}`);
    if (r.connects < 2) failures.push(`${r.name} was never disconnected`);
  }

  const log = await http.operations(documentId);
  if (log.length !== revision) failures.push(`the log has ${log.length} operations, the document ${revision} revisions`);
  log.forEach((o, i) => {
    if (o.revision !== i + 1) failures.push(`log entry ${i} has revision ${o.revision}`);
  });
  const seqs = new Map();
  for (const o of log) {
    const key = `${o.clientId}/${o.seq}`;
    if (seqs.has(key)) failures.push(`(clientId, seq) ${key} is in the log twice: revisions ${seqs.get(key)} and ${o.revision}`);
    seqs.set(key, o.revision);
  }
  for (const r of results) {
    const mine = log.filter((o) => o.clientId === r.clientId).map((o) => o.seq);
    const count = r.lastSeq ?? mine.length;
    if (mine.length === 0) failures.push(`${r.name} has no operation in the log`);
    if (mine.length !== count || mine.some((s, i) => s !== i + 1)) failures.push(`${r.name}'s seqs in the log are not 1..${count} in order: ${mine.join(',')}`);
  }
  const clientIds = new Set(results.map((r) => r.clientId));
  const strangers = log.filter((o) => !clientIds.has(o.clientId));
  if (strangers.length > 0) {
    const unknown = [...new Set(strangers.map((o) => o.clientId))];
    const participantsSeen = results.map((r) => `${r.name}=${r.clientId}`).join(', ');
    failures.push(`${strangers.length} operations from unknown clients ${unknown.join(', ')} (revisions ${strangers.map((o) => o.revision).join(',')}; participants ${participantsSeen})`);
  }

  const summary = results.map((r) => `${r.name} ${log.filter((o) => o.clientId === r.clientId).length} ops/${r.connects} connects`).join(', ');
  console.log(`revision ${revision}, ${[...text].length} code points; ${summary}`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

const commands = { create, clients, check };
if (!(command in commands) || !dir || !server) {
  console.error('usage: INTEROP_URL=<server> node scenario.mjs create|clients|check <dir>');
  process.exit(2);
}
await commands[command]().catch((error) => {
  console.error(`${command}: ${error.stack ?? error}`);
  process.exitCode = 1;
});
