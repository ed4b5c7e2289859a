import { CATALOGUE, type CatalogueDefinition, type PushChannel, type WireNode } from '@x/wx-audit-middleware';
import { buildPushRequest, PUSH_FORMATS, PUSH_MODES, type PushFormat, type PushMode } from './build-push-request.js';
import { oneOf, required, str } from './cli-args.js';
import { asUsage } from './cli-flags.js';
import { parseSets, type SetKind } from './cli-sets.js';
import { envelopeFields } from './catalogue-to-wire.js';
import type { TriggerableEvent } from './cli-triggerable-event.js';
import { UsageError } from './cli-usage-error.js';
import { createFixtures } from './create-fixtures.js';
import type { AnyCatalogueFixture } from './fixture-types.js';

/**
 * `wx-audit trigger <kebab-name>` for every catalogue event: the command-line name is the kebab-case of the
 * event's name (`weappAuditFail` → `weapp-audit-fail`, `notify3rdWxaAuthAndIcp` → `notify-3rd-wxa-auth-and-icp`),
 * which is its wire name with dashes for every event but `sceneAudit` (`scene-audit`).
 */
export function kebabCase(name: string): string {
  return name.replace(/([a-z])(?=[A-Z0-9])|([0-9])(?=[A-Z])/g, '$1$2-').toLowerCase();
}

/** Where WeChat sends each channel's pushes, for help and error text. */
export const CHANNEL_URL: Readonly<Record<PushChannel, string>> = {
  'mini-program': "a Mini Program's message push URL",
  'third-party-message': "a third-party platform's message URL (…/<authorizer appid>)",
  'third-party-authorization': "a third-party platform's authorization-event URL",
  'wechat-shop': "a WeChat Shop's push URL",
  'official-account': "an Official Account's push URL",
};

/** `Event=weapp_audit_fail` or `InfoType=component_verify_ticket`: what tells the push's kind on the wire. */
export const wireOf = (definition: CatalogueDefinition): string => ('event' in definition.wire ? `Event=${definition.wire.event}` : `InfoType=${definition.wire.infoType}`);

const APPID = /^wx[0-9a-f]{16}$/;

export const PUSH_USAGE_TITLE = 'Options of every WeChat push (scene-audit and the catalogue events above)';

const PUSH_USAGE = [
  '--token <token>        message-push Token (required)',
  '--aes-key <key>        43-character EncodingAESKey (needed for compatible and safe mode)',
  '--app-id <appid>       receiveId of encrypted pushes (needed with --aes-key): the appid, or a platform\'s component appid (an InfoType push\'s AppId)',
  `--mode <mode>          ${PUSH_MODES.join(' | ')} (default: safe with --aes-key, else plain; WeChat Shop events: safe only)`,
  `--format <format>      ${PUSH_FORMATS.join(' | ')} (default: the channel's, json for WeChat Shop events, else xml; shop events: json only)`,
  '--authorizer <appid>   third-party message pushes: send to <url>/<appid>, as WeChat does for an authorizer',
  '--set field=value      override a fixture field (camelCase, dotted paths into objects; lists and objects as JSON)',
];

const PUSH_OPTIONS = {
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  'app-id': { type: 'string' },
  mode: { type: 'string' },
  format: { type: 'string' },
  authorizer: { type: 'string' },
} as const;

type Draw = (overrides?: object) => AnyCatalogueFixture;

/** The type of the field a `--set` path names, from the event's layout (list indices step into the item); undefined when no field has that path. */
export function kindAt(definition: CatalogueDefinition, path: readonly string[]): SetKind | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  if (envelopeFields(definition).includes(head)) return rest.length > 0 ? undefined : head === 'createTime' ? 'number' : 'text';
  let node: WireNode | undefined = definition.layout.find((field) => field.name === head)?.node;
  for (const key of rest) {
    if (node?.kind === 'list') {
      node = node.item;
      if (/^\d+$/.test(key)) continue;
    }
    node = node?.kind === 'object' ? node.fields.find((field) => field.name === key)?.node : undefined;
  }
  return node?.kind;
}

/** One catalogue event as a trigger: its fixture with the `--set` overrides, built as WeChat sends it. */
function pushTrigger(definition: CatalogueDefinition, summary: string): TriggerableEvent {
  const { name } = definition;
  return {
    summary,
    options: PUSH_OPTIONS,
    usage: PUSH_USAGE,
    usageTitle: PUSH_USAGE_TITLE,
    build(values, fx, sets) {
      const encodingAESKey = str(values, 'aes-key');
      const token = required(values, 'token');
      const mode = oneOf<PushMode>(values, 'mode', PUSH_MODES);
      const format = oneOf<PushFormat>(values, 'format', PUSH_FORMATS);
      return asUsage(
        () => {
          // A fixed sample tells parseSets each field's type (a number stays a number).
          const sample = (createFixtures({ seed: 0 }) as unknown as Record<string, Draw>)[name]!();
          const overrides = parseSets(sets, sample, (path) => kindAt(definition, path));
          const appId = str(values, 'app-id');
          // WeChat's AppId on the authorization-event URL is the component appid the push is encrypted for.
          if ('infoType' in definition.wire && appId !== undefined && !('appId' in overrides)) overrides.appId = appId;
          const msg = (fx as unknown as Record<string, Draw>)[name]!(overrides);
          return buildPushRequest(msg, { token, encodingAESKey, appId, mode, format });
        },
        { encodingAESKey: '--aes-key', appId: '--app-id', token: '--token' },
      );
    },
    target(url, values) {
      const authorizer = str(values, 'authorizer');
      if (authorizer === undefined) return url;
      if (!definition.channels.includes('third-party-message')) {
        const where = definition.channels.map((channel) => CHANNEL_URL[channel]).join(' or ');
        throw new UsageError(`--authorizer: ${kebabCase(name)} is not a third-party message push (WeChat sends it to ${where}); only those name an authorizer in the URL.`);
      }
      if (!APPID.test(authorizer)) throw new UsageError(`--authorizer must be an authorizer's appid (wx and 16 lower-case hex digits); got "${authorizer}".`);
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        throw new UsageError(`--url must be an http(s) URL; got "${url}".`);
      }
      target.pathname = `${target.pathname.replace(/\/+$/, '')}/${authorizer}`;
      return target.toString();
    },
  };
}

/** Every catalogue push as a trigger, by kebab name, in the catalogue's order (`scene-audit` keeps its summary). */
export function pushTriggers(): Record<string, TriggerableEvent> {
  return Object.fromEntries(
    CATALOGUE.map((definition) => [
      kebabCase(definition.name),
      pushTrigger(definition, definition.name === 'sceneAudit' ? `a scene audit result push (${wireOf(definition)})` : `${definition.name} (${wireOf(definition)})`),
    ]),
  );
}
