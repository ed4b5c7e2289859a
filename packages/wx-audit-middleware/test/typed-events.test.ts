// What a user sees when an event name is misspelt: the compiler itself is run on a small user file,
// once with the workspace's @types/node 20 and once with the newest @types/node (whose EventEmitter
// accepts any name). The full set of compile-time checks is type-tests/, run by `pnpm typecheck`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const userFile = join(root, 'packages/wx-audit-middleware/test/typed-events.user.ts');
const userCode = `
import { createWxAudit } from '../src/index.js';
const audit = createWxAudit({ token: 't' });
audit.on('sceneAudits', () => undefined);
audit.on('sceneAudit', (e) => { const id: string = e.groupId; return id; });
`;

function compileUserFile(latestNodeTypes: boolean): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    ...(latestNodeTypes ? { typeRoots: [join(root, 'type-tests/node-latest')] } : {}),
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name === userFile || fileExists.call(host, name);
  host.readFile = (name) => (name === userFile ? userCode : readFile.call(host, name));
  host.getSourceFile = (name, version, ...rest) =>
    name === userFile ? ts.createSourceFile(name, userCode, version) : getSourceFile.call(host, name, version, ...rest);
  const program = ts.createProgram([userFile], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(userFile))
    .map((d) => `${ts.getLineAndCharacterOfPosition(d.file!, d.start!).line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe.each([
  ['@types/node 20', false],
  ['the newest @types/node', true],
])('with %s', (_label, latest) => {
  it('a misspelt event name is an error that lists the event names, and listeners get the typed event', () => {
    const errors = compileUserFile(latest);
    expect(errors).toEqual([expect.stringMatching(/^3: Argument of type '"sceneAudits"' is not assignable to parameter of type/), "4: Type 'number' is not assignable to type 'string'."]);
    // The names are listed as a union of literals (not an alias's name); with the catalogue's 33 events
    // TypeScript prints the first ten and "… N more …".
    expect(errors[0]).toMatch(/"message" \| "weappAuditSuccess" \| .* \.\.\. \d+ more \.\.\. /);
  }, 60_000);
});
