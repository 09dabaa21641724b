/**
 * sphinx-hubroles for MyST-MD (mystmd and Jupyter Book 2).
 *
 * List this file under `project: plugins:` in myst.yml (`sphinx-hubroles myst-plugin` prints
 * its path). It needs Node and the Python that has sphinx-hubroles; no npm package, no network.
 *
 * The plugin decides nothing: Python's core does (docs/reference/protocol.md). This file
 *   - turns each directive into a placeholder holding its request (when a page is parsed);
 *   - asks Python, once per build, what every display of every page shows (the first
 *     `document` transform: all pages are parsed by then), and turns the answer into MyST's
 *     AST, parsing roles.yaml's texts with mystmd's own parser;
 *   - turns `roles:` and `people:` links, and `{term}`s that name a role, into links to the
 *     cards and entries, as the answer says;
 *   - asks Python, once per build, for the problems of the whole project (the first `project`
 *     transform: every page's references are known by then), and reports each one as an error
 *     at its page and line, or, for roles.yaml, at roles.yaml:LINE;
 *   - writes each diagram's picture with the addresses of the pages its boxes link to.
 * One Python process answers both (it starts when a build first needs it, and lasts as long
 * as mystmd). Answers are kept, in memory and under _build/hubroles, while the request, myst.yml and
 * roles.yaml stay the same: a rebuild with nothing changed starts no Python at all, and
 * `myst start` never shows a card of an older roles.yaml.
 *
 * Python is found in this order: the HUBROLES_PYTHON environment variable (a Python program);
 * the Python of the environment this file is installed in; `sphinx-hubroles` on PATH;
 * `python3` on PATH.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SPECS = JSON.parse(fs.readFileSync(path.join(HERE, 'directives.json'), 'utf8'));
const TEXT_DIRECTIVE = 'hubroles-text';
const HOLDERS_ROLE = 'role-holders';
// mystmd's own titles of admonitions (myst-common's admonitionKindToTitle).
const ADMONITION_TITLES = {
  note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution',
  danger: 'Danger', seealso: 'See Also',
};

// What this process knows. mystmd imports the plugin once and keeps it for every build of
// `myst start`, and for the exports it builds side by side, so everything here is keyed by
// what it was made from.
const state = {
  parsed: new Map(), // page -> { vfile, displays }: the directives of its latest parse
  parser: null, // { parseMyst, vfile, line }: mystmd's parser, as a directive last had it
  parsingTexts: false,
  texts: null, // { answer, parsed }: the texts of the latest answer, parsed (parsedTexts)
  pages: new Map(), // page -> what its document transform found: displays, references...
  changes: { displays: 0, problems: 0 }, // how often what each request is made of changed
  memo: new Map(), // command -> { changes, promise }: this build's request, made once
  asked: new Map(), // request digest -> Promise of the answer
  python: new Map(), // project folder -> the Python process that answers (class Python)
  round: { stage: null, checked: new Map(), printed: false, failed: false },
};

// -- small helpers ----------------------------------------------------------------------------

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

function text(value) {
  return { type: 'text', value };
}

function walk(node, visit, parent = null) {
  if (visit(node, parent) === false) return;
  for (const child of node.children ?? []) walk(child, visit, node);
}

function toText(node) {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(toText).join('');
}

function clone(nodes) {
  return structuredClone(nodes);
}

function projectRoot(file) {
  let folder = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.existsSync(path.join(folder, 'myst.yml'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
}

/** A problem at a page: an error (fatal, so that `--strict` fails), or information. */
function report(vfile, message, line, column, severity = 'error') {
  const point = { line: line || 1, column: column || 1 };
  const place = { type: 'hubroles', position: { start: point, end: point } };
  const issued = severity === 'info' ? vfile.info(message, place) : vfile.message(message, place);
  issued.fatal = severity === 'info' ? null : true;
  issued.source = 'sphinx-hubroles';
  return issued;
}

/** A problem outside the pages (roles.yaml's), in mystmd's own words and form. */
function print(problem) {
  const line = problem.line ? `:${problem.line}` : '';
  const column = problem.column && problem.column > 1 ? `:${problem.column}` : '';
  const icon = problem.severity === 'info' ? 'ℹ️ ' : '⛔️';
  console.error(`${icon} ${problem.file}${line}${column} ${problem.message}`);
}

function startRound(stage) {
  // A document transform after a project transform starts another build (`myst start`).
  if (stage === 'document' && state.round.stage === 'project') {
    state.round = { stage, checked: new Map(), printed: false, failed: false };
    state.memo.clear(); // roles.yaml may have changed: ask (or check the answers kept) again
  }
  state.round.stage = stage;
}

// -- asking Python ----------------------------------------------------------------------------

function pythonCommands() {
  const commands = [];
  if (process.env.HUBROLES_PYTHON) commands.push([process.env.HUBROLES_PYTHON, '-m', 'sphinx_hubroles']);
  // Installed as <prefix>/lib/pythonX.Y/site-packages/sphinx_hubroles/mystmd/ (or
  // <prefix>/Lib/site-packages/... on Windows): the Python of that prefix has this package.
  const sitePackages = path.resolve(HERE, '..', '..');
  if (/^(site|dist)-packages$/.test(path.basename(sitePackages))) {
    for (const prefix of [path.resolve(sitePackages, '..', '..', '..'), path.resolve(sitePackages, '..', '..')]) {
      for (const program of ['bin/python3', 'bin/python', 'Scripts/python.exe']) {
        if (fs.existsSync(path.join(prefix, program))) commands.push([path.join(prefix, program), '-m', 'sphinx_hubroles']);
      }
    }
  }
  commands.push(['sphinx-hubroles'], ['python3', '-m', 'sphinx_hubroles']);
  return commands;
}

/** One Python process, `sphinx-hubroles myst-answer`, answering one request per line. The
 * plugin keeps it for the whole build (and `myst start`'s next ones): a clean build starts one
 * Python, for both of its requests. It keeps the build alive only while it owes an answer;
 * when mystmd ends, its standard input closes, and it ends too. */
class Python {
  constructor(command, cwd) {
    this.name = `${command.join(' ')} myst-answer`;
    this.pending = [];
    this.buffer = '';
    this.said = [];
    this.failure = null;
    this.child = spawn(command[0], [...command.slice(1), 'myst-answer'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('error', (error) => this.fail(error));
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => this.read(chunk));
    this.child.stderr.on('data', (chunk) => this.said.push(chunk));
    this.child.stdin.on('error', () => {}); // a Python that ends early is reported on close
    this.child.on('close', (code) => {
      const said = Buffer.concat(this.said).toString('utf8').trim().split('\n').slice(-3).join(' ');
      const error = new Error(`\`${this.name}\` ended (exit status ${code})${said ? `: ${said}` : ''}`);
      // A Python without the package: the next one is tried.
      error.code = /No module named/.test(said) ? 'ENOENT' : 'FAILED';
      this.fail(error);
    });
    this.idle();
  }

  ask(input) {
    if (this.failure) return Promise.reject(this.failure);
    for (const stream of [this.child, this.child.stdout, this.child.stderr, this.child.stdin]) stream.ref?.();
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${input}\n`);
    });
  }

  read(chunk) {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n'); end >= 0; end = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const next = this.pending.shift();
      try {
        next?.resolve(JSON.parse(line));
      } catch {
        next?.reject(new Error(`\`${this.name}\` answered what is not JSON: ${line.slice(0, 200)}`));
      }
    }
    if (!this.pending.length) this.idle();
  }

  idle() {
    for (const stream of [this.child, this.child.stdout, this.child.stderr, this.child.stdin]) stream.unref?.();
  }

  fail(error) {
    this.failure ??= error;
    for (const next of this.pending.splice(0)) next.reject(this.failure);
    this.idle();
  }
}

async function runPython(input, cwd) {
  const kept = state.python.get(cwd);
  if (kept && !kept.failure) return kept.ask(input);
  const tried = [];
  for (const command of pythonCommands()) {
    const python = new Python(command, cwd);
    try {
      const answer = await python.ask(input);
      state.python.set(cwd, python);
      return answer;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      tried.push(command[0]);
    }
  }
  throw new Error(`cannot run sphinx-hubroles (tried ${tried.join(', ')}); install it in the Python that runs myst, put \`sphinx-hubroles\` on PATH, or set HUBROLES_PYTHON to a Python that has it`);
}

/** Whether the files an answer was made from still hold the same bytes (once per build). */
function stillValid(answer) {
  for (const [file, digest] of Object.entries(answer.inputs ?? {})) {
    if (!state.round.checked.has(file)) {
      let now = null;
      try {
        now = sha256(fs.readFileSync(file));
      } catch {
        now = null;
      }
      state.round.checked.set(file, now);
    }
    if (state.round.checked.get(file) !== digest) return false;
  }
  return true;
}

/** The answer to `request`: kept in memory, then on disk, then asked of Python. */
async function ask(request) {
  const input = JSON.stringify(request);
  const key = sha256(`${SPECS.version}\0${input}`);
  const cacheFile = path.join(request.root, SPECS.cache, 'answers', `${key}.json`);
  const known = state.asked.get(key);
  if (known) {
    const answer = await known;
    if (stillValid(answer)) return answer;
  }
  const promise = (async () => {
    try {
      const kept = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
      if (stillValid(kept)) return kept;
    } catch {
      // not kept yet, or damaged: ask
    }
    const answer = await runPython(input, request.root);
    if (answer.error) throw new Error(`sphinx-hubroles: ${answer.error}`);
    if (answer.ok) {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const partial = `${cacheFile}.${process.pid}.part`;
      fs.writeFileSync(partial, JSON.stringify(answer));
      fs.renameSync(partial, cacheFile);
      prune(path.dirname(cacheFile));
    }
    return answer;
  })();
  state.asked.set(key, promise);
  promise.catch(() => state.asked.delete(key));
  return promise;
}

// Answers kept on disk: those of the latest requests, enough for `myst start`'s back-and-forth
// and the exports built beside a site.
const KEPT_ANSWERS = 40;

function prune(folder) {
  try {
    const kept = fs.readdirSync(folder).filter((name) => name.endsWith('.json'))
      .map((name) => [name, fs.statSync(path.join(folder, name)).mtimeMs])
      .sort((a, b) => b[1] - a[1]);
    for (const [name] of kept.slice(KEPT_ANSWERS)) fs.rmSync(path.join(folder, name), { force: true });
  } catch {
    // another build pruned it first: nothing is lost but room
  }
}

function existing(map) {
  return [...map].filter(([file]) => fs.existsSync(file)).sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The answer of `command` for this build; the request is made once while nothing it
 * depends on changes (every page of a build asks the same). */
function memoized(command, make) {
  const known = state.memo.get(command);
  if (known && known.changes === state.changes[command]) return known.promise;
  const promise = ask(make());
  state.memo.set(command, { changes: state.changes[command], promise });
  return promise;
}

function displaysAnswer(file, displays) {
  // Every page's directives, as parsed; this page's as its tree holds them (the same, unless
  // the page was parsed in another session of this process since).
  const parsed = state.parsed.get(file);
  if (!parsed || JSON.stringify(parsed.displays) !== JSON.stringify(displays)) {
    state.parsed.set(file, { vfile: parsed?.vfile ?? null, displays });
    state.changes.displays += 1;
  }
  return memoized('displays', () => ({
    protocol: SPECS.protocol,
    command: 'displays',
    root: projectRoot(file),
    pages: existing(state.parsed).filter(([, entry]) => entry.displays.length).map(([page, entry]) => ({ file: page, displays: entry.displays })),
  }));
}

function problemsAnswer(file) {
  return memoized('problems', () => ({
    protocol: SPECS.protocol,
    command: 'problems',
    root: projectRoot(file),
    pages: existing(state.pages).map(([page, records]) => ({ file: page, ...records })),
  }));
}

// -- directives: placeholders -----------------------------------------------------------------

function note(vfile, request) {
  let entry = state.parsed.get(vfile.path);
  if (!entry || entry.vfile !== vfile) {
    entry = { vfile, displays: [] };
    state.parsed.set(vfile.path, entry);
  }
  entry.displays.push(request);
  state.changes.displays += 1;
}

/** The directive's options as written, every one (mystmd drops those its directive does not
 * declare, after a warning of its own): the core reads them as the Sphinx directive and
 * `check` do, and reports an unknown one or a bad value in their words. An option written
 * without a value is null. */
function writtenOptions(data) {
  const written = (data.node?.children ?? []).filter((child) => child.type === 'mystOption');
  if (!written.length) return Object.fromEntries(Object.entries(data.options ?? {}).map(([key, value]) => [key, String(value)]));
  const options = {};
  for (const option of written) {
    if (option.name in options) continue; // mystmd keeps the first one too
    options[option.name] = option.value === true || option.value == null ? null : String(option.value);
  }
  return options;
}

function directive(spec) {
  return {
    name: spec.name,
    doc: `sphinx-hubroles: the ${spec.name} directive (docs/reference/directives.md)`,
    ...(spec.argument ? { arg: { type: String, required: true, doc: spec.argument } } : {}),
    options: Object.fromEntries(spec.options.map((name) => [name, { type: String }])),
    run(data, vfile, ctx) {
      if (state.parsingTexts) return []; // roles.yaml's texts show no displays
      const line = data.node?.position?.start?.line ?? 1;
      const options = writtenOptions(data);
      const request = { directive: spec.name, line, argument: String(data.arg ?? ''), options };
      note(vfile, request);
      state.parser = { parseMyst: ctx.parseMyst, vfile, line };
      const node = { type: 'hubrolesDisplay', request };
      if (typeof options.caption === 'string' && options.caption) {
        // The caption is the page's own MyST: parsed with the page.
        const parsed = ctx.parseMyst(options.caption);
        const first = parsed.children?.[0];
        node.children = [{ type: 'hubrolesCaption', children: first?.type === 'paragraph' ? first.children : parsed.children }];
      }
      return [node];
    },
  };
}

// `{role-holders}`: a placeholder, filled in from the answer (every role's holders are in it,
// for the role may stand in roles.yaml's texts too); judged with the page's references.
const holdersRole = {
  name: HOLDERS_ROLE,
  doc: 'sphinx-hubroles: who holds a role now (docs/reference/references.md)',
  body: { type: String, required: true },
  run(data) {
    return [{ type: 'hubrolesHolders', id: String(data.body ?? ''), children: [text(String(data.body ?? ''))] }];
  },
};

// roles.yaml's texts, parsed together by mystmd's parser: each in a directive of its own.
const textDirective = {
  name: TEXT_DIRECTIVE,
  doc: 'sphinx-hubroles: a text of roles.yaml (used by the plugin itself)',
  arg: { type: String, required: true },
  body: { type: 'myst' },
  run(data) {
    return [{ type: 'hubrolesText', key: String(data.arg), children: data.body ?? [] }];
  },
};

// -- roles.yaml's texts -----------------------------------------------------------------------

function longestRun(source, char) {
  let longest = 0;
  let run = 0;
  for (const c of source) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Replace mystmd's directive and role wrappers by what they made, as mystmd does after
 * parsing; a heading of roles.yaml never becomes a heading of the page. */
function settle(node, inline) {
  if (!node.children) return;
  const children = [];
  for (const child of node.children) {
    settle(child, inline);
    if (child.type === 'mystDirective' || child.type === 'mystRole') children.push(...(child.children ?? []));
    else if (child.type === 'mystTarget') continue;
    else if (child.type === 'heading') children.push({ type: 'paragraph', class: 'hubroles-rubric', children: [{ type: 'strong', children: child.children }] });
    else children.push(child);
  }
  node.children = children;
}

/** The line of roles.yaml where line `number` (0 for its first) of a text stands: its `line`
 * and on, unless `lines` says where each stands (a NEL in a `|` text ends a line for YAML,
 * not for an editor). */
function textLine(text, number) {
  const lines = text.lines;
  if (!lines || number < 0) return text.line + number;
  if (number < lines.length) return lines[number];
  return lines[lines.length - 1] + number - lines.length + 1;
}

/** The AST of each text `keys` names: block texts as blocks, inline texts as inline nodes (a
 * text that is not one paragraph, "# on call" say, is shown as written). */
function parseTexts(keys, texts, vfile) {
  const result = new Map();
  const parser = state.parser;
  if (!keys.length || !parser) return result;
  let source = '';
  let line = 1;
  const starts = new Map();
  for (const key of keys) {
    const fence = ':'.repeat(Math.max(3, longestRun(texts[key].source, ':') + 1));
    const block = `${fence}{${TEXT_DIRECTIVE}} ${key}\n\n${texts[key].source}\n${fence}\n\n`;
    starts.set(key, line + 2);
    source += block;
    line += block.split('\n').length - 1;
  }
  const before = parser.vfile.messages.length;
  state.parsingTexts = true;
  let root;
  try {
    root = parser.parseMyst(source, -parser.line);
  } finally {
    state.parsingTexts = false;
  }
  const messages = parser.vfile.messages.splice(before);
  settle(root, false);
  walk(root, (node) => {
    if (node.type !== 'hubrolesText') return;
    const start = starts.get(node.key);
    walk(node, (inner) => {
      if (inner.position) {
        inner.position.start.line = textLine(texts[node.key], inner.position.start.line - start);
        inner.position.end.line = textLine(texts[node.key], inner.position.end.line - start);
      }
    });
    let nodes = node.children;
    if (texts[node.key].inline) {
      nodes = nodes.length === 1 && nodes[0].type === 'paragraph' ? nodes[0].children : [text(texts[node.key].source)];
    }
    result.set(node.key, nodes);
    return false;
  });
  // mystmd's own remarks on a text: at the text's line in roles.yaml, where it stands.
  for (const message of messages) {
    const at = message.line ?? 0;
    const key = [...starts].filter(([, start]) => start <= at + 1).pop()?.[0];
    const where = key ? textLine(texts[key], Math.max(0, at - starts.get(key))) : null;
    report(vfile, `${message.reason} (in the text of roles.yaml at line ${where ?? '?'})`, 1, 1, message.fatal ? 'error' : 'info');
  }
  return result;
}

/** Every text of an answer (those its displays show), parsed at once when the first page
 * needs them (one parse is far cheaper than one per page); each page uses copies. mystmd's
 * remarks on a text are reported once, at the page that parsed them. */
function parsedTexts(answer, vfile) {
  if (state.texts?.answer !== answer) {
    state.texts = { answer, parsed: parseTexts(Object.keys(answer.texts), answer.texts, vfile) };
  }
  return state.texts.parsed;
}

// -- answers as MyST's AST --------------------------------------------------------------------

class Renderer {
  constructor(answer, texts) {
    this.answer = answer;
    this.texts = texts;
  }

  text(key) {
    return clone(this.texts.get(key) ?? [text(this.answer.texts[key]?.source ?? '')]);
  }

  roleLink(id, children) {
    const role = this.answer.roles[id];
    if (role?.target === 'card') return [{ type: 'crossReference', identifier: role.identifier, label: role.identifier, children }];
    if (role?.target === 'url') return [{ type: 'link', url: role.url, children }];
    return children;
  }

  personLink(id, children) {
    const person = this.answer.people[id];
    if (person?.target === 'entry') return [{ type: 'crossReference', identifier: person.identifier, label: person.identifier, children }];
    return children;
  }

  /** A link to a role's schedule: its first roles-rotation, else its card (or URL). */
  scheduleLink(id, children) {
    const schedule = this.answer.roles[id]?.schedule;
    if (schedule) return [{ type: 'crossReference', identifier: schedule.identifier, label: schedule.identifier, children }];
    return this.roleLink(id, children);
  }

  /** What `{role-holders}` shows: the answer's words, or the text as written for a role
   * roles.yaml does not know (reported with the problems). */
  holders(node) {
    const id = node.id.trim().toLowerCase();
    const shown = this.answer.holders?.[id];
    const content = shown ? this.inlines(shown.content) : [text(node.id)];
    return [{ type: 'span', class: `hubroles-holders${shown?.held ? '' : ' hubroles-no-holder'}`, children: content }];
  }

  inline(value) {
    if (typeof value === 'string') return [text(value)];
    switch (value.t) {
      case 'myst': return this.text(value.key);
      case 'role': return this.roleLink(value.id, [text(value.text)]);
      case 'person': return this.personLink(value.id, [text(value.text)]);
      case 'schedule': return this.scheduleLink(value.id, [text(value.text)]);
      case 'link': return [{ type: 'link', url: value.url, children: [text(value.text)] }];
      case 'strong': return [{ type: 'strong', children: [text(value.text)] }];
      default: return this.inlines(value.content); // a span: its words (exports know no spans)
    }
  }

  inlines(values) {
    return values.flatMap((value) => this.inline(value));
  }

  /** roles.yaml's items: numbered (`steps`) or bullets, their sub-items likewise. */
  items(items, numbered) {
    return {
      type: 'list',
      ordered: numbered,
      ...(numbered ? { start: 1 } : {}),
      spread: false,
      children: items.map((item) => ({
        type: 'listItem',
        spread: false,
        children: [{ type: 'paragraph', children: this.text(item.text) }, ...(item.items.length ? [this.items(item.items, item.numbered)] : [])],
      })),
    };
  }

  /** A rotation's shifts or slots, each row marked with its days as in Sphinx. */
  schedule(schedule, target = null) {
    const rows = schedule.rows.map((row) => ({
      type: 'tableRow',
      class: ['hubroles-shift', `hubroles-from-${row.first}`, ...(row.last ? [`hubroles-to-${row.last}`] : [])].join(' '),
      children: row.cells.map((cell) => ({ type: 'tableCell', children: this.inlines(cell) })),
    }));
    return this.table(schedule.headings, rows, [text(schedule.title)], target, `hubroles-rotation${schedule.slots ? ' hubroles-slots' : ''}`);
  }

  block(block) {
    const css = block.class ? { class: block.class } : {};
    switch (block.t) {
      case 'paragraph': return [{ type: 'paragraph', ...css, children: this.inlines(block.content) }];
      case 'myst': return this.text(block.key);
      case 'rubric': return [{ type: 'paragraph', class: `hubroles-rubric ${block.class}`.trim(), children: [{ type: 'strong', children: [text(block.title)] }] }];
      case 'items': return [{ ...this.items(block.items, block.numbered), ...css }];
      case 'fields': return [this.fields(block)];
      case 'schedule': return this.schedule(block);
      default: return [{
        type: 'admonition',
        kind: block.kind,
        children: [{ type: 'admonitionTitle', children: [text(ADMONITION_TITLES[block.kind] ?? block.kind)] }, ...this.blocks(block.body)],
      }];
    }
  }

  blocks(blocks) {
    return blocks.flatMap((block) => this.block(block));
  }

  fields(block) {
    return {
      type: 'definitionList',
      ...(block.class ? { class: block.class } : {}),
      children: block.fields.flatMap((field) => [
        { type: 'definitionTerm', children: [text(field.name)] },
        { type: 'definitionDescription', children: this.blocks(field.body) },
      ]),
    };
  }

  heading(depth, title, identifier, htmlId) {
    return {
      type: 'heading',
      depth,
      ...(identifier ? { identifier, label: identifier, html_id: htmlId } : {}),
      children: [text(title)],
    };
  }

  /** A table, in a table container when it has a caption or is a target (`target`:
   * identifier, label and html_id). */
  table(headings, rows, caption, target, css) {
    const table = {
      type: 'table',
      ...(css ? { class: css } : {}),
      children: [
        { type: 'tableRow', children: headings.map((heading) => ({ type: 'tableCell', header: true, children: [text(heading)] })) },
        ...rows,
      ],
    };
    if (!caption && !target) return [table];
    return [{
      type: 'container',
      kind: 'table',
      ...(target ?? {}),
      children: [...(caption ? [{ type: 'caption', children: [{ type: 'paragraph', children: caption }] }] : []), table],
    }];
  }

  display(shown, node, depth, file) {
    const request = node.request;
    const caption = node.children?.find((child) => child.type === 'hubrolesCaption')?.children;
    switch (shown.kind) {
      case 'card':
        return [this.heading(depth, shown.name, shown.identifier, shown.html_id), ...this.blocks(shown.body)];
      case 'glossary': {
        // roles.yaml's terms are mystmd's glossary terms (`term-<name>` ids). mystmd makes
        // every entry of a glossary a term, so the roles' entries, which link to their cards
        // (the cards define their names, as in Sphinx), are definition lists between glossary
        // blocks, in the same sorted order.
        const runs = [];
        for (const entry of shown.entries) {
          const kind = entry.role ? 'role' : 'term';
          if (runs.at(-1)?.kind !== kind) runs.push({ kind, entries: [] });
          runs.at(-1).entries.push(entry);
        }
        return runs.map((run) => {
          if (run.kind === 'term') {
            return {
              type: 'glossary',
              children: [{
                type: 'definitionList',
                children: run.entries.flatMap((entry) => [
                  { type: 'definitionTerm', children: [text(entry.name)] },
                  { type: 'definitionDescription', children: this.text(entry.term) },
                ]),
              }],
            };
          }
          return {
            type: 'definitionList',
            class: 'hubroles-glossary',
            children: run.entries.flatMap((entry) => [
              { type: 'definitionTerm', class: 'hubroles-glossary-role', children: this.roleLink(entry.role, [text(entry.name)]) },
              { type: 'definitionDescription', children: [{ type: 'paragraph', class: 'hubroles-glossary-summary', children: [text(entry.summary)] }] },
            ]),
          };
        });
      }
      case 'people':
        // A directory with :no-index: lists people under a rubric each, as no one's target.
        return shown.entries.flatMap((entry) => [
          shown.no_index ? this.block({ t: 'rubric', title: entry.name, class: 'hubroles-person-secondary' })[0]
            : this.heading(depth, entry.name, entry.identifier, entry.html_id),
          ...(entry.facts.fields.length ? [this.fields(entry.facts)] : []),
        ]);
      case 'rotation':
        return this.schedule(shown.schedule, shown.identifier ? { identifier: shown.identifier, label: shown.identifier, html_id: shown.html_id } : null);
      case 'table':
        if (shown.layout === 'cards') {
          const grid = {
            type: 'grid',
            columns: [1, 1, 2, 2],
            children: shown.cards.map((card) => ({
              type: 'card',
              children: [{ type: 'cardTitle', children: this.inline(card.title) }, ...this.blocks(card.body)],
            })),
          };
          return caption ? [{ type: 'paragraph', class: 'caption', children: caption }, grid] : [grid];
        }
        return this.table(shown.headings, shown.rows.map((row) => ({
          type: 'tableRow',
          children: row.cells.map((cell) => ({ type: 'tableCell', children: this.blocks(cell) })),
        })), caption, request.options.name ? { identifier: request.options.name.toLowerCase(), label: request.options.name } : null, 'hubroles-table');
      case 'diagram':
        return this.diagram(shown, caption, request.options.name, file);
      default:
        return [];
    }
  }

  /** A figure with the picture (dot's SVG: every box links to its card, the legend drawn
   * in), the text version, and the links that tell the project transform where each card's
   * page is. */
  diagram(shown, caption, name, file) {
    const svgFile = shown.svg ? writeSvg(this.answer, shown.svg) : null;
    const nodes = [];
    if (svgFile) {
      nodes.push({
        type: 'container',
        kind: 'figure',
        class: 'hubroles-diagram',
        ...(name ? { identifier: name.toLowerCase(), label: name } : {}),
        children: [
          { type: 'image', url: relativeUrl(file, svgFile), alt: shown.alt, ...(shown.align ? { align: shown.align } : {}), hubrolesKey: shown.key },
          ...(caption ? [{ type: 'caption', children: [{ type: 'paragraph', children: caption }] }] : []),
        ],
      });
      nodes.push({
        type: 'hubrolesPages',
        key: shown.key,
        cache: this.answer.cache,
        children: Object.entries(shown.cards).map(([role, card]) => ({
          type: 'link', url: relativeUrl(file, card.file), role, html_id: card.html_id, children: [],
        })),
      });
    }
    const words = shown.words;
    const version = [
      { type: 'admonitionTitle', children: [text(words.title)] },
      { type: 'paragraph', children: [text(words.roles)] },
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: shown.roles.map((role) => ({
          type: 'listItem',
          spread: false,
          children: [{ type: 'paragraph', children: [...this.roleLink(role.role, [text(role.name)]), text(role.place)] }],
        })),
      },
    ];
    if (shown.sentences.length) {
      version.push({ type: 'paragraph', children: [text(words.relations)] }, {
        type: 'list',
        ordered: false,
        spread: false,
        children: shown.sentences.map((sentence) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [text(sentence)] }] })),
      });
    }
    // Collapsed on the web (an admonition of class dropdown), open when there is no picture.
    nodes.push({ type: 'admonition', kind: 'admonition', class: `hubroles-diagram-text${svgFile ? ' dropdown' : ''}`, children: version });
    return nodes;
  }
}

function relativeUrl(from, to) {
  const relative = path.relative(path.dirname(from), to).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function writeSvg(answer, svg) {
  const file = path.join(answer.cache, 'svg', `${sha256(svg).slice(0, 24)}.svg`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.part`;
    fs.writeFileSync(partial, svg);
    fs.renameSync(partial, file);
  }
  return file;
}

// -- references -------------------------------------------------------------------------------

function prefixed(target, prefixes) {
  const lowered = target.toLowerCase();
  const prefix = prefixes.find((one) => lowered.startsWith(one));
  return prefix === undefined ? null : lowered.slice(prefix.length);
}

/** What a link or cross-reference of the page names: [kind, target as written], or null. */
function referenceOf(node, answer) {
  if (node.type === 'hubrolesHolders') return ['holders', node.id];
  let target = null;
  if (node.type === 'link' && typeof node.url === 'string') target = node.url.startsWith('#') ? node.url.slice(1) : node.url;
  else if (node.type === 'crossReference') {
    if (node.identifier?.startsWith('term-') && node.kind !== 'heading') return ['term', node.label ?? toText(node)];
    target = node.label ?? node.identifier;
  }
  if (!target) return null;
  if (prefixed(target, answer.prefixes.role) !== null) return ['role', target];
  if (prefixed(target, answer.prefixes.person) !== null) return ['person', target];
  return null;
}

function pageSource(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** Where in the page's source `snippet` is written, from `from` on: mystmd gives inline nodes
 * the line their paragraph starts on; a problem is reported at the reference's own line. */
function placeOf(source, snippet, from, last) {
  for (let line = from.line; line <= Math.max(last, from.line) && line <= source.length; line += 1) {
    const column = source[line - 1].indexOf(snippet, line === from.line ? from.column - 1 : 0);
    if (column >= 0) return { line, column: column + 1 };
  }
  return null;
}

/** The references, labels and glossary terms the page itself writes (roles.yaml's texts are
 * judged at their own lines, in roles.yaml). */
function pageRecords(tree, file, answer) {
  const references = [];
  const labels = [];
  const terms = [];
  const source = pageSource(file);
  let cursor = { line: 1, column: 1 }; // references come in source order
  let block = null; // the innermost block node with a position: where to look
  walk(tree, (node) => {
    if (node.type === 'hubrolesDisplay') return false;
    if (node.position && node.children && node.type !== 'link' && node.type !== 'crossReference'
        && node.type !== 'text') block = node;
    const reference = referenceOf(node, answer);
    if (reference) {
      const start = node.position?.start ?? block?.position?.start ?? { line: 1, column: 1 };
      const last = block?.position?.end?.line ?? start.line;
      const from = cursor.line >= start.line ? cursor : { line: start.line, column: 1 };
      const found = placeOf(source, reference[1], from, last) ?? placeOf(source, reference[1], { line: start.line, column: 1 }, last);
      if (found) cursor = { line: found.line, column: found.column + reference[1].length };
      references.push({ kind: reference[0], target: reference[1], line: found?.line ?? start.line, column: found?.column ?? null });
    }
    if (node.type === 'glossary') {
      walk(node, (term) => {
        if (term.type === 'definitionTerm') terms.push({ term: toText(term).trim(), line: term.position?.start?.line ?? 1 });
      });
    }
    if (node.label && node.identifier && !node.implicit && node.type !== 'crossReference' && node.type !== 'link'
        && (prefixed(node.label, answer.prefixes.role) !== null || prefixed(node.label, answer.prefixes.person) !== null)) {
      // Written `(label)=` on a line above the node it names: reported at that line.
      let line = node.position?.start?.line ?? 1;
      for (let at = line - 1; at >= 1; at -= 1) {
        if (source[at - 1]?.includes(`(${node.label})=`)) {
          line = at;
          break;
        }
      }
      labels.push({ label: node.label, line });
    }
    return true;
  });
  return { references, labels, terms };
}

/** Links to roles and people, and terms that name roles, as links to cards and entries. */
function rewriteReferences(tree, answer, renderer) {
  walk(tree, (node) => {
    if (node.type === 'hubrolesPages') return false;
    if (!node.children) return true;
    node.children = node.children.flatMap((child) => {
      const found = child.type === 'link' || child.type === 'crossReference' ? referenceOf(child, answer) : null;
      if (!found) return [child];
      const [kind, target] = found;
      if (kind === 'term') {
        const role = answer.role_terms[target.replace(/\s+/g, ' ').trim().toLowerCase()];
        return role ? renderer.roleLink(role, child.children ?? [text(target)]) : [child];
      }
      const prefixes = answer.prefixes[kind];
      const id = prefixed(target, prefixes);
      const known = kind === 'role' ? answer.roles[id] : answer.people[id];
      const children = child.children?.length ? child.children : [text(known?.name ?? target)];
      if (known?.target) return kind === 'role' ? renderer.roleLink(id, children) : renderer.personLink(id, children);
      if (!known) return children; // unknown: reported as such, shown as its text
      // No card or entry yet: a label written by hand may take it (mystmd resolves it, or
      // says it cannot; the problem is reported either way).
      const identifier = target.toLowerCase();
      return [{ type: 'crossReference', identifier, label: identifier, children }];
    });
    return true;
  });
}

// -- the transforms ---------------------------------------------------------------------------

function setRecords(file, records) {
  const before = state.pages.get(file);
  if (!before || JSON.stringify(before) !== JSON.stringify(records)) {
    state.pages.set(file, records);
    state.changes.problems += 1;
  }
}

function headingDepths(tree) {
  const depths = new Map();
  let depth = 1;
  walk(tree, (node) => {
    if (node.type === 'heading') depth = node.depth;
    if (node.type === 'hubrolesDisplay') {
      depths.set(node, Math.min(6, depth + 1));
      return false;
    }
    return true;
  });
  return depths;
}

function replaceNodes(tree, replacements) {
  walk(tree, (node) => {
    if (!node.children) return true;
    node.children = node.children.flatMap((child) => (replacements.has(child) ? replacements.get(child) : [child]));
    return true;
  });
}

async function documentTransform(tree, vfile) {
  startRound('document');
  const file = vfile.path;
  const placeholders = [];
  walk(tree, (node) => {
    if (node.type === 'hubrolesDisplay') placeholders.push(node);
    return node.type !== 'hubrolesDisplay';
  });
  const displays = placeholders.map((node) => node.request);
  let answer;
  try {
    answer = await displaysAnswer(file, displays);
  } catch (error) {
    if (!state.round.failed) report(vfile, error.message, displays[0]?.line ?? 1, 1);
    state.round.failed = true;
    replaceNodes(tree, new Map(placeholders.map((node) => [node, []])));
    fillHolders(tree, null);
    return;
  }
  if (!answer.ok) { // roles.yaml cannot be used: its problems are reported with the judgement
    setRecords(file, { displays, references: [], labels: [], terms: [] });
    replaceNodes(tree, new Map(placeholders.map((node) => [node, []])));
    fillHolders(tree, null);
    return;
  }
  setRecords(file, { displays, ...pageRecords(tree, file, answer) });
  const shownAt = new Map(answer.displays.filter((shown) => shown.file === file).map((shown) => [shown.line, shown]));
  const renderer = new Renderer(answer, parsedTexts(answer, vfile));
  const depths = headingDepths(tree);
  const replacements = new Map();
  for (const node of placeholders) {
    const shown = shownAt.get(node.request.line);
    if (!shown) {
      report(vfile, 'sphinx-hubroles gave no answer for this directive; build again', node.request.line, 1);
      replacements.set(node, []);
      continue;
    }
    for (const problem of shown.problems ?? []) report(vfile, problem.message, problem.line, problem.column);
    const made = renderer.display(shown, node, depths.get(node), file);
    if (made.length && node.identifier && !made[0].identifier) { // a label written above it
      Object.assign(made[0], { identifier: node.identifier, label: node.label, html_id: node.html_id });
    }
    replacements.set(node, made);
  }
  replaceNodes(tree, replacements);
  fillHolders(tree, renderer);
  rewriteReferences(tree, answer, renderer);
}

/** Each `{role-holders}` (of the page, and of roles.yaml's texts it now shows) as the answer
 * words it; without an answer, as written. */
function fillHolders(tree, renderer) {
  walk(tree, (node) => {
    if (!node.children) return true;
    node.children = node.children.flatMap((child) => {
      if (child.type !== 'hubrolesHolders') return [child];
      return renderer ? renderer.holders(child) : [text(child.id)];
    });
    return true;
  });
}

/** Each diagram's picture with the address of every card's page, which mystmd knows now. */
function fillDiagrams(tree, file) {
  const pages = [];
  walk(tree, (node) => {
    if (node.type === 'hubrolesPages') pages.push(node);
    return node.type !== 'hubrolesPages';
  });
  if (!pages.length) return;
  const images = new Map();
  walk(tree, (node) => {
    if (node.type === 'image' && node.hubrolesKey) images.set(node.hubrolesKey, node);
  });
  for (const node of pages) {
    const image = images.get(node.key);
    if (!image) continue;
    const hrefs = new Map(node.children.map((link) => [link.role, link.url?.startsWith('/') ? `..${link.url}#${link.html_id}` : `#${link.html_id}`]));
    const template = fs.readFileSync(path.resolve(path.dirname(file), image.url), 'utf8');
    const svg = template.replace(/xlink:href="hubroles-href:([a-z0-9-]+)"/g, (whole, role) => {
      const href = hrefs.get(role) ?? `#${role}`;
      return `xlink:href="${href.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`;
    });
    image.url = relativeUrl(file, writeSvg({ cache: node.cache }, svg));
  }
  for (const node of images.values()) delete node.hubrolesKey;
  replaceNodes(tree, new Map(pages.map((node) => [node, []])));
}

async function projectTransform(tree, vfile) {
  startRound('project');
  const file = vfile.path;
  fillDiagrams(tree, file);
  if (!state.pages.has(file)) return;
  let answer;
  try {
    answer = await problemsAnswer(file);
  } catch (error) {
    if (!state.round.failed) report(vfile, error.message, 1, 1);
    state.round.failed = true;
    return;
  }
  const pages = new Set(state.pages.keys());
  for (const problem of answer.problems ?? []) {
    if (problem.file === file) report(vfile, problem.message, problem.line, problem.column, problem.severity);
  }
  if (!state.round.printed) {
    state.round.printed = true;
    (answer.problems ?? []).filter((problem) => !pages.has(problem.file)).forEach(print);
  }
  if (answer.summary?.file === file) report(vfile, answer.summary.message, answer.summary.line, 1);
}

const plugin = {
  name: 'sphinx-hubroles',
  author: 'sphinx-hubroles developers',
  license: 'BSD-3-Clause',
  directives: [...SPECS.directives.map(directive), textDirective],
  roles: [holdersRole],
  transforms: [
    { name: 'hubroles-displays', doc: 'cards, tables, diagrams and links of roles.yaml', stage: 'document', plugin: () => documentTransform },
    { name: 'hubroles-problems', doc: 'problems of roles.yaml and its references', stage: 'project', plugin: () => projectTransform },
  ],
};

export default plugin;
