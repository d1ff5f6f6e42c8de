import path from 'node:path';
import { Document, isMap, isScalar, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { CONFIG_SCHEMA_PATH } from '../config-schema.ts';
import type { InferenceNote, ProfileDraft } from './profile-draft.ts';

/** Where the files `init` writes go, for the paths inside them. */
export interface ConfigFiles {
  /** Absolute path of the config being written. */
  config: string;
  /** Absolute path of the starter scenario it lists. */
  scenario: string;
}

const WIDTH = 110;

/** The text of a commented runwarden.config.yaml for a draft: every inferred item carries its confidence, reason and what to check. */
export function renderConfig(draft: ProfileDraft, files: ConfigFiles): string {
  const dir = path.dirname(files.config);
  const profile = { ...draft.profile, spec: relative(dir, draft.profile.spec) };
  const doc = new Document({ version: 1, providers: { [draft.name]: profile }, scenarios: [relative(dir, files.scenario)] });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${path.relative(dir, CONFIG_SCHEMA_PATH).split(path.sep).join('/')}`,
    ...wrap(`Written by \`runwarden init\` from ${profile.spec}. Every item was inferred from the spec: the comment above it says how sure`
      + ' inference is (high, medium, low) and why; "Check:" marks what to verify before a green run means anything. Reference: docs/config.md.'),
  ].join('\n');
  const providerPath = ['providers', draft.name];
  if (draft.profile.baseUrl === undefined) {
    addComment(doc, [...providerPath, 'auth'], [' baseUrl: https://api.example.com/v1   # your API; without it `runwarden ci` and `runwarden load` start the embedded simulator in its place (or pass --base-url)']);
  }
  for (const note of draft.notes) addComment(doc, [...providerPath, ...note.at], noteLines(note));
  addComment(doc, ['scenarios'], wrap('A starter create-and-poll load scenario with SLO gates: `runwarden ci` runs it. Edit its rate and thresholds to your SLOs.'));
  doc.comment = [' pacts: ./pacts   # Pact files for the contract stage; without them `runwarden ci` skips it with a note (docs/bring-your-own-api.md)'].join('\n');
  flowSmallCollections(doc);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function relative(dir: string, file: string): string {
  const text = path.relative(dir, file).split(path.sep).join('/');
  return text.startsWith('.') ? text : `./${text}`;
}

function noteLines(note: InferenceNote): string[] {
  return [...wrap(`${note.confidence}: ${note.reason}.`), ...(note.check ? wrap(`Check: ${note.check}.`) : [])];
}

/** Comment lines of at most WIDTH characters, each starting with a space (after the `#`). */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + word.length + 1 > WIDTH) { lines.push(` ${line}`); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(` ${line}`);
  return lines;
}

/** Appends comment lines above the key at `keys` (the closest existing ancestor key when it is absent). */
function addComment(doc: Document, keys: readonly string[], lines: readonly string[]): void {
  for (let depth = keys.length; depth > 0; depth--) {
    const holder = depth === 1 ? doc.contents : doc.getIn(keys.slice(0, depth - 1), true);
    if (!isMap(holder)) continue;
    const pair = (holder as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === keys[depth - 1]) as Pair<Node, Node> | undefined;
    if (!pair || !isScalar(pair.key)) continue;
    const existing = pair.key.commentBefore;
    pair.key.commentBefore = [...(existing ? [existing] : []), ...lines].join('\n');
    return;
  }
}

/** Writes collections of scalars on one line (`initial: [queued]`) when short enough and uncommented; the rest stays in blocks. */
function flowSmallCollections(doc: Document): void {
  const length = (value: unknown): number => JSON.stringify(value).length;
  visit(doc, {
    Map(_key, node) {
      const leaves = node.items.every((item) => isScalar(item.value) && isScalar(item.key) && !item.key.commentBefore);
      if (leaves && node.items.length > 0 && length(node.toJSON()) <= 90) node.flow = true;
    },
    Seq(_key, node) {
      // State lists read best on one line, even long ones (a transition's targets).
      if (node.items.every((item) => isScalar(item)) && length(node.toJSON()) <= 120) node.flow = true;
    },
  });
}
