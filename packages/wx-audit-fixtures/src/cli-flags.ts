import { CATALOGUE } from '@x/wx-audit-middleware';
import { camelPath, FixtureInvalidError } from './to-wire.js';
import { UsageError } from './cli-usage-error.js';

/** Library names (an option such as `appId`, a wire field such as `serial_no`) → the flag the user typed. */
export type FlagNames = Readonly<Record<string, string>>;

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A library message in the terms of the command line: the library speaks of its options (`appId`,
 * `encodingAESKey`), the user typed flags (`--app-id`, `--aes-key`). Whole words only, so `appId`
 * is replaced and `receiveId` or an already-named `--app-id` is not.
 */
export function inFlagTerms(message: string, flags: FlagNames): string {
  const names = Object.keys(flags).sort((a, b) => b.length - a.length);
  if (names.length === 0) return message;
  const pattern = new RegExp(`(?<![\\w-])(${names.map(escape).join('|')})(?![\\w-])`, 'g');
  return message.replace(pattern, (name) => flags[name] ?? name);
}

/** The elements that wrap a catalogue push's payload: flattened in the fixtures, so never part of a `--set` path. */
const WRAPPERS: ReadonlySet<string> = new Set(CATALOGUE.flatMap((definition) => (definition.wrapper ? [definition.wrapper] : [])));

/**
 * A fixture path in WeChat's field names back to the fixture's own, as `--set` takes it:
 * `SceneGroupAudit.scene_group_ext_list.0.ext_id` → `sceneGroupExtList.0.extId`, `out_request_no` → `outRequestNo`,
 * `result_info.audit_id` → `auditId`.
 */
export function setFieldOf(wirePath: string): string {
  const [head, ...rest] = wirePath.split('.');
  return camelPath(head !== undefined && WRAPPERS.has(head) ? rest.join('.') : wirePath);
}

/**
 * A CONFIG_INVALID WxAuditError, told by its name and code: the wire functions come from the
 * middleware's `/wire` entry, which is bundled with its own copy of the class, so `instanceof` the
 * main entry's WxAuditError is false for them.
 */
function isConfigInvalid(error: unknown): error is Error {
  return error instanceof Error && error.name === 'WxAuditError' && (error as Error & { code?: unknown }).code === 'CONFIG_INVALID';
}

/**
 * Runs `build`, turning what bad input makes the library throw into usage errors (exit 2) worded in
 * flags: the TypeErrors of builders and fixtures, and a CONFIG_INVALID WxAuditError (a malformed key).
 * A fixture invalid after `--set` names the `--set` field.
 */
export function asUsage<T>(build: () => T, flags: FlagNames = {}): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof FixtureInvalidError) {
      throw new UsageError(error.issues.map((issue) => `--set ${setFieldOf(issue.path) || '(the fixture)'}: ${issue.message}`).join('; '));
    }
    if (error instanceof TypeError || isConfigInvalid(error)) {
      throw new UsageError(inFlagTerms(error.message.replace(/^build\w+Request: /, ''), flags));
    }
    throw error;
  }
}
